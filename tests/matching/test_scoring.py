from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from matching.engine import rank
from matching.features import CandidateFeatures, ExperienceItem, MatchContext, VacancyFeatures
from matching.ranker import LabelledDecision, train
from matching.scoring import COMPONENTS, DEFAULT_WEIGHTS, combine, score_pair

SKILLS = [f"http://data.europa.eu/esco/skill/s{i}" for i in range(12)]
unit = st.one_of(st.floats(min_value=-5, max_value=5), st.just(float("nan")))
weights = st.dictionaries(
    st.sampled_from(COMPONENTS), st.floats(min_value=-1, max_value=10, allow_nan=False), max_size=5
)


@given(values=st.fixed_dictionaries(dict.fromkeys(COMPONENTS, unit)), w=weights)
@example(
    values={"semantic": float("nan"), "skills": 1.0, "occupation": 1.0, "experience": float("nan"), "language": 1.0},
    w={"skills": 6.2, "occupation": 11.2, "language": 9.6},  # rounded parts summed to 1.000001 (CI, stop 19)
)
@settings(max_examples=300)
def test_score_is_in_unit_interval_and_contributions_add_up(values, w) -> None:  # type: ignore[no-untyped-def]
    s = combine(values, w)
    assert 0.0 <= s.score <= 1.0
    assert abs(sum(s.contributions.values()) - s.score) < 1e-9


@given(
    held=st.sets(st.sampled_from(SKILLS)),
    ess=st.sets(st.sampled_from(SKILLS), min_size=1),
    cos=st.floats(-1, 1),
    months=st.integers(0, 400),
    level=st.sampled_from(["A1", "B1", "C2"]),
)
def test_pair_scores_stay_in_range(held, ess, cos, months, level) -> None:  # type: ignore[no-untyped-def]
    c = CandidateFeatures(
        id=1, skills=frozenset(held), languages=(("de", level),), experience=(ExperienceItem("o", "5120", months),)
    )
    v = VacancyFeatures(
        id=1, country="DE", essential_skills=frozenset(ess), isco_group="5120", languages=(("de", "B1"),)
    )
    s = score_pair(c, v, cos, DEFAULT_WEIGHTS)
    assert 0.0 <= s.score <= 1.0
    assert abs(sum(s.contributions.values()) - s.score) < 1e-9


def test_default_weights_are_documented_and_add_up_to_one() -> None:
    assert set(DEFAULT_WEIGHTS) == set(COMPONENTS)
    assert abs(sum(DEFAULT_WEIGHTS.values()) - 1) < 1e-9


def test_certified_skills_weigh_more_than_self_declared() -> None:
    v = VacancyFeatures(id=1, country="DE", essential_skills=frozenset(SKILLS[:2]))
    self_declared = CandidateFeatures(id=1, skills=frozenset(SKILLS[:2]))
    certified = CandidateFeatures(id=2, skills=frozenset(SKILLS[:2]), verified_skills=frozenset(SKILLS[:2]))
    assert (
        score_pair(certified, v, 0.5, DEFAULT_WEIGHTS).score > score_pair(self_declared, v, 0.5, DEFAULT_WEIGHTS).score
    )


def test_same_occupation_beats_sibling_in_isco_group_beats_unrelated() -> None:
    v = VacancyFeatures(id=1, country="DE", occupation_uri="occ/nurse", isco_group="2221")
    same = CandidateFeatures(id=1, occupations=(("occ/nurse", "2221"),))
    sibling = CandidateFeatures(id=2, occupations=(("occ/midwife", "2221"),))
    other = CandidateFeatures(id=3, occupations=(("occ/cook", "5120"),))
    ranked = rank(v, [other, sibling, same], {}, DEFAULT_WEIGHTS, MatchContext(today=dt.date(2026, 1, 1)))
    assert [p.candidate_id for p in ranked] == [1, 2, 3]


def test_eligible_candidates_come_before_ineligible_ones_whatever_the_score() -> None:
    v = VacancyFeatures(id=1, country="DE", essential_skills=frozenset(SKILLS[:3]))
    strong_but_elsewhere = CandidateFeatures(
        id=1, skills=frozenset(SKILLS[:3]), destinations=("BE",), birth_date=dt.date(1990, 1, 1)
    )
    weak = CandidateFeatures(id=2, birth_date=dt.date(1990, 1, 1))
    ranked = rank(v, [strong_but_elsewhere, weak], {}, DEFAULT_WEIGHTS, MatchContext(today=dt.date(2026, 1, 1)))
    assert [(p.candidate_id, p.eligible) for p in ranked] == [(2, True), (1, False)]
    assert ranked[1].failed_rules == ("destination_accepted",)


def test_ranker_keeps_defaults_below_minimum_and_learns_above() -> None:
    few = [LabelledDecision(values={"skills": 1.0}, positive=True)] * 5
    assert train(few).learned is False and train(few).weights == DEFAULT_WEIGHTS
    many = [LabelledDecision(values={"skills": 0.9, "semantic": 0.1 * (i % 3)}, positive=True) for i in range(40)]
    many += [LabelledDecision(values={"skills": 0.1, "semantic": 0.1 * (i % 3)}, positive=False) for i in range(40)]
    result = train(many)
    assert result.learned
    assert result.weights["skills"] == max(result.weights.values())
    assert abs(sum(result.weights.values()) - 1) < 1e-6
    assert result.metrics["cv_auc"] > 0.9
