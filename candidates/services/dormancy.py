"""Reconfirmation every 90 days; profiles nobody confirms become dormant and leave matching."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import CandidateProfile
from candidates.services.common import ACTIVE_STATUSES
from core.exceptions import Conflict
from core.mail import absolute_url
from matching import hooks

logger = logging.getLogger(__name__)


@transaction.atomic
def profile_reconfirm(*, profile: CandidateProfile) -> CandidateProfile:
    """The candidate confirms they are still interested: the 90-day clock restarts; a dormant profile comes back."""
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status == CandidateProfile.Status.DRAFT:
        raise Conflict(_("Submit your profile first."))
    profile.last_confirmed_at = timezone.now()
    profile.reconfirm_reminder_sent_at = None
    if profile.status == CandidateProfile.Status.DORMANT:
        profile.status = profile.status_before_dormant or CandidateProfile.Status.SUBMITTED
        profile.status_before_dormant = ""
        profile.save()
        hooks.profile_changed(profile_id=profile.pk)
    else:
        profile.save()
    return profile


def profiles_remind_and_mark_dormant(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Daily: remind candidates two weeks before their 90 days run out; make unconfirmed profiles dormant.

    Each profile is claimed with a conditional update, so running twice sends no second e-mail and no second hook.
    Returns (reminded, made dormant).
    """
    now = now or timezone.now()
    days = settings.PROFILE_RECONFIRM_DAYS
    deadline = now - dt.timedelta(days=days)
    remind_from = now - dt.timedelta(days=max(days - 14, 1))
    confirmed_before = lambda t: Q(last_confirmed_at__lt=t) | Q(last_confirmed_at__isnull=True, created_at__lt=t)  # noqa: E731
    reminded = 0
    for profile_id in CandidateProfile.objects.filter(
        confirmed_before(remind_from), status__in=ACTIVE_STATUSES, reconfirm_reminder_sent_at__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            if CandidateProfile.objects.filter(pk=profile_id, reconfirm_reminder_sent_at__isnull=True).update(
                reconfirm_reminder_sent_at=now
            ):
                reminded += 1
                transaction.on_commit(partial(_send_reconfirm_reminder, profile_id))
    dormant = 0
    for profile_id, status in CandidateProfile.objects.filter(
        confirmed_before(deadline), status__in=ACTIVE_STATUSES
    ).values_list("pk", "status"):
        with transaction.atomic():
            if CandidateProfile.objects.filter(pk=profile_id, status=status).update(
                status=CandidateProfile.Status.DORMANT, status_before_dormant=status, updated_at=now
            ):
                dormant += 1
                hooks.candidate_left_matching(profile_id=profile_id)
    logger.info("reconfirmation sweep", extra={"reminded": reminded, "dormant": dormant})
    return reminded, dormant


def _send_reconfirm_reminder(profile_id: int) -> None:
    from django.utils import translation

    profile = CandidateProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or profile.user is None:
        return
    with translation.override(profile.user.preferred_language or "en"):
        send_mail(
            _("Are you still looking for work abroad?"),
            _(
                "Please log in and confirm that you are still interested, otherwise your profile becomes dormant and "
                "leaves matching until you confirm: %(link)s"
            )
            % {"link": absolute_url("candidates:dashboard")},
            None,
            [profile.user.email],
        )
