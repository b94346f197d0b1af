"""Every API route × every method it accepts × every role, on objects that exist: an allowed call is answered as
allowed (2xx, or 400/409 for the empty body it is sent), a denied one as denied (401/403/404) — never the same codes
for both. Routes with ids are called with the role's own object and, for the roles allowed, with somebody else's,
which must be denied. A new API route or method without a row fails `test_every_api_route_and_method_has_a_row`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.roles import Role
from core.selectors import token_id
from core.services import token_create
from employers.models import Vacancy
from programmes.models import Credential
from review.models import ReviewItem
from taxonomy.models import Occupation, Skill
from tests.employers.conftest import release
from tests.factories.candidates import (
    CandidateLanguageFactory,
    CandidateSkillFactory,
    EducationFactory,
    ExperienceFactory,
)
from tests.factories.core import UserFactory
from tests.factories.employers import MembershipFactory, VacancyFactory
from tests.factories.programmes import CredentialFactory, LegalSchemeFactory, ProgrammeFactory
from tests.factories.review import ConsentingCandidateFactory, ProposedMatchFactory, ReviewItemFactory, stored_document

ANON, C, E, W, P, S = "anonymous", Role.CANDIDATE, Role.EMPLOYER, Role.CASEWORKER, Role.PROGRAMME_ADMIN, Role.STAFF
ROLES = (ANON, C, E, W, P, S)
EVERYONE = frozenset(ROLES)
SIGNED_IN = frozenset(ROLES) - {ANON}
ALLOWED_CODES = {200, 201, 204, 400, 409}
DENIED_CODES = {401, 403, 404}


@dataclass
class World:
    """One of everything, for "own" (the role's) and "other" (somebody else's)."""

    objects: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]


def _world() -> World:
    cand, other = ConsentingCandidateFactory(), ConsentingCandidateFactory()
    member, other_member = MembershipFactory(), MembershipFactory()
    caseworker = UserFactory(role=W)
    admin = UserFactory(role=P)
    staff = UserFactory(role=S, is_staff=True)
    programme, other_programme = ProgrammeFactory(), ProgrammeFactory()
    programme.administrators.add(admin)
    vacancy = VacancyFactory(organisation=member.organisation, status=Vacancy.Status.PUBLISHED)
    other_vacancy = VacancyFactory(organisation=other_member.organisation, status=Vacancy.Status.PUBLISHED)
    o: dict[str, Any] = {
        "users": {C: cand.user, E: member.user, W: caseworker, P: admin, S: staff},
        "programme": programme,
        "other_programme": other_programme,
        "scheme": LegalSchemeFactory(programme=programme),
        "other_scheme": LegalSchemeFactory(programme=other_programme),
        "credential": CredentialFactory(programme=programme, candidate=cand),
        "other_credential": CredentialFactory(programme=other_programme, candidate=other),
        "organisation": member.organisation,
        "other_organisation": other_member.organisation,
        "vacancy": vacancy,
        "other_vacancy": other_vacancy,
        "match": release(vacancy, cand, caseworker=caseworker),
        "other_match": release(other_vacancy, other, caseworker=caseworker),
        "proposed": ProposedMatchFactory(vacancy=vacancy),
        "item": ReviewItemFactory(kind=ReviewItem.Kind.PROFILE, candidate=cand),
        "occupation": Occupation.objects.order_by("pk").first(),
        "skill_concept": Skill.objects.order_by("pk").first(),
    }
    for name, factory in (
        ("skill", CandidateSkillFactory),
        ("language", CandidateLanguageFactory),
        ("education", EducationFactory),
        ("experience", ExperienceFactory),
    ):
        o[name] = factory(profile=cand)
        o[f"other_{name}"] = factory(profile=other)
    o["document"], o["other_document"] = stored_document(cand), stored_document(other)
    o["tokens"], o["token_ids"] = {}, {}
    for role, user in o["users"].items():
        token, key = token_create(user=user)
        o["tokens"][role], o["token_ids"][role] = key, token_id(token)
    return World(o)


Kwargs = Callable[[World], dict[str, Any]]


def none(_w: World) -> dict[str, Any]:
    return {}


def own(key: str, arg: str = "pk", attr: str = "pk") -> Kwargs:
    return lambda w: {arg: getattr(w[key], attr)}


def other(key: str, arg: str = "pk", attr: str = "pk") -> Kwargs:
    return lambda w: {arg: getattr(w[f"other_{key}"], attr)}


@dataclass(frozen=True)
class Row:
    allowed: frozenset[str]
    mine: Kwargs = none
    theirs: Kwargs | None = None  # somebody else's object: denied to every allowed role but staff (who has no own)
    multipart: bool = False  # an upload: the empty body is sent as a form
    token: bool = False  # called with an API token instead of the browser session


def row(
    allowed: frozenset[str] | set[str],
    mine: Kwargs = none,
    theirs: Kwargs | None = None,
    *,
    multipart: bool = False,
    token: bool = False,
) -> Row:
    return Row(frozenset(allowed), mine, theirs, multipart, token)


def _candidate_item(key: str, methods: tuple[str, ...]) -> dict[str, Row]:
    return {m: row({C}, own(key), other(key)) for m in methods}


OFFICERS = {W, S}
# route name → {method: Row}
MATRIX: dict[str, dict[str, Row]] = {
    "schema": {"get": row(EVERYONE)},
    "api-docs": {"get": row(EVERYONE)},
    "api-token": {"post": row(EVERYONE)},
    "api-token-list": {"get": row(SIGNED_IN, token=True)},
    "api-token-detail": {
        "delete": row(
            {C},
            lambda w: {"token_id": w["token_ids"][C]},
            lambda w: {"token_id": w["token_ids"][E]},
            token=True,
        )
    },
    "api-logout": {"post": row(SIGNED_IN, token=True)},
    "api-logout-all": {"post": row(SIGNED_IN, token=True)},
    "api-me": {"get": row(SIGNED_IN)},
    "api-occupation-search": {"get": row(EVERYONE)},
    "api-occupation-detail": {"get": row(EVERYONE, own("occupation"))},
    "api-skill-search": {"get": row(EVERYONE)},
    "api-skill-detail": {"get": row(EVERYONE, own("skill_concept"))},
    "api-programmes": {"get": row(EVERYONE)},
    "api-programme": {
        "get": row(EVERYONE, own("programme", "slug", "slug")),
        "patch": row({P, S}, own("programme", "slug", "slug"), other("programme", "slug", "slug")),
    },
    "api-programme-schemes": {
        "post": row({P, S}, own("programme", "slug", "slug"), other("programme", "slug", "slug"))
    },
    "api-programme-cohorts": {
        "post": row({P, S}, own("programme", "slug", "slug"), other("programme", "slug", "slug"))
    },
    "api-programme-credentials-bulk": {
        "post": row({P, S}, own("programme", "slug", "slug"), other("programme", "slug", "slug"))
    },
    "api-schemes": {"get": row(EVERYONE)},
    "api-scheme": {
        "get": row(EVERYONE, own("scheme", "slug", "slug")),
        "patch": row({P, S}, own("scheme", "slug", "slug"), other("scheme", "slug", "slug")),
    },
    "api-stakeholders": {"get": row(EVERYONE)},
    "api-credential-verify": {"post": row({P, W, S}, own("credential"))},
    "api-credential-reject": {"post": row({P, W, S}, own("credential"))},
    # Staff oversee organisations and vacancies; caseworkers work them through the review API.
    "api-organisations": {"get": row({E, S})},
    "api-organisation-detail": {"get": row({E, S}, own("organisation"), other("organisation"))},
    "api-vacancies": {"get": row({E, S}), "post": row({E})},
    "api-vacancy-detail": {
        "get": row({E, S}, own("vacancy"), other("vacancy")),
        "patch": row({E}, own("vacancy"), other("vacancy")),
    },
    "api-vacancy-publish": {"post": row({E}, own("vacancy"), other("vacancy"))},
    "api-vacancy-close": {"post": row({E}, own("vacancy"), other("vacancy"))},
    "api-vacancy-candidates": {"get": row({E}, own("vacancy"), other("vacancy"))},
    "api-fee-reports": {"post": row({C})},
    "api-vacancy-candidate-decision": {
        "post": row(
            {E},
            lambda w: {"pk": w["vacancy"].pk, "match_id": w["match"].pk},
            lambda w: {"pk": w["other_vacancy"].pk, "match_id": w["other_match"].pk},
        )
    },
    "candidate-api-profile": {"get": row({C}), "patch": row({C})},
    "candidate-api-submit": {"post": row({C})},
    "candidate-api-reconfirm": {"post": row({C})},
    "candidate-api-credentials": {"get": row({C}), "post": row({C})},
    "candidate-api-credential": _candidate_item("credential", ("get", "delete")),
    "candidate-api-consents": {"get": row({C}), "post": row({C})},
    "candidate-api-consent-withdraw": {"post": row({C})},
    "candidate-api-documents": {"get": row({C}), "post": row({C}, multipart=True)},
    "candidate-api-document": _candidate_item("document", ("get", "delete")),
    "candidate-api-document-download": _candidate_item("document", ("get",)),
    "candidate-api-matches": {"get": row({C})},
    "candidate-api-not-interested": _candidate_item("match", ("post",)),
    "candidate-api-export": {"get": row({C})},
    "candidate-api-erase": {"post": row({C})},
    "candidate-api-skills": {"get": row({C}), "post": row({C})},
    "candidate-api-skills-detail": _candidate_item("skill", ("get", "patch", "delete")),
    "candidate-api-languages": {"get": row({C}), "post": row({C})},
    "candidate-api-languages-detail": _candidate_item("language", ("get", "patch", "delete")),
    "candidate-api-education": {"get": row({C}), "post": row({C})},
    "candidate-api-education-detail": _candidate_item("education", ("get", "patch", "delete")),
    "candidate-api-experience": {"get": row({C}), "post": row({C})},
    "candidate-api-experience-detail": _candidate_item("experience", ("get", "patch", "delete")),
    "api-review-items": {"get": row(OFFICERS)},
    "api-review-claim-next": {"post": row(OFFICERS)},
    "api-review-item": {"get": row(OFFICERS, own("item"))},
    "api-review-claim": {"post": row(OFFICERS, own("item"))},
    "api-review-release": {"post": row(OFFICERS, own("item"))},
    "api-review-decide": {"post": row(OFFICERS, own("item"))},
    "api-review-vacancy-matches": {"get": row(OFFICERS, own("vacancy"))},
    "api-review-match-release": {"post": row(OFFICERS, own("proposed"))},
    "api-review-match-reject": {"post": row(OFFICERS, own("proposed"))},
    "api-review-oversight-pauses": {"get": row({S}), "post": row({S})},  # as the oversight page
}


def _api_routes() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith("api/"):
                view = getattr(pattern.callback, "view_class", None) or getattr(pattern.callback, "cls", None)
                for method in ("get", "post", "put", "patch", "delete"):
                    if view is not None and hasattr(view, method):
                        found.append((pattern.name, method))

    walk(get_resolver().url_patterns, "")
    return found


API_ROUTES = _api_routes()


def test_every_api_route_and_method_has_a_row():
    rows = {(name, method) for name, methods in MATRIX.items() for method in methods}
    assert set(API_ROUTES) - rows == set(), "API routes or methods without a row in tests/test_api_route_matrix.py"
    assert rows - set(API_ROUTES) == set(), "rows for routes or methods that do not exist"


def _client_as(role: str, world: World, rule: Row, client: Any, client_for: Any) -> Any:
    if role == ANON:
        return client
    if rule.token:
        return Client(HTTP_AUTHORIZATION=f"Token {world['tokens'][role]}")
    return client_for(world["users"][role])


def _call(client: Any, method: str, url: str, rule: Row) -> Any:
    if method == "post" and rule.multipart:
        return client.post(url, {})
    if method in ("post", "patch", "put"):
        return getattr(client, method)(url, {}, content_type="application/json")
    return getattr(client, method)(url)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), API_ROUTES, ids=[f"{n}:{m}" for n, m in API_ROUTES])
def test_api_route_answers_each_role_as_its_row_says(name, method, client, client_for):
    rule = MATRIX[name][method]
    world = _world()
    url = reverse(name, kwargs=rule.mine(world))
    wrong = []
    for role in ROLES:
        code = _call(_client_as(role, world, rule, client, client_for), method, url, rule).status_code
        expected = ALLOWED_CODES if role in rule.allowed else DENIED_CODES
        if code not in expected:
            wrong.append((role, "own", code))
    if rule.theirs is not None:
        url = reverse(name, kwargs=rule.theirs(world))
        for role in rule.allowed - {ANON, S}:
            code = _call(_client_as(role, world, rule, client, client_for), method, url, rule).status_code
            if code not in DENIED_CODES:
                wrong.append((role, "somebody else's", code))
    assert not wrong, f"{method.upper()} {name}: {wrong}"
    assert Credential.objects.filter(pk=world["other_credential"].pk).exists()
