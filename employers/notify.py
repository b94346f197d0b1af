"""Mail to every member of an organisation, sent after the change that caused it commits."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction

from employers.models import Organisation


def mail_members(*, organisation: Organisation, subject: str, body: str) -> None:
    emails = list(organisation.memberships.values_list("user__email", flat=True))
    if emails:
        transaction.on_commit(lambda: send_mail(subject, body, None, emails))
