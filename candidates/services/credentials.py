"""A candidate's claims that a programme trained them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from candidates import validation as v
from candidates.models import CandidateProfile, Document
from candidates.services.common import clean_text, record_step
from core.exceptions import Conflict, NotFound, ValidationFailed
from review.models import ReviewItem
from review.services import review_item_open


@transaction.atomic
def credential_claim(
    *,
    profile: CandidateProfile,
    programme: Any,
    cohort: Any = None,
    title: str,
    completed_on: dt.date | None = None,
    evidence: Document | None = None,
) -> Any:
    """A candidate says a programme trained them. The programme's administrators verify it; a programme without
    administrators sends the claim to the caseworker queue."""
    from programmes.models import Credential

    title = clean_text({"title": title}, "title", 300)
    if not title:
        raise ValidationFailed(_("Please give the title of the training or qualification."), field="title")
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationFailed(_("This cohort belongs to another programme."), field="cohort")
    v.check_not_future(completed_on, field="completed_on")
    if evidence is not None and evidence.profile_id != profile.pk:
        raise NotFound(_("Unknown document."))
    credential = Credential.objects.create(
        candidate=profile,
        programme=programme,
        cohort=cohort,
        title=title,
        completed_on=completed_on,
        evidence=evidence,
        status=Credential.Status.CLAIMED,
    )
    if not programme.administrators.exists():
        review_item_open(
            kind=ReviewItem.Kind.CREDENTIAL,
            candidate=profile,
            credential=credential,
            programme=programme,
            country=profile.nationality,
        )
    record_step(profile, "credentials")
    return credential


@transaction.atomic
def credential_claim_withdraw(*, profile: CandidateProfile, credential_id: int) -> None:
    from programmes.models import Credential

    credential = Credential.objects.filter(candidate=profile, pk=credential_id).first()
    if credential is None:
        raise NotFound(_("Not found."))
    if credential.status != Credential.Status.CLAIMED:
        raise Conflict(_("Only a claim that is still awaiting verification can be withdrawn."))
    credential.delete()
