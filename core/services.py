from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from core.mail import absolute_url
from core.models import User
from core.session_policy import token_lifetime


@transaction.atomic
def user_create(
    *, email: str, password: str, role: str, preferred_language: str = "en", request: HttpRequest | None = None
) -> User:
    """Create a user and send the e-mail verification link (after commit)."""
    user = User.objects.create_user(email=email, password=password, role=role, preferred_language=preferred_language)
    if request is not None:
        link = request.build_absolute_uri(
            reverse("verify_email", kwargs={"token": email_verification_token(user=user)})
        )
        transaction.on_commit(
            lambda: send_mail(
                _("Verify your e-mail address"),
                _("Open this link to verify your e-mail address: %(link)s") % {"link": link},
                None,
                [user.email],
            )
        )
    return user


def _mail_after_commit(*, to: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_mail(subject, body, None, [to]))


@transaction.atomic
def user_signup(*, email: str, password: str, role: str, preferred_language: str = "en") -> User | None:
    """Self-service sign-up that answers the same whether or not the address has an account.

    A new address gets an inactive account (`signup_pending`) and a link that activates it and logs in. An address
    that already has an account gets a mail instead (log in or reset the password; a pending sign-up gets its link
    again) and nothing changes — its password least of all. The page shows "check your e-mail" either way.

    Returns the new user, or None when the address was taken (callers must not tell the visitor which).
    """
    email = User.objects.normalize_email(email.strip()).lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.signup_pending:
            _mail_verification(existing, finish=True)
        else:
            _mail_after_commit(
                to=existing.email,
                subject=_("Someone tried to sign up with your address"),
                body=_(
                    "Somebody, perhaps you, tried to create a Talent Pool account with this e-mail address, which "
                    "already has one. Nothing was changed. Log in: %(login)s\nForgot your password? Reset it: "
                    "%(reset)s\nIf this was not you, you can ignore this message."
                )
                % {"login": absolute_url("login"), "reset": absolute_url("password_reset")},
            )
        return None
    user = User.objects.create_user(
        email=email,
        password=password,
        role=role,
        preferred_language=preferred_language,
        is_active=False,
        signup_pending=True,
    )
    _mail_verification(user, finish=False)
    return user


def _mail_verification(user: User, *, finish: bool) -> None:
    link = absolute_url("verify_email", token=email_verification_token(user=user))
    subject = _("Finish your sign-up") if finish else _("Confirm your e-mail address to finish signing up")
    _mail_after_commit(
        to=user.email,
        subject=subject,
        body=_(
            "Open this link to confirm your e-mail address and start using your Talent Pool account (valid for "
            "three days): %(link)s\nIf you did not sign up, ignore this message: no account is opened."
        )
        % {"link": link},
    )


@transaction.atomic
def user_activate(*, user: User) -> bool:
    """The sign-up link was opened: a pending account becomes active and verified. True when it was pending."""
    activated = User.objects.filter(pk=user.pk, signup_pending=True).update(
        signup_pending=False, is_active=True, email_verified=True
    )
    if activated:
        user.signup_pending, user.is_active, user.email_verified = False, True, True
    return bool(activated)


EMAIL_VERIFICATION_SALT = "core.verify-email"
EMAIL_VERIFICATION_MAX_AGE = 3 * 24 * 3600


def email_verification_token(*, user: User) -> str:
    """A signed, expiring token for the address the user has now (a changed address needs a new link)."""
    return signing.dumps({"user": user.pk, "email": user.email}, salt=EMAIL_VERIFICATION_SALT, compress=True)


def user_for_verification_token(token: str) -> User | None:
    try:
        data = signing.loads(token, salt=EMAIL_VERIFICATION_SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=data.get("user"), email=data.get("email")).first()


def user_verify_email(*, user: User) -> None:
    if not user.email_verified:
        User.objects.filter(pk=user.pk).update(email_verified=True)
        user.email_verified = True


# --- API tokens (django-rest-knox) ---------------------------------------------------------------------------------
# The key is shown once, in the login answer; the database keeps only its SHA-512 digest (and knox's 15-character
# lookup prefix of the key, which is never shown again).


@transaction.atomic
def token_create(*, user: User) -> tuple[AuthToken, str]:
    """Issue a new token for one device; returns the row and the key (the key cannot be read back later).

    The caller has checked the credentials. Side effects: the user's expired tokens are deleted, and if the user
    already holds `API_TOKEN_LIMIT_PER_USER` live tokens the oldest go, so the new one fits under the limit (two
    logins at the same instant may leave one token over it until the next login).
    """
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    keep = max(settings.API_TOKEN_LIMIT_PER_USER - 1, 0)
    newest_first = AuthToken.objects.filter(user=user).order_by("-created", "-digest").values_list("digest", flat=True)
    stale = list(newest_first[keep:])
    if stale:
        AuthToken.objects.filter(digest__in=stale).delete()
    return AuthToken.objects.create(user=user, expiry=token_lifetime(user))


def token_revoke(*, token: AuthToken) -> None:
    """End one token (API logout, or its owner revoking it from the list). The caller has checked ownership."""
    AuthToken.objects.filter(digest=token.digest).delete()


def tokens_revoke_all(*, user: User) -> int:
    """End every API token of the user: logout from every device, web logout, a changed or reset password."""
    deleted, _by_model = AuthToken.objects.filter(user=user).delete()
    return deleted


def tokens_purge_expired() -> int:
    """Delete expired tokens (knox deletes them lazily too, but only when their owner next uses a token)."""
    deleted, _by_model = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
