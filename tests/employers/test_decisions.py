"""What an employer sees of matches, and the decisions they take on released candidates."""

from __future__ import annotations

import pytest

from core.exceptions import Conflict, NotFound, ValidationFailed
from core.models import DecisionLog
from employers import services
from employers.models import Vacancy
from employers.selectors import released_matches
from matching.models import Match, MatchDecision
from programmes.models import SchemeQuota
from tests.employers.conftest import release
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.employers import VacancyFactory
from tests.factories.programmes import LegalSchemeFactory

pytestmark = pytest.mark.django_db


def test_proposed_match_is_invisible_to_employer(employer_member, candidate):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    Match.objects.create(vacancy=vacancy, candidate=candidate, status=Match.Status.PROPOSED)
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == []


def test_released_status_without_caseworker_release_record_is_invisible(employer_member, candidate):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    Match.objects.create(vacancy=vacancy, candidate=candidate, status=Match.Status.RELEASED)
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == []


def test_released_match_is_visible_to_own_members_only(employer_member, other_employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == [match]
    assert list(released_matches(viewer=other_employer_member.user, vacancy=vacancy)) == []


def test_shortlist_interview_hire_are_recorded_with_who_and_when(
    matching_hooks, employer_member, candidate, caseworker
):
    vacancy = VacancyFactory(organisation=employer_member.organisation, positions=2)
    match = release(vacancy, candidate, caseworker=caseworker)
    user = employer_member.user
    services.match_employer_decide(match=match, actor=user, decision="shortlist", reason_code="skills")
    services.match_employer_decide(
        match=match, actor=user, decision="interview", reason_code="good_fit", note="Video call"
    )
    services.match_employer_decide(match=match, actor=user, decision="hire", reason_code="offer_accepted")
    match.refresh_from_db()
    assert match.status == Match.Status.HIRED
    actions = list(
        MatchDecision.objects.filter(match=match, actor=user).values_list("action", "from_status", "to_status")
    )
    assert actions == [
        ("shortlist", "released", "shortlisted"),
        ("interview", "shortlisted", "interview"),
        ("hire", "interview", "hired"),
    ]
    assert DecisionLog.objects.filter(subject_type="match", subject_id=match.pk, actor=user).count() == 3
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PUBLISHED  # one of two positions filled


def test_last_hire_fills_the_vacancy(matching_hooks, employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation, positions=1)
    match = release(vacancy, candidate, caseworker=caseworker)
    services.match_employer_decide(
        match=match, actor=employer_member.user, decision="hire", reason_code="offer_accepted"
    )
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.FILLED
    assert matching_hooks.left == [vacancy.pk]


def test_decision_needs_a_fitting_reason(employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    with pytest.raises(ValidationFailed) as exc:
        services.match_employer_decide(
            match=match, actor=employer_member.user, decision="decline", reason_code="good_fit"
        )
    assert exc.value.field == "reason_code"
    with pytest.raises(ValidationFailed):
        services.match_employer_decide(match=match, actor=employer_member.user, decision="promote", reason_code="other")


def test_declined_candidate_cannot_be_hired(employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    services.match_employer_decide(match=match, actor=employer_member.user, decision="decline", reason_code="language")
    with pytest.raises(Conflict):
        services.match_employer_decide(
            match=match, actor=employer_member.user, decision="hire", reason_code="offer_accepted"
        )


def test_other_organisation_cannot_decide(employer_member, other_employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    with pytest.raises(NotFound):
        services.match_employer_decide(
            match=match, actor=other_employer_member.user, decision="shortlist", reason_code="skills"
        )
    assert Match.objects.get(pk=match.pk).status == Match.Status.RELEASED


def test_unreleased_match_cannot_be_decided(employer_member, candidate):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = Match.objects.create(vacancy=vacancy, candidate=candidate, status=Match.Status.PROPOSED)
    with pytest.raises(NotFound):
        services.match_employer_decide(
            match=match, actor=employer_member.user, decision="shortlist", reason_code="skills"
        )


def test_hire_consumes_scheme_quota_and_stops_when_full(matching_hooks, employer_member, caseworker):
    scheme = LegalSchemeFactory(destination_country="DE")
    from django.utils import timezone

    quota = SchemeQuota.objects.create(scheme=scheme, year=timezone.localdate().year, nationality="", quota=1)
    vacancy = VacancyFactory(organisation=employer_member.organisation, scheme=scheme, positions=5)
    first = release(vacancy, CandidateProfileFactory(nationality="MA"), caseworker=caseworker)
    second = release(vacancy, CandidateProfileFactory(nationality="TN"), caseworker=caseworker)
    services.match_employer_decide(
        match=first, actor=employer_member.user, decision="hire", reason_code="offer_accepted"
    )
    quota.refresh_from_db()
    assert quota.used == 1
    with pytest.raises(Conflict):
        services.match_employer_decide(
            match=second, actor=employer_member.user, decision="hire", reason_code="offer_accepted"
        )
    assert Match.objects.get(pk=second.pk).status == Match.Status.RELEASED


def test_suspended_organisation_sees_no_candidates(matching_hooks, employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    release(vacancy, candidate, caseworker=caseworker)
    services.organisation_suspend(organisation=employer_member.organisation, actor=caseworker, reason="Investigation")
    vacancy.refresh_from_db()
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == []


def test_interview_invitation_emails_the_candidate(
    employer_member, candidate, caseworker, django_capture_on_commit_callbacks
):
    from django.core import mail

    vacancy = VacancyFactory(organisation=employer_member.organisation, title="Ward nurse")
    match = release(vacancy, candidate, caseworker=caseworker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.match_employer_decide(
            match=match, actor=employer_member.user, decision="shortlist", reason_code="skills"
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.match_employer_decide(
            match=match, actor=employer_member.user, decision="interview", reason_code="good_fit"
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [candidate.user.email]
    assert "Ward nurse" in mail.outbox[0].body
