"""Each hard rule has a test that fails without it: the pair differs only in the fact the rule is about."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from matching.features import CandidateFeatures, MatchContext, Reservation, SchemeFeatures, VacancyFeatures
from matching.rules import RULES, RULES_BY_ID, RULESET_VERSION, evaluate_rules

TODAY = dt.date(2026, 3, 1)
CTX = MatchContext(today=TODAY, safeguard_countries=frozenset({"NG", "GH"}))


def candidate(**kw) -> CandidateFeatures:  # type: ignore[no-untyped-def]
    base = {"id": 1, "nationality": "MA", "birth_date": dt.date(1998, 1, 1), "languages": (("de", "B2"),)}
    return CandidateFeatures(**{**base, **kw})


def vacancy(**kw) -> VacancyFeatures:  # type: ignore[no-untyped-def]
    base = {
        "id": 1,
        "country": "DE",
        "isco_group": "5120",
        "languages": (("de", "B1"),),
        "start_date": dt.date(2026, 6, 1),
        "duration_months": 24,
    }
    return VacancyFeatures(**{**base, **kw})


def failed(c: CandidateFeatures, v: VacancyFeatures, ctx: MatchContext = CTX) -> tuple[str, ...]:
    return evaluate_rules(c, v, ctx).failed


def test_baseline_pair_is_eligible() -> None:
    assert failed(candidate(), vacancy()) == ()


def test_rule_ids_are_unique_and_described_and_versioned() -> None:
    assert len(RULES_BY_ID) == len(RULES)
    assert all(rule.description for rule in RULES)
    assert RULESET_VERSION


def test_candidate_without_matching_consent_is_ineligible() -> None:
    assert failed(candidate(matching_consent=False), vacancy()) == ("active_consented",)
    assert failed(candidate(active=False), vacancy()) == ("active_consented",)


def test_candidate_who_does_not_accept_the_destination_is_ineligible() -> None:
    assert failed(candidate(destinations=("BE",)), vacancy()) == ("destination_accepted",)
    assert failed(candidate(destinations=("BE", "DE")), vacancy()) == ()


def test_candidate_below_required_cefr_level_is_ineligible() -> None:
    assert failed(candidate(languages=(("de", "A2"),)), vacancy()) == ("language_minimum",)
    assert failed(candidate(languages=(("fr", "C2"),)), vacancy()) == ("language_minimum",)


def test_minor_on_the_start_date_is_not_matched() -> None:
    assert failed(candidate(birth_date=dt.date(2009, 7, 1)), vacancy()) == ("legal_age",)
    assert failed(candidate(birth_date=dt.date(2008, 5, 31)), vacancy()) == ()


def test_scheme_age_range_excludes_older_candidates() -> None:
    v = vacancy(scheme=SchemeFeatures(id=1, min_age=18, max_age=30))
    assert failed(candidate(birth_date=dt.date(1980, 1, 1)), v) == ("scheme_age_range",)
    assert failed(candidate(), v) == ()


def test_scheme_nationality_must_be_eligible() -> None:
    v = vacancy(scheme=SchemeFeatures(id=1, eligible_nationalities=("TN", "EG")))
    assert failed(candidate(), v) == ("scheme_nationality",)
    assert failed(candidate(nationality="TN"), v) == ()


def test_contract_longer_than_scheme_maximum_stay_is_ineligible() -> None:
    v = vacancy(duration_months=36, scheme=SchemeFeatures(id=1, max_stay_months=18))
    assert "scheme_max_stay" in failed(candidate(), v)
    assert failed(candidate(), dataclasses.replace(v, duration_months=18)) == ()


def test_exhausted_quota_for_nationality_blocks_matching() -> None:
    v = vacancy(scheme=SchemeFeatures(id=1, quota_remaining=(("MA", 0), ("", 5))))
    assert failed(candidate(), v) == ("scheme_quota",)
    assert failed(candidate(nationality="TN"), v) == ()


def test_candidate_on_safeguard_list_is_not_matched_to_nursing_vacancy() -> None:
    nursing = vacancy(isco_group="2221")
    assert failed(candidate(nationality="NG"), nursing) == ("who_safeguard",)
    assert failed(candidate(nationality="NG"), vacancy(isco_group="5120")) == ()
    assert failed(candidate(nationality="NG"), vacancy(isco_group="3221")) == ("who_safeguard",)


def test_government_to_government_programme_lifts_the_safeguard_rule() -> None:
    assert failed(candidate(nationality="NG"), vacancy(isco_group="2221", government_to_government=True)) == ()


def test_reserved_graduate_only_matches_reserved_destination_during_window() -> None:
    reserved = candidate(reservations=(Reservation(programme_id=7, until=dt.date(2026, 12, 31), destinations=("BE",)),))
    assert failed(reserved, vacancy()) == ("programme_reservation",)
    assert failed(reserved, vacancy(country="BE")) == ()
    assert failed(reserved, vacancy(programme_id=7)) == ()
    after_window = MatchContext(today=dt.date(2027, 1, 1), safeguard_countries=CTX.safeguard_countries)
    assert failed(reserved, vacancy(start_date=dt.date(2027, 2, 1)), after_window) == ()


def test_candidate_available_after_start_date_is_ineligible() -> None:
    assert failed(candidate(available_from=dt.date(2026, 9, 1)), vacancy()) == ("availability",)
    assert failed(candidate(available_from=dt.date(2026, 5, 1)), vacancy()) == ()


def test_recognition_required_but_not_held() -> None:
    v = vacancy(requires_recognition=True)
    assert failed(candidate(), v) == ("recognition",)
    assert failed(candidate(recognitions=(("DE", "pending"),)), v) == ("recognition",)
    assert (
        failed(candidate(recognitions=(("DE", "pending"),)), dataclasses.replace(v, accepts_recognition_pending=True))
        == ()
    )
    assert failed(candidate(recognitions=(("DE", "full"),)), v) == ()
    assert failed(candidate(recognitions=(("FR", "full"),)), v) == ("recognition",)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_failing_example_in_this_module(rule) -> None:  # type: ignore[no-untyped-def]
    import inspect
    import sys

    assert f'"{rule.id}"' in inspect.getsource(sys.modules[__name__])
