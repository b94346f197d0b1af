"""Demo world for the review queue: the caseworker and staff logins, and a queue item for everything in the demo
data that waits for a person's decision (submitted profiles, pending organisations, unverified credential claims of
programmes without an administrator, proposed matches per vacancy). Idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.roles import Role

PASSWORD = "demo-pass-2026"
USERS = (
    ("caseworker@demo.talentpool.eu", Role.CASEWORKER, False),
    ("caseworker2@demo.talentpool.eu", Role.CASEWORKER, False),
    ("staff@demo.talentpool.eu", Role.STAFF, True),
)


def _user(email: str, role: str, is_staff: bool) -> Any:
    from core.models import User

    user, created = User.objects.get_or_create(
        email=email, defaults={"role": role, "is_staff": is_staff, "email_verified": True}
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(*, stdout: Any) -> None:
    from candidates.models import CandidateProfile
    from employers.models import Organisation, Vacancy
    from matching.models import Match, OversightPause
    from programmes.models import Credential
    from review.models import ReviewItem
    from review.services import review_item_open

    users = {email: _user(email, role, is_staff) for email, role, is_staff in USERS}
    staff = users["staff@demo.talentpool.eu"]
    opened = 0

    def open_item(**kwargs: Any) -> None:
        nonlocal opened
        before = ReviewItem.objects.count()
        review_item_open(**kwargs)
        opened += ReviewItem.objects.count() - before

    for profile in CandidateProfile.objects.filter(status=CandidateProfile.Status.SUBMITTED):
        open_item(kind=ReviewItem.Kind.PROFILE, candidate=profile, country=profile.nationality)
    for org in Organisation.objects.filter(status=Organisation.Status.PENDING):
        open_item(kind=ReviewItem.Kind.ORGANISATION, organisation=org, country=org.country, sector=org.sector)
    for credential in Credential.objects.filter(
        status=Credential.Status.CLAIMED, programme__administrators__isnull=True
    ).select_related("candidate", "programme"):
        open_item(
            kind=ReviewItem.Kind.CREDENTIAL,
            candidate=credential.candidate,
            credential=credential,
            programme=credential.programme,
            country=credential.candidate.nationality,
        )
    vacancy_ids = Match.objects.filter(status=Match.Status.PROPOSED).values_list("vacancy_id", flat=True).distinct()
    for vacancy in Vacancy.objects.filter(pk__in=list(vacancy_ids)):
        open_item(
            kind=ReviewItem.Kind.MATCHES,
            vacancy=vacancy,
            country=vacancy.country,
            sector=vacancy.sector,
            programme=vacancy.programme,
        )

    # One item waits longer than the overdue threshold, so the highlighting shows in the demo.
    oldest = ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).order_by("created_at").first()
    if oldest is not None and oldest.created_at > timezone.now() - dt.timedelta(days=4):
        ReviewItem.objects.filter(pk=oldest.pk).update(created_at=timezone.now() - dt.timedelta(days=5))

    # A past use of the oversight switch, so its history is not empty; nothing is paused now.
    if not OversightPause.objects.exists():
        pause = OversightPause.objects.create(
            country="", reason="Quarterly review of the ranking's fairness figures", paused_by=staff
        )
        OversightPause.objects.filter(pk=pause.pk).update(
            paused_at=timezone.now() - dt.timedelta(days=30),
            lifted_at=timezone.now() - dt.timedelta(days=29),
            lifted_by=staff,
        )
    stdout.write(
        f"review: {len(users)} users, {opened} new queue items, "
        f"{ReviewItem.objects.exclude(status=ReviewItem.Status.DONE).count()} waiting\n"
    )
