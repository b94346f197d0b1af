from __future__ import annotations

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import User


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
