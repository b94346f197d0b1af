"""Employer pages: sign-up, the vacancy editor, released candidates, and who may open what."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from candidates.models import Consent
from core.models import AccessLog
from employers.models import Invitation, Organisation, Vacancy
from matching.models import Match
from tests.employers.conftest import release, valid_vacancy_post
from tests.factories.candidates import ConsentFactory
from tests.factories.employers import InvitationFactory, VacancyFactory
from tests.factories.programmes import ProgrammeFactory

pytestmark = pytest.mark.django_db


def signup_data(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "legal_name": "Gasthof zur Linde KG",
        "country": "AT",
        "registration_number": "FN 123456a",
        "sector": "I",
        "size": "micro",
        "website": "https://linde.example",
        "address": "Dorfplatz 1, 6020 Innsbruck",
        "email": "wirt@linde.example",
        "password1": "a-long-enough-password-2026",
        "password2": "a-long-enough-password-2026",
        "pledge": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_signup_page_creates_pending_org_and_the_mailed_link_opens_it(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("employers:signup"), signup_data())
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    org = Organisation.objects.get(legal_name="Gasthof zur Linde KG")
    assert org.status == Organisation.Status.PENDING and org.country == "AT"
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/verify/\S+)", mail.outbox[0].body).group(1)
    assert client.get(link).status_code == 302
    page = client.get(reverse("employers:dashboard")).content.decode()
    assert "waiting to be vetted" in page


def test_signup_without_pledge_shows_message_on_the_pledge(client):
    response = client.post(reverse("employers:signup"), signup_data(pledge=None))
    assert response.status_code == 200
    assert "fair recruitment pledge must be accepted" in response.content.decode()
    assert not Organisation.objects.exists()


def test_signup_with_bad_country_and_mismatched_passwords(client):
    response = client.post(reverse("employers:signup"), signup_data(country="XX", password2="other-password-2026"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body and "The two passwords differ" in body


def test_invitation_link_creates_colleague(client, employer_member):
    invitation = InvitationFactory(organisation=employer_member.organisation, email="nurse.lead@klinikum.example")
    url = reverse("employers:invitation_accept", kwargs={"token": invitation.token})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"password1": "a-long-enough-password-2026", "password2": "a-long-enough-password-2026"}
    )
    assert response.status_code == 302
    assert employer_member.organisation.memberships.filter(user__email="nurse.lead@klinikum.example").exists()
    assert client.get(url).status_code == 404  # used once


def test_unknown_invitation_token_is_404(client):
    assert client.get(reverse("employers:invitation_accept", kwargs={"token": "nope"})).status_code == 404


def test_admin_invites_from_organisation_page(client_for, employer_member):
    client = client_for(employer_member.user)
    response = client.post(reverse("employers:organisation"), {"email": "new@klinikum.example"})
    assert response.status_code == 302
    assert Invitation.objects.filter(organisation=employer_member.organisation, email="new@klinikum.example").exists()


def test_suggest_prefills_occupation_and_essential_skills(client_for, employer_member):
    client = client_for(employer_member.user)
    response = client.post(
        reverse("employers:vacancy_create"),
        {"title": "nurse responsible for general care", "action": "suggest", "country": "DE", "positions": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="http://data.europa.eu/esco/occupation/' in body
    assert body.count('name="essential_skills"') >= 80  # ESCO's essential skills of the occupation, ticked
    assert "Please fix" not in body  # helper actions do not shout errors


def test_save_and_publish_from_form(client_for, employer_member, nurse, matching_hooks):
    client = client_for(employer_member.user)
    response = client.post(reverse("employers:vacancy_create"), valid_vacancy_post(nurse, action="publish"))
    assert response.status_code == 302
    vacancy = Vacancy.objects.get(organisation=employer_member.organisation)
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.skill_requirements.filter(is_essential=True).count() == 10  # what the form posted
    assert list(vacancy.languages.values_list("code", "min_level")) == [("de", "B2")]
    assert matching_hooks.changed == [vacancy.pk]


def test_publish_with_invalid_fields_saves_draft_and_marks_fields(client_for, employer_member, nurse, matching_hooks):
    client = client_for(employer_member.user)
    data = valid_vacancy_post(
        nurse, action="publish", pay_min=None, pay_max=None, expires_on=timezone.localdate().isoformat()
    )
    response = client.post(reverse("employers:vacancy_create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "pay range" in body and "expiry date must be after today" in body
    vacancy = Vacancy.objects.get(organisation=employer_member.organisation)
    assert vacancy.status == Vacancy.Status.DRAFT
    assert matching_hooks.changed == []


def test_form_refuses_min_pay_above_max(client_for, employer_member, nurse):
    client = client_for(employer_member.user)
    response = client.post(
        reverse("employers:vacancy_create"), valid_vacancy_post(nurse, pay_min="5000", pay_max="100")
    )
    assert response.status_code == 200
    assert "maximum pay must be at least the minimum pay" in response.content.decode()
    assert not Vacancy.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"positions": "0"},
        {"positions": "abc"},
        {"pay_min": "1e99"},
        {"start_date": "31/31/2026"},
        {"occupation": "http://example.org/not-esco"},
        {"essential_skills": ["x"]},
    ],
)
def test_garbage_input_gives_form_errors_not_500(client_for, employer_member, nurse, bad):
    client = client_for(employer_member.user)
    response = client.post(reverse("employers:vacancy_create"), valid_vacancy_post(nurse, **bad))
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


def test_pending_org_cannot_publish_through_page(client_for, employer_member, nurse, matching_hooks):
    Organisation.objects.filter(pk=employer_member.organisation_id).update(status=Organisation.Status.PENDING)
    vacancy = VacancyFactory(organisation=employer_member.organisation, occupation=nurse, status=Vacancy.Status.DRAFT)
    client = client_for(employer_member.user)
    response = client.post(reverse("employers:vacancy_publish", kwargs={"pk": vacancy.pk}), follow=True)
    assert "must be vetted" in response.content.decode()
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.DRAFT


def test_vacancy_page_links_programmes_training_for_the_occupation(client_for, employer_member, nurse, programme):
    programme.occupations.add(nurse)
    programme.destination_countries = ["DE"]
    programme.how_to_join = "Write to the employer desk of the partnership."
    programme.save()
    vacancy = VacancyFactory(organisation=employer_member.organisation, occupation=nurse, country="DE")
    body = (
        client_for(employer_member.user)
        .get(reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert "Test THAMM" in body


def _employer_urls(vacancy, match):  # type: ignore[no-untyped-def]
    return [
        ("get", reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk})),
        ("get", reverse("employers:vacancy_edit", kwargs={"pk": vacancy.pk})),
        ("get", reverse("employers:vacancy_candidates", kwargs={"pk": vacancy.pk})),
        ("post", reverse("employers:vacancy_publish", kwargs={"pk": vacancy.pk})),
        ("post", reverse("employers:vacancy_close", kwargs={"pk": vacancy.pk})),
        ("post", reverse("employers:match_decide", kwargs={"pk": vacancy.pk, "match_id": match.pk})),
    ]


@pytest.mark.parametrize("status", ["draft", "published"])
def test_employer_b_gets_404_on_every_page_of_employer_a(
    client_for, employer_member, other_employer_member, candidate, caseworker, status, matching_hooks
):
    vacancy = VacancyFactory(organisation=employer_member.organisation, status=status)
    match = release(vacancy, candidate, caseworker=caseworker)
    client = client_for(other_employer_member.user)
    for method, url in _employer_urls(vacancy, match):
        assert getattr(client, method)(url).status_code == 404, url
    assert Vacancy.objects.get(pk=vacancy.pk).status == status
    assert Match.objects.get(pk=match.pk).status == Match.Status.RELEASED
    assert vacancy.title not in client.get(reverse("employers:dashboard")).content.decode()


@pytest.mark.parametrize("role_fixture", ["candidate", "programme_admin"])
def test_other_roles_get_404_on_employer_pages(client_for, request, employer_member, role_fixture):
    user = request.getfixturevalue(role_fixture)
    user = getattr(user, "user", user)
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    client = client_for(user)
    for url in (
        reverse("employers:dashboard"),
        reverse("employers:vacancy_create"),
        reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk}),
    ):
        assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("employers:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_candidates_page_shows_the_explanation_and_logs_access(client_for, employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    release(
        vacancy,
        candidate,
        caseworker=caseworker,
        matched_essential_skills=["apply nursing care"],
        missing_essential_skills=["administer medication"],
    )
    body = (
        client_for(employer_member.user)
        .get(reverse("employers:vacancy_candidates", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert "administer medication" in body and "apply nursing care" in body
    log = AccessLog.objects.get(subject_candidate_id=candidate.pk, part="match_explanation")
    assert log.actor == employer_member.user


def test_candidates_page_shows_identity_with_share_consent(client_for, employer_member, candidate, caseworker):
    ConsentFactory(profile=candidate, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS)
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    release(vacancy, candidate, caseworker=caseworker)
    body = (
        client_for(employer_member.user)
        .get(reverse("employers:vacancy_candidates", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert candidate.family_name in body and candidate.user.email in body
    assert set(AccessLog.objects.filter(subject_candidate_id=candidate.pk).values_list("part", flat=True)) == {
        "match_explanation",
        "identity_contact",
    }


def test_withdrawn_share_consent_takes_the_card_off_the_page(client_for, employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    release(vacancy, candidate, caseworker=caseworker)
    Consent.objects.filter(profile=candidate).update(withdrawn_at=timezone.now())
    body = (
        client_for(employer_member.user)
        .get(reverse("employers:vacancy_candidates", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert candidate.family_name not in body and candidate.pseudonymous_label not in body
    assert not AccessLog.objects.filter(subject_candidate_id=candidate.pk).exists()


def test_proposed_candidate_not_on_candidates_page(client_for, employer_member, candidate):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    Match.objects.create(vacancy=vacancy, candidate=candidate, status=Match.Status.PROPOSED)
    body = (
        client_for(employer_member.user)
        .get(reverse("employers:vacancy_candidates", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert candidate.pseudonymous_label not in body
    assert not AccessLog.objects.filter(subject_candidate_id=candidate.pk).exists()


def test_decision_through_page_and_wrong_reason_shows_error(client_for, employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    client = client_for(employer_member.user)
    url = reverse("employers:match_decide", kwargs={"pk": vacancy.pk, "match_id": match.pk})
    response = client.post(url, {f"m{match.pk}-decision": "decline", f"m{match.pk}-reason": "shortlist:skills"})
    assert response.status_code == 200 and "fits the decision" in response.content.decode()
    response = client.post(
        url,
        {
            f"m{match.pk}-decision": "shortlist",
            f"m{match.pk}-reason": "shortlist:skills",
            f"m{match.pk}-note": "Strong ward experience",
        },
    )
    assert response.status_code == 302
    assert Match.objects.get(pk=match.pk).status == Match.Status.SHORTLISTED


def test_dashboard_counts_stages_and_lists_waiting_work(
    client_for, employer_member, candidate, other_candidate, caseworker
):
    from tests.factories.candidates import CandidateProfileFactory

    vacancy = VacancyFactory(organisation=employer_member.organisation, title="Night nurse")
    Match.objects.create(vacancy=vacancy, candidate=CandidateProfileFactory(), status=Match.Status.PROPOSED)
    release(vacancy, candidate, caseworker=caseworker)
    release(vacancy, other_candidate, caseworker=caseworker, status="interview")
    response = client_for(employer_member.user).get(reverse("employers:dashboard"))
    counts = response.context["rows"][0][1]
    assert (counts["proposed"], counts["released"], counts["shortlisted"], counts["interview"], counts["hired"]) == (
        1,
        2,
        1,
        1,
        0,
    )
    body = response.content.decode()
    assert "1 released candidate to look at" in body
    assert "1 interview waiting for your decision" in body


def test_candidate_reports_fee_from_page(client_for, candidate, employer_member):
    from review.models import ReviewItem

    client = client_for(candidate.user)
    response = client.post(
        reverse("employers:fee_report"),
        {"organisation": employer_member.organisation_id, "description": "Asked to pay for the job offer"},
    )
    assert response.status_code == 302
    assert ReviewItem.objects.filter(kind="fee_report", fee_report__organisation=employer_member.organisation).exists()
    assert client_for(employer_member.user).get(reverse("employers:fee_report")).status_code == 404


def test_stage_counts_remember_stages_passed_before_a_decline(employer_member, candidate, caseworker, matching_hooks):
    from employers import services
    from employers.selectors import vacancy_stage_counts

    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    services.match_employer_decide(
        match=match, actor=employer_member.user, decision="interview", reason_code="good_fit"
    )
    services.match_employer_decide(match=match, actor=employer_member.user, decision="decline", reason_code="language")
    counts = vacancy_stage_counts(vacancies=[vacancy])[vacancy.pk]
    assert (counts["released"], counts["shortlisted"], counts["interview"], counts["hired"], counts["declined"]) == (
        1,
        1,
        1,
        0,
        1,
    )
    assert counts["waiting"] == 0


# Every employers route with who may use it. A new route without a row here fails the next test.
ROUTES = {
    "signup": ("get", {}, {"anonymous": 200, "candidate": 302, "other_employer": 302}),
    "dashboard": ("get", {}, {"anonymous": 302, "candidate": 404, "other_employer": 200}),
    "organisation": ("get", {}, {"anonymous": 302, "candidate": 404, "other_employer": 200}),
    "invitation_accept": ("get", {"token": "TOKEN"}, {"anonymous": 200, "candidate": 200, "other_employer": 200}),
    "vacancy_create": ("get", {}, {"anonymous": 302, "candidate": 404, "other_employer": 200}),
    "vacancy_detail": ("get", {"pk": "VACANCY"}, {"anonymous": 302, "candidate": 404, "other_employer": 404}),
    "vacancy_edit": ("get", {"pk": "VACANCY"}, {"anonymous": 302, "candidate": 404, "other_employer": 404}),
    "vacancy_publish": ("post", {"pk": "VACANCY"}, {"anonymous": 302, "candidate": 404, "other_employer": 404}),
    "vacancy_close": ("post", {"pk": "VACANCY"}, {"anonymous": 302, "candidate": 404, "other_employer": 404}),
    "vacancy_candidates": ("get", {"pk": "VACANCY"}, {"anonymous": 302, "candidate": 404, "other_employer": 404}),
    "match_decide": (
        "post",
        {"pk": "VACANCY", "match_id": "MATCH"},
        {"anonymous": 302, "candidate": 404, "other_employer": 404},
    ),
    "fee_report": ("get", {}, {"anonymous": 302, "candidate": 200, "other_employer": 404}),
    "programme_employers": (
        "get",
        {"slug": "PROGRAMME"},
        {"anonymous": 302, "candidate": 404, "other_employer": 404, "caseworker": 200},
    ),
}


def test_every_employers_route_has_an_access_row():
    from employers.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_access_matrix(
    client, client_for, name, employer_member, other_employer_member, candidate, caseworker, matching_hooks
):
    vacancy = VacancyFactory(organisation=employer_member.organisation, status=Vacancy.Status.DRAFT)
    match = release(vacancy, candidate, caseworker=caseworker)
    invitation = InvitationFactory(organisation=employer_member.organisation)
    method, kwargs, expected = ROUTES[name]
    programme = ProgrammeFactory()
    values = {"VACANCY": vacancy.pk, "MATCH": match.pk, "TOKEN": invitation.token, "PROGRAMME": programme.slug}
    url = reverse(f"employers:{name}", kwargs={k: values[v] for k, v in kwargs.items()})
    clients = {
        "anonymous": client,
        "candidate": client_for(candidate.user),
        "other_employer": client_for(other_employer_member.user),
        "caseworker": client_for(caseworker),
    }
    for who, status in expected.items():
        assert getattr(clients[who], method)(url).status_code == status, (name, who)
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.DRAFT
    assert Match.objects.get(pk=match.pk).status == Match.Status.RELEASED


def test_candidate_in_interview_is_offered_only_hire_or_decline(client_for, employer_member, candidate, caseworker):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker, status="interview")
    response = client_for(employer_member.user).get(reverse("employers:vacancy_candidates", kwargs={"pk": vacancy.pk}))
    card = next(c for c in response.context["cards"] if c["match"].pk == match.pk)
    assert [value for value, _label in card["form"].fields["decision"].choices] == ["hire", "decline"]
    assert 'value="shortlist:skills"' not in response.content.decode()


def test_vacancy_page_lists_required_languages_with_levels(client_for, employer_member):
    from tests.factories.employers import VacancyLanguageFactory

    vacancy = VacancyFactory(organisation=employer_member.organisation)
    VacancyLanguageFactory(vacancy=vacancy, code="de", min_level="B2")
    body = (
        client_for(employer_member.user)
        .get(reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk}))
        .content.decode()
    )
    assert "German ≥ B2 · upper intermediate" in body


def test_publish_button_on_incomplete_draft_shows_the_form_with_field_errors(
    client_for, employer_member, nurse, matching_hooks
):
    vacancy = VacancyFactory(
        organisation=employer_member.organisation,
        occupation=nurse,
        status=Vacancy.Status.DRAFT,
        pay_min=None,
        pay_max=None,
        start_date=None,
    )
    response = client_for(employer_member.user).post(reverse("employers:vacancy_publish", kwargs={"pk": vacancy.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give the start date." in body and "EU pay transparency" in body
    assert 'id="field-pay_min"' in body and 'class="field has-error" id="field-pay_min"' in body
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.DRAFT
    assert matching_hooks.changed == []


def test_an_employer_using_the_site_in_french_can_decide_on_a_candidate(
    client_for, employer_member, candidate, caseworker
):
    """The decision service named a relation through gettext ("candidate" became "candidat" in French), so every
    decision taken in French failed with an error page."""
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = release(vacancy, candidate, caseworker=caseworker)
    client = client_for(employer_member.user)
    client.cookies["django_language"] = "fr"
    url = reverse("employers:match_decide", kwargs={"pk": vacancy.pk, "match_id": match.pk})
    response = client.post(url, {f"m{match.pk}-decision": "shortlist", f"m{match.pk}-reason": "shortlist:skills"})
    assert response.status_code == 302
    assert Match.objects.get(pk=match.pk).status == Match.Status.SHORTLISTED
