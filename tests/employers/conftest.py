"""Employer test helpers: record what the employers app tells the matching engine (its hooks)."""

from __future__ import annotations

import datetime as dt

import pytest


class HookRecorder:
    def __init__(self) -> None:
        self.changed: list[int] = []
        self.left: list[int] = []


@pytest.fixture
def matching_hooks(monkeypatch):  # type: ignore[no-untyped-def]
    """Replace matching.hooks.vacancy_changed / vacancy_left_matching with recorders (the engine is tested apart)."""
    from matching import hooks

    recorder = HookRecorder()
    monkeypatch.setattr(hooks, "vacancy_changed", lambda *, vacancy_id: recorder.changed.append(vacancy_id))
    monkeypatch.setattr(hooks, "vacancy_left_matching", lambda *, vacancy_id: recorder.left.append(vacancy_id))
    return recorder


@pytest.fixture
def nurse():  # type: ignore[no-untyped-def]
    from taxonomy.models import Occupation

    return Occupation.objects.get(preferred_label="nurse responsible for general care")


def valid_vacancy_post(esco_occupation, **overrides):  # type: ignore[no-untyped-def]
    """Form data for a vacancy that can be published."""
    from taxonomy.selectors import occupation_skill_shortlist

    essential, optional = occupation_skill_shortlist(occupation=esco_occupation), []
    today = dt.date.today()
    data = {
        "title": "Registered nurse, surgical ward",
        "description": "Care for patients on a 30-bed surgical ward.",
        "occupation": esco_occupation.uri,
        "essential_skills": [s.uri for s in essential],
        "optional_skills": [s.uri for s in optional],
        "country": "DE",
        "city": "Hamburg",
        "sector": "Q",
        "positions": "3",
        "contract_type": "fixed_term",
        "duration_months": "24",
        "start_date": (today + dt.timedelta(days=120)).isoformat(),
        "expires_on": (today + dt.timedelta(days=60)).isoformat(),
        "pay_min": "3100",
        "pay_max": "3600",
        "pay_currency": "EUR",
        "pay_period": "month",
        "requires_recognition": "on",
        "accepts_recognition_pending": "on",
        "language_1": "de",
        "level_1": "B2",
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def release(  # type: ignore[no-untyped-def]
    vacancy, candidate, *, caseworker=None, status="released", consents=True, **fields
):
    """A match a caseworker approved: status released and a MatchDecision "release", as review.match_release leaves it
    (which requires the candidate's consent to keep the profile and share it: granted here unless `consents=False`)."""
    from django.utils import timezone

    from candidates.models import Consent
    from matching.models import Match, MatchDecision

    if consents:
        for purpose in (Consent.Purpose.KEEP_PROFILE, Consent.Purpose.SHARE_WITH_EMPLOYERS):
            if not candidate.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists():
                Consent.objects.create(
                    profile=candidate, purpose=purpose, text_version="2026-01", granted_at=timezone.now()
                )

    match = Match.objects.create(
        vacancy=vacancy,
        candidate=candidate,
        status=status,
        released_at=timezone.now(),
        released_by=caseworker,
        **fields,
    )
    MatchDecision.objects.create(
        match=match,
        actor=caseworker,
        actor_role="caseworker",
        action="release",
        from_status="proposed",
        to_status="released",
    )
    return match
