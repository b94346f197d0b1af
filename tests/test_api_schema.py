"""Schemathesis over the whole API, in-process, every check, as an anonymous visitor, as staff, as a candidate and
as an employer member.

Every operation must answer schema-conformant responses and never a 5xx, whatever input the generator invents. The
candidate and the employer runs aim every id in a path at somebody else's object (another candidate's skill, another
organisation's vacancy); those calls must never succeed.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import checks

from core.roles import Role
from employers.models import Vacancy
from tests.employers.conftest import release
from tests.factories.candidates import (
    CandidateLanguageFactory,
    CandidateSkillFactory,
    EducationFactory,
    ExperienceFactory,
)
from tests.factories.core import UserFactory
from tests.factories.employers import MembershipFactory, VacancyFactory
from tests.factories.programmes import CredentialFactory
from tests.factories.review import ConsentingCandidateFactory, stored_document

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())

HYPOTHESIS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def staff_token(db):  # type: ignore[no-untyped-def]
    from core.services import token_create

    user = UserFactory(email="schemathesis@talentpool.example", role=Role.STAFF, is_staff=True)
    return token_create(user=user)[1]


@pytest.mark.django_db
@schema.parametrize()
@HYPOTHESIS
def test_api_as_anonymous_visitor(case):  # type: ignore[no-untyped-def]
    case.call_and_validate()


@pytest.mark.django_db
@schema.parametrize()
@HYPOTHESIS
def test_api_as_staff(case, staff_token):  # type: ignore[no-untyped-def]
    # ignored_auth would swap our explicit token for an invalid one and still find the session it cannot see;
    # the anonymous run above is where missing authentication shows (401/403 are the only documented outcomes).
    case.call_and_validate(headers={"Authorization": f"Token {staff_token}"}, excluded_checks=[checks.ignored_auth])


# The role runs repeat every operation twice more: fewer examples each keeps the suite's time in bounds (the
# anonymous and staff runs above explore the inputs).
ROLE_HYPOTHESIS = settings(HYPOTHESIS, max_examples=4)

# Path templates with an id → the kind of somebody else's object the id is aimed at.
FOREIGN_BY_PATH = {
    "/api/v1/me/profile/skills/{pk}/": "skill",
    "/api/v1/me/profile/languages/{pk}/": "language",
    "/api/v1/me/profile/education/{pk}/": "education",
    "/api/v1/me/profile/experience/{pk}/": "experience",
    "/api/v1/me/profile/documents/{pk}/": "document",
    "/api/v1/me/profile/documents/{pk}/download/": "document",
    "/api/v1/me/profile/credentials/{pk}/": "credential",
    "/api/v1/me/profile/matches/{pk}/not-interested/": "match",
    "/api/v1/vacancies/{pk}/": "vacancy",
    "/api/v1/vacancies/{pk}/publish/": "vacancy",
    "/api/v1/vacancies/{pk}/close/": "vacancy",
    "/api/v1/vacancies/{pk}/candidates/": "vacancy",
    "/api/v1/vacancies/{pk}/candidates/{match_id}/decisions/": "vacancy",
    "/api/v1/organisations/{pk}/": "organisation",
}


@pytest.fixture
def foreign(db):  # type: ignore[no-untyped-def]
    """Another candidate and another organisation, with one of everything."""
    other = ConsentingCandidateFactory()
    member = MembershipFactory()
    vacancy = VacancyFactory(organisation=member.organisation, status=Vacancy.Status.PUBLISHED)
    match = release(vacancy, other)
    return {
        "skill": CandidateSkillFactory(profile=other).pk,
        "language": CandidateLanguageFactory(profile=other).pk,
        "education": EducationFactory(profile=other).pk,
        "experience": ExperienceFactory(profile=other).pk,
        "document": stored_document(other).pk,
        "credential": CredentialFactory(candidate=other).pk,
        "match": match.pk,
        "match_id": match.pk,
        "vacancy": vacancy.pk,
        "organisation": member.organisation.pk,
    }


def _aimed_at_foreign(case, foreign) -> bool:  # type: ignore[no-untyped-def]
    kind = FOREIGN_BY_PATH.get(case.path)
    if kind is None or not case.path_parameters:
        return False
    case.path_parameters["pk"] = foreign[kind]
    if "match_id" in case.path_parameters:
        case.path_parameters["match_id"] = foreign["match_id"]
    return True


def _call_as(case, token: str, foreign) -> None:  # type: ignore[no-untyped-def]
    aimed = _aimed_at_foreign(case, foreign)
    headers = {"Authorization": f"Token {token}"}
    response = case.call(headers=headers)
    # ignored_auth: see the staff run; positive_data_acceptance: schema-valid is not domain-valid (a real country);
    # unsupported_method: a route the role may not use answers 404 to every method, TRACE included, so that it does
    # not tell the route exists (the staff run checks the 405s); negative_data_rejection: these runs are about whose
    # objects a role reaches; the anonymous and staff runs check what malformed input gets (the public search
    # endpoints take the last of repeated query parameters, e.g. `page=x&page=1`, which that check calls lenient).
    case.validate_response(
        response,
        headers=headers,
        excluded_checks=[
            checks.ignored_auth,
            checks.positive_data_acceptance,
            checks.unsupported_method,
            checks.negative_data_rejection,
        ],
    )
    if aimed:
        assert not 200 <= response.status_code < 300, (
            f"{case.method} {case.formatted_path} reached somebody else's object: {response.status_code}"
        )


@pytest.mark.django_db
@schema.parametrize()
@ROLE_HYPOTHESIS
def test_api_as_a_candidate_aiming_at_another_candidates_objects(case, candidate, foreign):  # type: ignore[no-untyped-def]
    from core.services import token_create

    _call_as(case, token_create(user=candidate.user)[1], foreign)


@pytest.mark.django_db
@schema.parametrize()
@ROLE_HYPOTHESIS
def test_api_as_an_employer_aiming_at_another_organisations_objects(case, employer_member, foreign):  # type: ignore[no-untyped-def]
    from core.services import token_create

    _call_as(case, token_create(user=employer_member.user)[1], foreign)
