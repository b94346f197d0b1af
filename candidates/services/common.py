"""What every candidate write shares: cleaning typed text, recording the wizard step, and telling matching
and the review queue that a profile changed."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import CandidateProfile
from core.exceptions import ValidationFailed
from matching import hooks
from review.models import ReviewItem
from review.services import review_item_open

ACTIVE_STATUSES = (
    CandidateProfile.Status.SUBMITTED,
    CandidateProfile.Status.VERIFIED,
    CandidateProfile.Status.CHANGES_REQUESTED,
)


def text_language(language: str | None) -> str:
    return (language or "")[:2].lower()


def clean_text(data: dict[str, Any], key: str, max_length: int) -> str:
    value = data.get(key) or ""
    if not isinstance(value, str):
        raise ValidationFailed(_("Expected text."), field=key)
    value = value.strip()
    if len(value) > max_length:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": max_length}, field=key)
    return value


def after_profile_change(profile: CandidateProfile) -> None:
    """A change that matters for matching: re-embed; a verified profile goes back to a caseworker."""
    if profile.status == CandidateProfile.Status.DRAFT:
        return
    hooks.profile_changed(profile_id=profile.pk)
    if profile.status == CandidateProfile.Status.VERIFIED:
        review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=profile, country=profile.nationality)


def record_step(profile: CandidateProfile, step: str) -> None:
    profile.wizard_step = step
    CandidateProfile.objects.filter(pk=profile.pk).update(wizard_step=step, updated_at=timezone.now())
