"""The human-oversight switch (AI Act "stop"): staff pause automated ranking for the whole service or one country.

Match runs are not created while a pause covers them (the matching engine checks OversightPause); queues and manual
lists keep working. Every pause and resume is logged in the decision log.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_decision
from core.exceptions import Conflict, ValidationFailed
from core.permissions import require
from matching.models import OversightPause
from programmes.countries import is_country_code


@transaction.atomic
def oversight_pause(*, actor: Any, country: str, reason: str) -> OversightPause:
    """Stop automated ranking for the whole service (country "") or one destination country."""
    require(actor, "review.pause_ranking", visible="review.use_review_area")
    country = (country or "").strip().upper()
    reason = (reason or "").strip()
    if country and not is_country_code(country):
        raise ValidationFailed(_("Choose a country from the list, or none for the whole service."), field="country")
    if not reason:
        raise ValidationFailed(_("Give the reason for the pause."), field="reason")
    if OversightPause.objects.select_for_update().filter(country=country, lifted_at__isnull=True).exists():
        raise Conflict(_("Automated ranking is already paused there."))
    pause = OversightPause.objects.create(country=country, reason=reason, paused_by=actor)
    log_decision(
        actor=actor,
        subject_type="oversight_pause",
        subject_id=pause.pk,
        action="pause",
        note=f"{country or 'ALL'}: {reason}",
    )
    return pause


@transaction.atomic
def oversight_resume(*, actor: Any, pause: OversightPause, note: str = "") -> OversightPause:
    """Lift a pause: automated ranking resumes there."""
    require(actor, "review.pause_ranking", visible="review.use_review_area")
    lifted = OversightPause.objects.filter(pk=pause.pk, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=actor
    )
    if lifted != 1:
        raise Conflict(_("This pause has already been lifted."))
    log_decision(actor=actor, subject_type="oversight_pause", subject_id=pause.pk, action="resume", note=note.strip())
    return OversightPause.objects.get(pk=pause.pk)
