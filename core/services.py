from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
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
            reverse(
                "verify_email",
                kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
            )
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


def user_verify_email(*, user: User) -> None:
    if not user.email_verified:
        User.objects.filter(pk=user.pk).update(email_verified=True)
        user.email_verified = True
