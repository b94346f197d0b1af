"""Organisation vetting, vacancy publishing rules and employer decisions, at the service layer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from core.models import DecisionLog
from employers import services
from employers.models import Membership, Organisation, Vacancy
from review.models import ReviewItem
from tests.factories.employers import MembershipFactory, OrganisationFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def _signup(**overrides):  # type: ignore[no-untyped-def]
    kwargs = {
        "legal_name": "Pflegeheim Sonnenblick GmbH",
        "country": "DE",
        "email": "chef@sonnenblick.example",
        "password": "a-long-enough-password-2026",
        "pledge_accepted": True,
        "sector": "Q",
        "size": "small",
    }
    kwargs.update(overrides)
    return services.organisation_signup(**kwargs)


def test_signup_creates_pending_organisation_with_admin_member_and_vetting_item():
    membership = _signup()
    org = membership.organisation
    assert org.status == Organisation.Status.PENDING
    assert org.pledge_accepted_at is not None
    assert membership.is_admin and membership.user.role == "employer"
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.ORGANISATION, organisation=org)
    assert item.country == "DE" and item.sector == "Q"


def test_signup_without_pledge_is_refused():
    with pytest.raises(ValidationFailed) as exc:
        _signup(pledge_accepted=False)
    assert exc.value.field == "pledge"
    assert not Organisation.objects.filter(legal_name="Pflegeheim Sonnenblick GmbH").exists()


def test_signup_with_existing_email_creates_nothing_and_says_nothing(employer_member):
    before = Organisation.objects.count()
    assert _signup(email=employer_member.user.email) is None  # the page answers as for a new address
    assert Organisation.objects.count() == before


def test_pending_organisation_can_draft_but_not_publish(matching_hooks, nurse):
    membership = _signup()
    vacancy = services.vacancy_create(
        organisation=membership.organisation,
        actor=membership.user,
        title="Nurse",
        occupation=nurse,
        country="DE",
        pay_min=3000,
        pay_max=3500,
        start_date=dt.date.today() + dt.timedelta(days=60),
        expires_on=dt.date.today() + dt.timedelta(days=30),
        duration_months=24,
    )
    assert vacancy.status == Vacancy.Status.DRAFT
    assert vacancy.skill_requirements.filter(is_essential=True).count() == 10  # ESCO short list
    assert vacancy.requires_recognition is True  # nursing is a regulated profession in ESCO
    with pytest.raises(PermissionDeniedError):
        services.vacancy_publish(vacancy=vacancy, actor=membership.user)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT
    assert matching_hooks.changed == []


def test_vetted_organisation_publishes_and_matching_is_told(matching_hooks, caseworker, nurse):
    membership = _signup()
    services.organisation_vet(organisation=membership.organisation, actor=caseworker)
    vacancy = services.vacancy_create(
        organisation=membership.organisation,
        actor=membership.user,
        title="Nurse",
        occupation=nurse,
        country="DE",
        pay_min=3000,
        pay_max=3500,
        start_date=dt.date.today() + dt.timedelta(days=60),
        expires_on=dt.date.today() + dt.timedelta(days=30),
        duration_months=24,
    )
    services.vacancy_publish(vacancy=vacancy, actor=membership.user)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.published_at is not None
    assert matching_hooks.changed == [vacancy.pk]
    assert DecisionLog.objects.filter(subject_type="organisation", action="vet", actor=caseworker).exists()


def test_only_case_officers_can_vet(employer_member):
    org = OrganisationFactory(status=Organisation.Status.PENDING)
    with pytest.raises(PermissionDeniedError):
        services.organisation_vet(organisation=org, actor=employer_member.user)


def test_invalid_vacancy_lists_every_problem_by_field_and_stays_draft(matching_hooks, employer_member):
    vacancy = VacancyFactory(
        organisation=employer_member.organisation,
        status=Vacancy.Status.DRAFT,
        occupation=None,
        pay_min=4000,
        pay_max=3000,
        positions=0,
        start_date=dt.date.today() - dt.timedelta(days=1),
        expires_on=dt.date.today(),
    )
    with pytest.raises(ValidationError) as exc:
        services.vacancy_publish(vacancy=vacancy, actor=employer_member.user)
    errors = exc.value.message_dict
    assert set(errors) >= {"pay_max", "positions", "occupation", "start_date", "expires_on"}
    assert "at least the minimum" in errors["pay_max"][0]
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT
    assert matching_hooks.changed == []


def test_missing_pay_range_blocks_publishing(matching_hooks, employer_member, nurse):
    vacancy = VacancyFactory(
        organisation=employer_member.organisation,
        status=Vacancy.Status.DRAFT,
        occupation=nurse,
        pay_min=None,
        pay_max=None,
    )
    with pytest.raises(ValidationError) as exc:
        services.vacancy_publish(vacancy=vacancy, actor=employer_member.user)
    assert {"pay_min", "pay_max"} <= set(exc.value.message_dict)


def test_essential_skills_without_occupation_are_enough(matching_hooks, employer_member):
    from taxonomy.models import Skill

    vacancy = services.vacancy_create(
        organisation=employer_member.organisation,
        actor=employer_member.user,
        title="Helper",
        country="DE",
        essential_skills=list(Skill.objects.all()[:2]),
        pay_min=2000,
        pay_max=2200,
        duration_months=12,
        start_date=dt.date.today() + dt.timedelta(days=30),
        expires_on=dt.date.today() + dt.timedelta(days=20),
    )
    services.vacancy_publish(vacancy=vacancy, actor=employer_member.user)
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PUBLISHED


def test_editing_published_vacancy_into_invalid_state_changes_nothing(matching_hooks, employer_member, nurse):
    vacancy = VacancyFactory(organisation=employer_member.organisation, occupation=nurse)
    with pytest.raises(ValidationError):
        services.vacancy_update(vacancy=vacancy, actor=employer_member.user, pay_min=9000, title="Changed")
    vacancy.refresh_from_db()
    assert vacancy.title != "Changed" and vacancy.pay_min == 2800
    services.vacancy_update(vacancy=vacancy, actor=employer_member.user, title="Changed")
    assert matching_hooks.changed == [vacancy.pk]


def test_suspension_hides_vacancies_from_matching_blocks_publishing_and_tells_members(
    matching_hooks, employer_member, caseworker, nurse
):
    org = employer_member.organisation
    published = VacancyFactory(organisation=org, occupation=nurse)
    draft = VacancyFactory(organisation=org, occupation=nurse, status=Vacancy.Status.DRAFT)
    mail.outbox.clear()
    with pytest.raises(ValidationFailed):
        services.organisation_suspend(organisation=org, actor=caseworker, reason="  ")
    services.organisation_suspend(organisation=org, actor=caseworker, reason="Fee charged to a worker")
    assert matching_hooks.left == [published.pk]
    with pytest.raises(PermissionDeniedError):
        services.vacancy_publish(vacancy=draft, actor=employer_member.user)
    from employers.selectors import vacancies_open_for_matching

    assert published not in vacancies_open_for_matching()


def test_suspension_email_tells_members_why(
    employer_member, caseworker, django_capture_on_commit_callbacks, matching_hooks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_suspend(
            organisation=employer_member.organisation, actor=caseworker, reason="Fee charged to a worker"
        )
    assert len(mail.outbox) == 1
    assert employer_member.user.email in mail.outbox[0].to
    assert "Fee charged to a worker" in mail.outbox[0].body


def test_suspension_withdraws_proposed_matches_for_real(employer_member, caseworker, candidate, nurse):
    """Without stubs: the matching engine's own withdrawal runs and proposed matches leave the queue."""
    from matching.models import Match

    vacancy = VacancyFactory(organisation=employer_member.organisation, occupation=nurse)
    match = Match.objects.create(vacancy=vacancy, candidate=candidate, status=Match.Status.PROPOSED)
    services.organisation_suspend(organisation=employer_member.organisation, actor=caseworker, reason="Fee charged")
    match.refresh_from_db()
    assert match.status == Match.Status.WITHDRAWN


def test_revetting_a_suspended_organisation_puts_vacancies_back_into_matching(
    matching_hooks, employer_member, caseworker
):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    services.organisation_suspend(organisation=employer_member.organisation, actor=caseworker, reason="Check")
    services.organisation_vet(organisation=employer_member.organisation, actor=caseworker)
    assert matching_hooks.changed == [vacancy.pk]


def test_reject_sets_status_and_reason(matching_hooks, caseworker):
    org = OrganisationFactory(status=Organisation.Status.PENDING)
    services.organisation_reject(organisation=org, actor=caseworker, reason="Not a registered company")
    org.refresh_from_db()
    assert org.status == Organisation.Status.REJECTED and org.status_reason == "Not a registered company"


def test_close_and_fill_leave_matching(matching_hooks, employer_member):
    v1 = VacancyFactory(organisation=employer_member.organisation)
    v2 = VacancyFactory(organisation=employer_member.organisation)
    services.vacancy_close(vacancy=v1, actor=employer_member.user)
    services.vacancy_close(vacancy=v2, actor=employer_member.user, filled=True)
    assert Vacancy.objects.get(pk=v1.pk).status == Vacancy.Status.CLOSED
    assert Vacancy.objects.get(pk=v2.pk).status == Vacancy.Status.FILLED
    assert matching_hooks.left == [v1.pk, v2.pk]
    with pytest.raises(Conflict):
        services.vacancy_update(vacancy=v1, actor=employer_member.user, title="Again")


def test_member_of_other_organisation_cannot_change_vacancy(matching_hooks, employer_member, other_employer_member):
    vacancy = VacancyFactory(organisation=employer_member.organisation, status=Vacancy.Status.DRAFT)
    with pytest.raises(NotFound):
        services.vacancy_publish(vacancy=vacancy, actor=other_employer_member.user)
    with pytest.raises(NotFound):
        services.vacancy_update(vacancy=vacancy, actor=other_employer_member.user, title="Hijack")


def test_invitation_creates_member_once(employer_member, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=employer_member.organisation,
            actor=employer_member.user,
            email="Colleague@Klinikum.example",
            accept_url_builder=lambda token: f"https://x.example/employers/invitations/{token}/",
        )
    assert invitation.token in mail.outbox[0].body
    membership = services.invitation_accept(invitation=invitation, password="a-long-enough-password-2026")
    assert membership.organisation == employer_member.organisation and not membership.is_admin
    assert membership.user.email == "colleague@klinikum.example" and membership.user.role == "employer"
    with pytest.raises(Conflict):
        services.invitation_accept(invitation=invitation, password="a-long-enough-password-2026")


def test_non_admin_cannot_invite(employer_member):
    colleague = MembershipFactory(organisation=employer_member.organisation, is_admin=False)
    with pytest.raises(PermissionDeniedError):
        services.invitation_create(
            organisation=employer_member.organisation, actor=colleague.user, email="x@example.org"
        )


def test_fee_report_goes_to_the_queue(candidate, employer_member):
    report = services.fee_report_create(
        organisation=employer_member.organisation,
        reporter=candidate,
        description="Asked for 1500 EUR for a visa appointment",
    )
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.FEE_REPORT, fee_report=report)
    assert item.priority == 1
    assert Membership.objects.count() == 1


def test_expired_vacancies_are_closed_and_leave_matching(matching_hooks, employer_member):
    expired = VacancyFactory(
        organisation=employer_member.organisation, expires_on=dt.date.today() - dt.timedelta(days=1)
    )
    current = VacancyFactory(organisation=employer_member.organisation)
    from employers.tasks import close_expired_vacancies

    assert close_expired_vacancies() == 1
    assert Vacancy.objects.get(pk=expired.pk).status == Vacancy.Status.CLOSED
    assert Vacancy.objects.get(pk=current.pk).status == Vacancy.Status.PUBLISHED
    assert matching_hooks.left == [expired.pk]
    assert close_expired_vacancies() == 0
