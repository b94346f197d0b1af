"""Property-based check of the candidate API against its own OpenAPI schema: arbitrary input never gives a 500."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application).include(path_regex=r"^/api/v1/me/profile/")


@pytest.fixture
def token(candidate) -> str:  # type: ignore[no-untyped-def]
    return Token.objects.create(user=candidate.user).key


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_candidate_api_answers_arbitrary_input_without_server_errors(case, token):  # type: ignore[no-untyped-def]
    if case.path == "/api/v1/me/profile/erase/":
        case.body = {"confirm": False, "password": "x"} if isinstance(case.body, dict) else case.body
    response = case.call(headers={"Authorization": f"Token {token}"})
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:500])
