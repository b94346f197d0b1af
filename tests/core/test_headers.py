"""Issue 12 item 12: a strict Content-Security-Policy on every page, `no-store` where personal data is shown, and
shorter sessions for the people who see many people's data."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from core.roles import Role
from tests.conftest import PASSWORD
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts) + sorted(
    (ROOT / "templates").glob("**/*.html")
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def _policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(p.relative_to(ROOT)) for p in TEMPLATES])
def test_no_template_carries_inline_script_or_style(template):
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to a static file (json_script for data)"
    assert not INLINE_HANDLER.search(text), "inline event handler: attach it from a static file"
    assert not STYLE.search(text), "inline style: use a class in a static stylesheet"


@pytest.mark.parametrize("path", ["/?stay=1", "/programmes/directory/", "/accounts/login/", "/accounts/signup/"])
def test_every_page_sends_a_strict_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


def test_signed_in_pages_carry_the_policy_too(client_for):
    response = client_for(UserFactory(role=Role.CASEWORKER)).get("/review/queue/")
    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]


def _no_store(response) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in response.get("Cache-Control", "")


def test_pages_of_a_signed_in_user_are_never_stored(client_for, candidate):
    client = client_for(candidate.user)
    for path in ("/candidates/dashboard/", "/candidates/profile/personal/", "/programmes/directory/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), path


def test_the_export_is_never_stored(client_for, candidate):
    response = client_for(candidate.user).get("/candidates/my-data/export/")
    assert response.status_code == 200
    assert _no_store(response)


def test_api_answers_are_never_stored(client_for, candidate, client):
    assert _no_store(client_for(candidate.user).get("/api/v1/me/profile/"))
    assert _no_store(client.get("/api/v1/me/"))  # the 401 too
    assert _no_store(client.get("/api/v1/programmes/"))


def test_public_pages_for_visitors_stay_cacheable_but_vary_on_the_cookie(client):
    response = client.get("/programmes/directory/")
    assert not _no_store(response)
    assert "Cookie" in response["Vary"]


def _login(client, user) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.STAFF, Role.PROGRAMME_ADMIN])
def test_officers_sessions_end_eight_hours_after_login(client, role):
    _login(client, UserFactory(role=role, is_staff=role == Role.STAFF))
    expiry = client.session.get_expiry_date()
    assert timedelta(hours=7, minutes=59) < expiry - timezone.now() <= timedelta(hours=8)
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] <= 8 * 3600


@pytest.mark.parametrize("role", [Role.CANDIDATE, Role.EMPLOYER])
def test_candidates_and_employers_keep_a_week_long_session(client, role):
    _login(client, UserFactory(role=role))
    age = client.session.get_expiry_date() - timezone.now()
    assert timedelta(days=6, hours=23) < age <= timedelta(days=7)


def test_an_officers_session_does_not_grow_with_activity(client):
    _login(client, UserFactory(role=Role.CASEWORKER))
    first = client.session.get_expiry_date()
    client.get("/review/queue/")
    assert abs(client.session.get_expiry_date() - first) < timedelta(seconds=2)
