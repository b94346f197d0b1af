"""Issue 12.5: sign-up, e-mail change and password reset never tell whether an address has an account, and each is
throttled per address and per client. Driven through the real pages with the test client."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from core.models import User
from core.roles import Role
from employers.models import Organisation
from tests.conftest import PASSWORD
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-mot-de-passe-assez-long-2026"


def _signup(client: Client, email: str, password: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/accounts/signup/", {"email": email, "password1": password, "password2": password})


def _visible(response, email: str) -> str:  # type: ignore[no-untyped-def]
    """The page as a visitor reads it, with the address they typed and the per-request tokens taken out."""
    body = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1X", body)


def test_signing_up_with_a_taken_address_answers_exactly_like_a_new_one(django_capture_on_commit_callbacks):
    UserFactory(email="direction@talentpool.example", role=Role.STAFF, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        taken = _signup(Client(), "direction@talentpool.example")
        free = _signup(Client(), "amal.haddad@example.ma")
    assert taken.status_code == free.status_code == 200
    assert _visible(taken, "direction@talentpool.example") == _visible(free, "amal.haddad@example.ma")
    assert "sessionid" not in taken.cookies and "sessionid" not in free.cookies
    assert User.objects.filter(email="direction@talentpool.example").count() == 1
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "already has one" in by_address["direction@talentpool.example"].body
    assert "/accounts/verify/" not in by_address["direction@talentpool.example"].body
    assert "/accounts/verify/" in by_address["amal.haddad@example.ma"].body


def test_a_new_account_opens_only_through_the_mailed_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client, "Nour.Benali@Example.org")
    user = User.objects.get(email="nour.benali@example.org")
    assert not user.is_active and user.signup_pending and user.role == Role.CANDIDATE
    refused = client.post("/accounts/login/", {"username": "nour.benali@example.org", "password": NEW_PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/verify/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    response = client.get(link.group(1), follow=True)
    user.refresh_from_db()
    assert user.is_active and user.email_verified and not user.signup_pending
    assert response.context["user"] == user  # logged in by the link
    assert client.get(link.group(1), follow=True).status_code == 200  # opened twice: harmless


def test_signing_up_again_before_confirming_mails_a_new_link_and_keeps_the_password(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _signup(Client(), "ion.popescu@example.ro")
        _signup(Client(), "ion.popescu@example.ro", password="a-different-password-of-someone-else")
    user = User.objects.get(email="ion.popescu@example.ro")
    assert user.check_password(NEW_PASSWORD)
    assert [m.to for m in mail.outbox] == [["ion.popescu@example.ro"], ["ion.popescu@example.ro"]]
    assert "/accounts/verify/" in mail.outbox[1].body


def test_employer_signup_with_a_taken_address_creates_nothing_and_answers_the_same(
    django_capture_on_commit_callbacks,
):
    from tests.employers.test_pages import signup_data

    UserFactory(email="hr@klinik.example", role=Role.EMPLOYER)
    with django_capture_on_commit_callbacks(execute=True):
        taken = Client().post("/employers/signup/", signup_data(email="hr@klinik.example"))
        free = Client().post(
            "/employers/signup/", signup_data(email="personal@hotel-alpen.example", legal_name="Hotel Alpen GmbH")
        )
    assert taken.status_code == free.status_code == 200
    assert "Check your e-mail" in taken.content.decode() and "Check your e-mail" in free.content.decode()
    assert list(Organisation.objects.values_list("legal_name", flat=True)) == ["Hotel Alpen GmbH"]
    assert not User.objects.get(email="personal@hotel-alpen.example").is_active
    assert "already has one" in next(m for m in mail.outbox if m.to == ["hr@klinik.example"]).body


def test_changing_to_a_taken_address_says_the_same_as_a_free_one(client_for, candidate):
    UserFactory(email="someone.else@example.org")
    client = client_for(candidate.user)
    taken = client.post(
        "/candidates/account/email/", {"email": "someone.else@example.org", "password": PASSWORD}, follow=True
    )
    free = client.post("/candidates/account/email/", {"email": "new.me@example.org", "password": PASSWORD}, follow=True)
    assert taken.status_code == free.status_code == 200
    said = [str(m) for m in taken.context["messages"]], [str(m) for m in free.context["messages"]]
    assert said[0] == said[1]
    notice = next(m for m in mail.outbox if m.to == ["someone.else@example.org"])
    assert "Nothing was changed" in notice.body and "/email/" not in notice.body
    candidate.user.refresh_from_db()
    assert candidate.user.email not in ("someone.else@example.org", "new.me@example.org")


def test_sign_up_is_throttled_per_address_and_nothing_more_is_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_signup(Client(REMOTE_ADDR=f"203.0.113.{i}"), "target@example.org").status_code for i in range(7)]
    assert answers[:5] == [200] * 5 and answers[5:] == [429, 429]
    assert len(mail.outbox) == 5


def test_sign_up_is_throttled_per_client_across_addresses(settings, django_capture_on_commit_callbacks):
    settings.MAIL_THROTTLE_PER_CLIENT = "10/h"
    client = Client(REMOTE_ADDR="198.51.100.7")
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_signup(client, f"probe{i}@example.org").status_code for i in range(12)]
    assert answers.count(429) == 2 and answers[-1] == 429
    assert User.objects.filter(email__startswith="probe").count() == 10


def test_password_reset_is_throttled_per_address(client):
    UserFactory(email="reset.me@example.org")
    answers = [
        client.post("/accounts/password/reset/", {"email": "reset.me@example.org"}).status_code for _ in range(7)
    ]
    assert answers[:5] == [302] * 5 and answers[5:] == [429, 429]
    assert len(mail.outbox) == 5


def test_behind_a_proxy_clients_are_told_apart_and_without_one_a_forged_header_changes_nothing(settings):
    """Behind the TLS proxy every request comes from the proxy's address: the per-client limit must count the
    client the proxy saw, or thirty sign-ups an hour would close sign-up for everybody."""
    settings.MAIL_THROTTLE_PER_CLIENT = "2/h"
    proxy = "10.0.0.2"

    def answers(forwarded_for: list[str]) -> list[int]:
        return [
            _signup(Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ip), f"p{i}.{ip}@example.org").status_code
            for i, ip in enumerate(forwarded_for)
        ]

    settings.TRUSTED_PROXY_COUNT = 1
    assert answers(["203.0.113.1", "203.0.113.2", "203.0.113.3"]) == [200, 200, 200]
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy: the header is the client's own word and is ignored
    assert answers(["198.51.100.1", "198.51.100.2", "198.51.100.3"]) == [200, 200, 429]
