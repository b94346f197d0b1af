"""API tokens (issue 12, item 4): one per login (per device), with an end time, listed and revoked by their owner,
and revoked when the user logs out, changes or resets the password, is deactivated or erased."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from core.roles import Role
from tests.conftest import PASSWORD
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-unusual-passphrase"


def log_in(email: str, password: str = PASSWORD) -> dict:
    response = Client().post(
        "/api/v1/auth/token/", {"email": email, "password": password}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def as_token(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def me_status(token: str) -> int:
    return Client().get("/api/v1/me/", **as_token(token)).status_code


def token_rows(user) -> int:  # type: ignore[no-untyped-def]
    from knox.models import AuthToken

    return AuthToken.objects.filter(user=user).count()


@pytest.fixture
def alice(db):  # type: ignore[no-untyped-def]
    return UserFactory(email="alice@example.org", role=Role.EMPLOYER)


@pytest.fixture
def bob(db):  # type: ignore[no-untyped-def]
    return UserFactory(email="bob@example.org", role=Role.EMPLOYER)


def test_each_login_gives_a_new_token_with_an_expiry_and_both_work(alice):
    first, second = log_in(alice.email), log_in(alice.email)
    assert first["token"] != second["token"]
    for answer in (first, second):
        expiry = dt.datetime.fromisoformat(answer["expiry"].replace("Z", "+00:00"))
        assert timezone.now() < expiry <= timezone.now() + dt.timedelta(hours=24, minutes=1)
        assert me_status(answer["token"]) == 200


def test_officer_tokens_end_with_the_officer_working_day(settings):
    officer = UserFactory(email="officer@pes.example", role=Role.CASEWORKER)
    expiry = dt.datetime.fromisoformat(log_in(officer.email)["expiry"].replace("Z", "+00:00"))
    assert expiry <= timezone.now() + dt.timedelta(seconds=settings.OFFICER_SESSION_AGE, minutes=1)


def test_wrong_password_is_401_in_the_standard_error_body_and_makes_no_token(alice):
    response = Client().post(
        "/api/v1/auth/token/", {"email": alice.email, "password": "nope"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert token_rows(alice) == 0


def test_an_expired_token_is_refused_with_401(alice):
    from knox.models import AuthToken

    token = log_in(alice.email)["token"]
    AuthToken.objects.filter(user=alice).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = Client().get("/api/v1/me/", **as_token(token))
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_the_list_shows_only_my_live_tokens_and_never_a_key(alice, bob):
    first, second = log_in(alice.email), log_in(alice.email)
    log_in(bob.email)
    response = Client().get("/api/v1/auth/tokens/", **as_token(second["token"]))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 2
    assert {row.keys() == {"id", "created", "expiry", "current"} for row in rows} == {True}
    assert [row["current"] for row in rows] == [True, False]  # newest first: the one asking is the newest
    body = response.content.decode()
    for secret in (first["token"], second["token"], first["token"][:15], second["token"][:15]):
        assert secret not in body


def test_revoking_one_token_leaves_the_other_working(alice):
    first, second = log_in(alice.email), log_in(alice.email)
    rows = Client().get("/api/v1/auth/tokens/", **as_token(second["token"])).json()["results"]
    other = next(row for row in rows if not row["current"])
    response = Client().delete(f"/api/v1/auth/tokens/{other['id']}/", **as_token(second["token"]))
    assert response.status_code == 204
    assert me_status(first["token"]) == 401
    assert me_status(second["token"]) == 200


def test_another_users_token_cannot_be_revoked_404(alice, bob):
    mine, theirs = log_in(alice.email), log_in(bob.email)
    their_id = Client().get("/api/v1/auth/tokens/", **as_token(theirs["token"])).json()["results"][0]["id"]
    response = Client().delete(f"/api/v1/auth/tokens/{their_id}/", **as_token(mine["token"]))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert Client().delete("/api/v1/auth/tokens/not-an-id/", **as_token(mine["token"])).status_code == 404
    assert me_status(theirs["token"]) == 200


def test_logout_revokes_only_the_current_token(alice):
    first, second = log_in(alice.email), log_in(alice.email)
    response = Client().post("/api/v1/auth/logout/", **as_token(first["token"]))
    assert response.status_code == 204
    assert me_status(first["token"]) == 401
    assert me_status(second["token"]) == 200


def test_logout_all_revokes_every_token_of_the_user_only(alice, bob):
    first, second, bobs = log_in(alice.email), log_in(alice.email), log_in(bob.email)
    response = Client().post("/api/v1/auth/logout-all/", **as_token(first["token"]))
    assert response.status_code == 204
    assert (me_status(first["token"]), me_status(second["token"])) == (401, 401)
    assert me_status(bobs["token"]) == 200


def test_web_logout_ends_the_users_api_tokens(alice, bob, client_for):
    token, bobs = log_in(alice.email)["token"], log_in(bob.email)["token"]
    browser = client_for(alice)
    assert browser.post("/accounts/logout/").status_code == 302
    assert me_status(token) == 401
    assert me_status(bobs) == 200


def test_password_change_on_the_page_revokes_all_tokens(alice, client_for):
    first, second = log_in(alice.email)["token"], log_in(alice.email)["token"]
    browser = client_for(alice)
    response = browser.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert (me_status(first), me_status(second)) == (401, 401)
    assert me_status(log_in(alice.email, NEW_PASSWORD)["token"]) == 200
    assert browser.get("/accounts/password/change/done/").status_code == 200  # the browser stays signed in


def test_a_refused_password_change_keeps_the_tokens(alice, client_for):
    token = log_in(alice.email)["token"]
    client_for(alice).post(
        "/accounts/password/change/", {"old_password": "wrong", "new_password1": "x", "new_password2": "y"}
    )
    assert me_status(token) == 200


def test_password_reset_revokes_all_tokens(alice):
    token = log_in(alice.email)["token"]
    browser = Client()
    browser.post("/accounts/password/reset/", {"email": alice.email})
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = browser.get(link)["Location"]  # Django swaps the token in the link for one kept in the session
    response = browser.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/reset/done/"
    assert me_status(token) == 401


def test_password_change_in_the_admin_revokes_all_tokens(alice, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    token = log_in(alice.email)["token"]
    admin = Client()
    admin.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    response = admin.post(
        f"/admin/core/user/{alice.pk}/password/",
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert me_status(token) == 401


def test_a_deactivated_users_token_is_refused(alice):
    token = log_in(alice.email)["token"]
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert me_status(token) == 401


def test_erasing_a_candidate_through_the_api_removes_their_tokens(candidate, monkeypatch):
    from matching import hooks

    monkeypatch.setattr(hooks, "candidate_left_matching", lambda **kwargs: None)
    user = candidate.user
    token, other_device = log_in(user.email)["token"], log_in(user.email)["token"]
    response = Client().post(
        "/api/v1/me/profile/erase/",
        {"confirm": True, "password": PASSWORD},
        content_type="application/json",
        **as_token(token),
    )
    assert response.status_code == 204
    assert token_rows(user) == 0
    assert (me_status(token), me_status(other_device)) == (401, 401)


def test_keys_of_the_old_never_expiring_tokens_stop_working_and_their_table_is_dropped(alice):
    """A deployment upgraded from DRF's authtoken keeps its `authtoken_token` table until core's migration 0003."""
    from django.db import connection

    drop = importlib.import_module("core.migrations.0003_drop_drf_authtoken_table").drop_old_drf_tokens
    old_key = "0d2c9b028ccbb3c4931b8bbaae4f043187cbaaab"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp NOT NULL, "
            "user_id bigint NOT NULL UNIQUE REFERENCES core_user (id))"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [old_key, timezone.now(), alice.pk],
        )
    assert me_status(old_key) == 401
    # SQLite's schema editor refuses to open inside the test's transaction; the migration needs only these three.
    schema_editor = SimpleNamespace(
        connection=connection,
        quote_name=connection.ops.quote_name,
        execute=lambda sql: connection.cursor().execute(sql),
    )
    drop(None, schema_editor)
    assert "authtoken_token" not in connection.introspection.table_names()


def test_a_login_beyond_the_limit_revokes_the_oldest_token(alice, settings):
    settings.API_TOKEN_LIMIT_PER_USER = 2
    first, second, third = (log_in(alice.email)["token"] for _ in range(3))
    assert (me_status(first), me_status(second), me_status(third)) == (401, 200, 200)
    assert token_rows(alice) == 2


def test_the_daily_purge_deletes_only_expired_tokens(alice, bob):
    from knox.models import AuthToken

    from core.tasks import purge_expired_tokens

    log_in(alice.email)
    log_in(bob.email)
    AuthToken.objects.filter(user=alice).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert purge_expired_tokens() == 1
    assert (token_rows(alice), token_rows(bob)) == (0, 1)


def test_the_browser_session_may_list_tokens_but_none_is_current(alice, client_for):
    log_in(alice.email)
    rows = client_for(alice).get("/api/v1/auth/tokens/").json()["results"]
    assert [row["current"] for row in rows] == [False]
