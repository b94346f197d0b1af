"""Issue 12.1: an employer may recruit only through the programmes it takes part in and the legal schemes open to it.

The attack reproduced: an organisation with no part in a government-to-government nursing scheme attached it to its
own vacancy with `PATCH /api/v1/vacancies/<id>/ {"scheme": …}` and so switched off the WHO safeguard rule.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core.exceptions import PermissionDeniedError
from employers import participation, services
from employers.models import ProgrammeParticipation, Vacancy
from matching.models import Match
from tests.employers.test_api import api, vacancy_body
from tests.factories.employers import VacancyFactory
from tests.factories.programmes import LegalSchemeFactory, ProgrammeFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def triple_win(db):  # type: ignore[no-untyped-def]
    programme = ProgrammeFactory(slug="test-g2g-care", name="Test G2G care partnership", acronym="TG2G")
    scheme = LegalSchemeFactory(
        programme=programme, slug="test-g2g-nurses", name="Test G2G nurses", is_government_to_government=True
    )
    return programme, scheme


@pytest.fixture
def blue_card(db):  # type: ignore[no-untyped-def]
    return LegalSchemeFactory(programme=None, slug="test-open-pathway", name="Test open pathway (DE)")


def test_patching_a_g2g_scheme_onto_an_own_vacancy_is_refused(employer_member, triple_win, nurse):
    _programme, scheme = triple_win
    client = api(employer_member.user)
    created = client.post("/api/v1/vacancies/", vacancy_body(nurse), format="json")
    assert created.status_code == 201
    vacancy_id = created.json()["id"]
    response = client.patch(f"/api/v1/vacancies/{vacancy_id}/", {"scheme": scheme.pk}, format="json")
    assert response.status_code == 400
    assert "scheme" in response.json()["error"]["fields"]
    assert Vacancy.objects.get(pk=vacancy_id).scheme_id is None


def test_creating_with_a_programme_one_does_not_take_part_in_is_refused(employer_member, triple_win, nurse):
    programme, _scheme = triple_win
    response = api(employer_member.user).post(
        "/api/v1/vacancies/", vacancy_body(nurse, programme=programme.pk), format="json"
    )
    assert response.status_code == 400 and "programme" in response.json()["error"]["fields"]
    assert not Vacancy.objects.filter(organisation=employer_member.organisation).exists()


def test_a_participation_recorded_by_a_caseworker_opens_the_route(employer_member, caseworker, triple_win, nurse):
    programme, scheme = triple_win
    participation.participation_add(organisation=employer_member.organisation, programme=programme, actor=caseworker)
    client = api(employer_member.user)
    created = client.post(
        "/api/v1/vacancies/", vacancy_body(nurse, programme=programme.pk, scheme=scheme.pk), format="json"
    )
    assert created.status_code == 201, created.json()
    published = client.post(f"/api/v1/vacancies/{created.json()['id']}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"


def test_open_legal_pathways_and_reserved_employers_need_no_participation(
    employer_member, other_employer_member, blue_card, triple_win, nurse
):
    _programme, scheme = triple_win
    scheme.reserved_employers.add(other_employer_member.organisation)
    assert (
        api(employer_member.user)
        .post("/api/v1/vacancies/", vacancy_body(nurse, scheme=blue_card.pk), format="json")
        .status_code
        == 201
    )
    assert (
        api(other_employer_member.user)
        .post("/api/v1/vacancies/", vacancy_body(nurse, scheme=scheme.pk), format="json")
        .status_code
        == 201
    )


def test_publishing_rechecks_a_route_stored_without_the_service(employer_member, triple_win):
    programme, scheme = triple_win
    vacancy = VacancyFactory(
        organisation=employer_member.organisation, status=Vacancy.Status.DRAFT, programme=programme, scheme=scheme
    )
    response = api(employer_member.user).post(f"/api/v1/vacancies/{vacancy.pk}/publish/")
    assert response.status_code == 400
    assert {"programme", "scheme"} <= set(response.json()["error"]["fields"])
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT


@pytest.mark.usefixtures("triple_win", "blue_card")
def test_the_vacancy_form_offers_only_usable_routes(client_for, employer_member):
    page = client_for(employer_member.user).get("/employers/vacancies/new/").content.decode()
    assert "Test open pathway (DE)" in page
    assert "Test G2G nurses" not in page and ">TG2G<" not in page


def test_ending_a_participation_takes_published_vacancies_out_of_matching(
    employer_member, caseworker, triple_win, django_capture_on_commit_callbacks
):
    programme, scheme = triple_win
    joined = participation.participation_add(
        organisation=employer_member.organisation, programme=programme, actor=caseworker
    )
    through = VacancyFactory(organisation=employer_member.organisation, programme=programme, scheme=scheme)
    other = VacancyFactory(organisation=employer_member.organisation)
    proposed = ProposedMatchFactory(vacancy=through)
    with django_capture_on_commit_callbacks(execute=True):
        affected = participation.participation_end(participation=joined, actor=caseworker)
    assert [v.pk for v in affected] == [through.pk]
    through.refresh_from_db()
    other.refresh_from_db()
    proposed.refresh_from_db()
    assert through.status == Vacancy.Status.DRAFT and other.status == Vacancy.Status.PUBLISHED
    assert proposed.status == Match.Status.WITHDRAWN
    assert len(mail.outbox) == 1 and through.title in mail.outbox[0].body
    assert mail.outbox[0].to == [employer_member.user.email]
    with pytest.raises(ValidationError) as refused:  # publishing again through the ended route is refused
        services.vacancy_publish(vacancy=through, actor=employer_member.user)
    assert "scheme" in refused.value.message_dict


def test_only_a_caseworker_or_the_programmes_own_administrator_records_participation(
    employer_member, programme_admin, triple_win
):
    programme, _scheme = triple_win
    with pytest.raises(PermissionDeniedError):
        participation.participation_add(
            organisation=employer_member.organisation, programme=programme, actor=employer_member.user
        )
    with pytest.raises(PermissionDeniedError):  # the administrator of another programme
        participation.participation_add(
            organisation=employer_member.organisation, programme=programme, actor=programme_admin
        )
    programme.administrators.add(programme_admin)
    joined = participation.participation_add(
        organisation=employer_member.organisation, programme=programme, actor=programme_admin
    )
    again = participation.participation_add(
        organisation=employer_member.organisation, programme=programme, actor=programme_admin
    )
    assert joined.pk == again.pk and ProgrammeParticipation.objects.count() == 1


def test_caseworker_adds_and_ends_a_participation_through_the_page(
    client_for, caseworker, employer_member, other_employer_member, programme_admin, triple_win
):
    programme, _scheme = triple_win
    url = f"/employers/programmes/{programme.slug}/participants/"
    assert client_for(employer_member.user).get(url).status_code == 404
    assert client_for(programme_admin).get(url).status_code == 404  # administers another programme
    page = client_for(caseworker)
    body = page.get(url).content.decode()
    assert "No employer takes part yet" in body and employer_member.organisation.legal_name in body
    response = page.post(url, {"organisation": employer_member.organisation.pk}, follow=True)
    assert "takes part in the programme" in response.content.decode()
    joined = ProgrammeParticipation.objects.get(programme=programme, ended_at__isnull=True)
    assert joined.organisation == employer_member.organisation and joined.added_by == caseworker
    assert page.post(url, {"organisation": "999999"}).status_code == 200  # a clear form error, nothing stored
    assert ProgrammeParticipation.objects.count() == 1
    response = page.post(url, {"end": joined.pk}, follow=True)
    assert "no longer takes part" in response.content.decode()
    joined.refresh_from_db()
    assert joined.ended_at is not None and joined.ended_by == caseworker
    assert page.post(url, {"end": joined.pk}, follow=True).status_code == 200  # ended twice: a message, no 500
    assert page.post(url, {"end": "abc"}, follow=True).status_code == 200  # not an id: a message, no 500


def test_a_vacancy_on_a_route_opens_for_editing_and_resaves_unchanged(
    client_for, employer_member, caseworker, triple_win
):
    """The edit page of a vacancy with a programme and a scheme answered 500 (a union of querysets)."""
    programme, scheme = triple_win
    participation.participation_add(organisation=employer_member.organisation, programme=programme, actor=caseworker)
    vacancy = VacancyFactory(
        organisation=employer_member.organisation, status=Vacancy.Status.DRAFT, programme=programme, scheme=scheme
    )
    client = client_for(employer_member.user)
    page = client.get(f"/employers/vacancies/{vacancy.pk}/edit/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f'value="{scheme.pk}" selected' in body and f'value="{programme.pk}" selected' in body
