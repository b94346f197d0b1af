"""Changing the account's e-mail address, confirmed by a signed link sent to the new address."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import CandidateProfile
from core.exceptions import Conflict, ValidationFailed

EMAIL_CHANGE_SALT = "candidates.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


def email_change_request(*, user: Any, new_email: str, confirm_url: Any) -> None:
    """Send a confirmation link to the new address; nothing changes until it is opened.

    `confirm_url(token) -> str` builds the absolute link. An address another account uses gets a notice instead of
    a link, and the caller answers as if the link went out: the form never tells whose address it is.
    """
    from core.models import User

    new_email = (new_email or "").strip().lower()
    if not new_email or "@" not in new_email or len(new_email) > 254:
        raise ValidationFailed(_("Please enter a valid e-mail address."), field="email")
    if new_email == user.email:
        raise ValidationFailed(_("This is already your e-mail address."), field="email")
    if User.objects.filter(email__iexact=new_email).exists():
        send_mail(
            _("Someone tried to move an account to your address"),
            _(
                "Somebody tried to change the e-mail address of a Talent Pool account to this address, which already "
                "has an account. Nothing was changed. If this was you, use a different address, or log in with "
                "this one."
            ),
            None,
            [new_email],
        )
        return
    token = signing.dumps({"u": user.pk, "e": new_email}, salt=EMAIL_CHANGE_SALT)
    link = confirm_url(token)
    send_mail(
        _("Confirm your new e-mail address"),
        _("Open this link to use this address for your Talent Pool account: %(link)s") % {"link": link},
        None,
        [new_email],
    )


@transaction.atomic
def email_change_confirm(*, user: Any, token: str) -> str:
    from core.models import User

    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        raise ValidationFailed(_("This confirmation link is not valid or has expired.")) from None
    if not isinstance(payload, dict) or payload.get("u") != user.pk:
        raise ValidationFailed(_("This confirmation link is not valid or has expired."))
    new_email = str(payload.get("e", ""))
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise Conflict(_("This e-mail address is already used by another account."))
    login_attempts_forget(user.email)  # records keyed by the old address would outlive it (and an erasure)
    User.objects.filter(pk=user.pk).update(email=new_email, email_verified=True)
    CandidateProfile.objects.filter(user=user).update(contact_email=new_email)
    user.email, user.email_verified = new_email, True
    return new_email


def login_attempts_forget(address: str) -> None:
    """Remove django-axes' login-attempt records of an address (changed away from, or erased)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog

    for model in (AccessAttempt, AccessFailureLog, AxesAccessLog):
        model.objects.filter(username__iexact=address).delete()
