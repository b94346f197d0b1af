"""The engine hears what programmes change: a credential decision re-matches its holder, a scheme change re-runs
its published vacancies (events delivered after commit through the outbox)."""

from __future__ import annotations

import pytest

from core.models import OutboxEvent
from matching.models import MatchRun
from programmes.services import credential_verify
from programmes.services.quotas import scheme_quota_set
from taxonomy.models import Skill
from tests.factories.candidates import CandidateSkillFactory
from tests.factories.employers import VacancyFactory, VacancySkillFactory
from tests.factories.programmes import CredentialFactory, LegalSchemeFactory
from tests.factories.review import ConsentingCandidateFactory

pytestmark = pytest.mark.django_db


def _vacancy_the_candidate_fits(candidate, **kwargs):  # type: ignore[no-untyped-def]
    skill = Skill.objects.order_by("id").first()
    CandidateSkillFactory(profile=candidate, skill=skill, label=skill.preferred_label)
    vacancy = VacancyFactory(**kwargs)
    VacancySkillFactory(vacancy=vacancy, skill=skill)
    return vacancy


def test_verifying_a_credential_runs_the_holders_open_vacancies_again(
    programme, programme_admin, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    candidate = ConsentingCandidateFactory()
    vacancy = _vacancy_the_candidate_fits(candidate)
    credential = CredentialFactory(candidate=candidate, programme=programme)
    assert not MatchRun.objects.filter(vacancy=vacancy).exists()

    with django_capture_on_commit_callbacks(execute=True):
        credential_verify(credential=credential, actor=programme_admin)

    run = MatchRun.objects.get(vacancy=vacancy)
    assert run.trigger == MatchRun.Trigger.PROFILE
    assert not OutboxEvent.objects.filter(name="credential_changed", delivered_at__isnull=True).exists()


def test_a_quota_change_runs_the_schemes_published_vacancies_again(
    programme, programme_admin, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    scheme = LegalSchemeFactory(programme=programme)
    published = VacancyFactory(scheme=scheme)
    draft = VacancyFactory(scheme=scheme, status="draft")
    elsewhere = VacancyFactory()

    with django_capture_on_commit_callbacks(execute=True):
        scheme_quota_set(scheme=scheme, actor=programme_admin, year=2027, quota=5)

    assert list(MatchRun.objects.values_list("vacancy_id", "trigger")) == [(published.pk, "scheme")]
    assert not MatchRun.objects.filter(vacancy__in=[draft, elsewhere]).exists()
