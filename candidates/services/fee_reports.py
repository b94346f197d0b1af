"""A candidate reports being asked for a recruitment fee (moving to employers, which owns FeeReport)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import CandidateProfile
from candidates.services.common import clean_text
from core.exceptions import ValidationFailed
from core.idempotency import create_once
from review.models import ReviewItem
from review.services import review_item_open


@transaction.atomic
def fee_report_create(
    *, profile: CandidateProfile, organisation_id: int, description: str, idempotency_key: str = ""
) -> Any:
    """Report that someone asked the candidate for a recruitment fee (forbidden: ILO fair recruitment). Sent twice
    with one `idempotency_key` (a double click), it is recorded once."""
    from employers.models import FeeReport, Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationFailed(_("Please choose the organisation."), field="organisation")
    text = clean_text({"description": description}, "description", 4000)
    if len(text) < 10:
        raise ValidationFailed(_("Please describe what happened (at least 10 characters)."), field="description")
    report, created = create_once(
        user=profile.user,
        scope="fee_report",
        key=idempotency_key,
        model=FeeReport,
        create=lambda: FeeReport.objects.create(organisation=organisation, reporter=profile, description=text),
    )
    if not created:
        return report
    review_item_open(
        kind=ReviewItem.Kind.FEE_REPORT,
        fee_report=report,
        organisation=organisation,
        country=organisation.country,
        sector=organisation.sector,
        priority=1,
    )
    return report
