from __future__ import annotations

import pytest

from matching.explanations import RULE_LABELS, plain_summary
from matching.models import Match
from matching.rules import RULES


def _match(**kw) -> Match:  # type: ignore[no-untyped-def]
    base = {
        "score": 0.8,
        "eligible": True,
        "matched_essential_skills": ["a", "b"],
        "missing_essential_skills": ["c"],
        "failed_rules": [],
        "components": {"skills": 0.3, "occupation": 0.3, "semantic": 0.1},
        "explanation": {
            "values": {"occupation": 1.0, "experience": 0.6, "language": 1.0},
            "verified_essential_skills": ["a"],
        },
    }
    return Match(**{**base, **kw})


def test_every_rule_has_a_translatable_label() -> None:
    assert set(RULE_LABELS) == {r.id for r in RULES}


@pytest.mark.django_db
def test_summaries_differ_by_audience_and_name_the_evidence() -> None:
    m = _match()
    caseworker = plain_summary(match=m, audience="caseworker")
    assert "Holds 2 of 3 essential skills (1 certified by a training programme)." in caseworker
    assert "Score 80%" in caseworker
    assert "Score" not in plain_summary(match=m, audience="employer")
    assert "Your occupation is the one asked for." in plain_summary(match=m, audience="candidate")


@pytest.mark.django_db
def test_ineligible_summary_gives_the_reason_in_plain_words() -> None:
    m = _match(eligible=False, failed_rules=["who_safeguard"])
    assert "WHO safeguards list" in plain_summary(match=m, audience="caseworker")
    assert plain_summary(match=m, audience="candidate").startswith("You cannot be put forward")
