"""Every programme-administration page × every role, on own and other programmes: outsiders get 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.programmes import CohortFactory, LegalSchemeFactory

pytestmark = pytest.mark.django_db

ROUTES = [
    "edit",
    "scheme_create",
    "scheme_edit",
    "scheme_quotas",
    "cohort_create",
    "cohort_edit",
    "partners",
    "credentials_upload",
]
PROGRAMME_FREE_ROUTES = ["admin_home", "claims"]


def url_for(name: str, programme) -> str:  # type: ignore[no-untyped-def]
    kwargs = {"slug": programme.slug}
    if name in ("scheme_edit", "scheme_quotas"):
        kwargs["pk"] = LegalSchemeFactory(programme=programme).pk
    if name == "cohort_edit":
        kwargs["pk"] = CohortFactory(programme=programme).pk
    return reverse(f"programmes:{name}", kwargs=kwargs)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    ("who", "own_status", "other_status"),
    [
        ("programme_admin", 200, 404),
        ("staff_user", 200, 200),
        ("caseworker", 404, 404),
        ("candidate", 404, 404),
        ("employer_member", 404, 404),
    ],
)
def test_programme_pages_by_role(request, client_for, programme, other_programme, route, who, own_status, other_status):  # type: ignore[no-untyped-def]
    request.getfixturevalue("programme_admin")
    actor = request.getfixturevalue(who)
    client = client_for(getattr(actor, "user", actor))
    assert client.get(url_for(route, programme)).status_code == own_status
    assert client.get(url_for(route, other_programme)).status_code == other_status


@pytest.mark.parametrize("route", ROUTES + PROGRAMME_FREE_ROUTES)
def test_anonymous_visitors_are_asked_to_log_in(client, programme, route):  # type: ignore[no-untyped-def]
    url = reverse(f"programmes:{route}") if route in PROGRAMME_FREE_ROUTES else url_for(route, programme)
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("who", ["caseworker", "candidate", "employer_member"])
@pytest.mark.parametrize("route", PROGRAMME_FREE_ROUTES)
def test_other_roles_have_no_programme_workspace(request, client_for, who, route):  # type: ignore[no-untyped-def]
    actor = request.getfixturevalue(who)
    assert client_for(getattr(actor, "user", actor)).get(reverse(f"programmes:{route}")).status_code == 404


@pytest.mark.parametrize("route", ["directory", "for_employers", "safeguards"])
def test_public_pages_are_open_to_everyone(client, route):  # type: ignore[no-untyped-def]
    assert client.get(reverse(f"programmes:{route}")).status_code == 200
