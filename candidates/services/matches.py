"""The candidate's answer to a vacancy they were put forward for (moving to matching with the match lifecycle)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import CandidateProfile
from candidates.services.common import clean_text
from core.audit import log_decision
from core.exceptions import Conflict, NotFound

NOT_INTERESTED_FROM = ("released", "shortlisted", "interview")


@transaction.atomic
def match_not_interested(*, profile: CandidateProfile, match_id: int, actor: Any, note: str = "") -> Any:
    """The candidate says they are not interested in a vacancy they were put forward for (recorded as a decision)."""
    from matching.models import Match, MatchDecision

    match = Match.objects.select_for_update().filter(candidate=profile, pk=match_id).first()
    if match is None:
        raise NotFound(_("Not found."))
    if match.status not in NOT_INTERESTED_FROM:
        raise Conflict(_("This vacancy can no longer be declined here."))
    from_status = match.status
    match.status = Match.Status.WITHDRAWN
    match.save(update_fields=["status", "updated_at"])
    MatchDecision.objects.create(
        match=match,
        actor=actor,
        actor_role="candidate",
        action="not_interested",
        from_status=from_status,
        to_status=Match.Status.WITHDRAWN,
        reason_code="candidate_not_interested",
        note=clean_text({"note": note}, "note", 1000),
        components=match.components,
    )
    log_decision(
        actor=actor,
        subject_type="match",
        subject_id=match.pk,
        action="not_interested",
        reason_code="candidate_not_interested",
    )
    return match
