"""Granting and withdrawing consent, per purpose and text version."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.consents import CONSENT_TEXTS, current_version
from candidates.models import CandidateProfile, Consent
from candidates.services.common import after_profile_change, record_step
from core.exceptions import ValidationFailed
from matching import hooks


def _check_purpose(purpose: str) -> str:
    if purpose not in Consent.Purpose.values:
        raise ValidationFailed(_("Unknown purpose."), field="purpose")
    return purpose


@transaction.atomic
def consent_grant(*, profile: CandidateProfile, purpose: str) -> Consent:
    """Grant consent for one purpose, against the current text version. Idempotent."""
    _check_purpose(purpose)
    active = profile.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if active is not None and active.text_version == current_version(purpose):
        return active
    if active is not None:  # an older text: the new grant replaces it
        active.withdrawn_at = timezone.now()
        active.save(update_fields=["withdrawn_at"])
    consent = Consent.objects.create(
        profile=profile, purpose=purpose, text_version=current_version(purpose), granted_at=timezone.now()
    )
    if purpose == Consent.Purpose.MATCHING:
        after_profile_change(profile)
    return consent


@transaction.atomic
def consent_withdraw(*, profile: CandidateProfile, purpose: str) -> int:
    """Withdraw consent for one purpose in one action, effective at once: withdrawing matching takes the candidate
    out of the review queue; withdrawing sharing or keeping the profile also takes them off every employer's list.

    Returns the number of consents withdrawn (0 when none was active).
    """
    _check_purpose(purpose)
    count = profile.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    if count and purpose in (Consent.Purpose.SHARE_WITH_EMPLOYERS, Consent.Purpose.KEEP_PROFILE):
        hooks.candidate_stopped_sharing(profile_id=profile.pk)
    elif count and purpose == Consent.Purpose.MATCHING:
        hooks.candidate_left_matching(profile_id=profile.pk)
    return count


@transaction.atomic
def consents_set(*, profile: CandidateProfile, purposes: set[str]) -> None:
    """The consent step: grant what is ticked, withdraw what is not."""
    for purpose in purposes:
        _check_purpose(purpose)
    for purpose in CONSENT_TEXTS:
        if purpose in purposes:
            consent_grant(profile=profile, purpose=purpose)
        else:
            consent_withdraw(profile=profile, purpose=purpose)
    record_step(profile, "consents")
