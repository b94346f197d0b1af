from __future__ import annotations

import re

import pytest
from django.core import mail

from core.models import AccessLog, DecisionLog, User
from core.roles import Role
from tests.conftest import PASSWORD
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def test_sign_up_creates_a_candidate_and_sends_a_verification_link_that_works(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "Nour@Example.org",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    user = User.objects.get(email="nour@example.org")
    assert user.role == Role.CANDIDATE and not user.email_verified
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/verify/\S+)", mail.outbox[0].body).group(1)
    client.get(link)
    user.refresh_from_db()
    assert user.email_verified


def test_sign_up_refuses_a_weak_password_without_a_word_about_the_address(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        "/accounts/signup/", {"email": "taken@example.org", "password1": "password", "password2": "password"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "password1" in errors and "email" not in errors
    assert User.objects.filter(email="taken@example.org").count() == 1


def test_a_tampered_verification_link_is_refused(client):
    user = UserFactory(email="v@example.org", email_verified=False)
    client.get("/accounts/verify/not-a-token/", follow=True)
    user.refresh_from_db()
    assert not user.email_verified


def test_login_is_locked_after_repeated_failures_even_with_the_right_password(client):
    UserFactory(email="lock@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "lock@example.org", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "lock@example.org", "password": PASSWORD})
    assert response.status_code == 429 or "_auth_user_id" not in client.session


def test_login_with_the_right_password_works_before_any_lockout(client):
    UserFactory(email="ok@example.org")
    client.post("/accounts/login/", {"username": "ok@example.org", "password": PASSWORD})
    assert "_auth_user_id" in client.session


def test_password_reset_sends_a_link(client):
    UserFactory(email="forgot@example.org")
    client.post("/accounts/password/reset/", {"email": "forgot@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_api_token_for_right_credentials_and_a_clear_error_otherwise(client):
    UserFactory(email="api@example.org")
    ok = client.post(
        "/api/v1/auth/token/", {"email": "api@example.org", "password": PASSWORD}, content_type="application/json"
    )
    assert ok.status_code == 200
    token = ok.json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.json()["email"] == "api@example.org"
    bad = client.post(
        "/api/v1/auth/token/", {"email": "api@example.org", "password": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "invalid_credentials"


def test_api_requires_authentication_with_the_standard_error_body(client):
    response = client.get("/api/v1/me/")
    assert response.status_code in (401, 403)
    assert set(response.json()["error"]) == {"code", "message", "fields"}


@pytest.mark.parametrize(
    ("role", "target"),
    [
        (Role.CANDIDATE, "/candidates/"),
        (Role.EMPLOYER, "/employers/"),
        (Role.CASEWORKER, "/review/"),
        (Role.PROGRAMME_ADMIN, "/programmes/"),
    ],
)
def test_each_role_lands_on_its_own_workspace(client_for, role, target):
    user = UserFactory(role=role)
    response = client_for(user).get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(target)


def test_healthz_reports_database_and_broker(client):
    body = client.get("/healthz").json()
    assert body["database"] == "ok"
    assert body["status"] == "ok"
    assert "broker" in body


def test_access_and_decision_logs_are_append_only():
    viewer = UserFactory(role=Role.CASEWORKER)
    entry = AccessLog.objects.create(
        actor=viewer, actor_role=viewer.role, subject_candidate_id=1, part="profile", purpose="review"
    )
    entry.purpose = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=entry.pk).update(purpose="changed")
    with pytest.raises(PermissionError):
        DecisionLog.objects.all().delete()
    assert AccessLog.objects.get(pk=entry.pk).purpose == "review"


def test_pages_are_served_in_french_and_arabic(client):
    client.cookies["django_language"] = "ar"
    html = client.get("/?stay=1", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in html
