"""Decisions a caseworker can take and the reason codes that go with each (stored in ReviewEvent, DecisionLog and
MatchDecision). Codes are stable identifiers; labels are translatable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    ESCALATE = "escalate", _("Escalate")


class ReasonCode(models.TextChoices):
    # approve
    CRITERIA_MET = "criteria_met", _("All criteria met")
    DOCUMENTS_VERIFIED = "documents_verified", _("Documents verified")
    DISTINCT_PEOPLE = "distinct_people", _("Different people, not a duplicate")
    REPORT_SUBSTANTIATED = "report_substantiated", _("Fee report substantiated")
    # reject
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Insufficient evidence")
    DOCUMENT_INVALID = "document_invalid", _("Document not valid or not readable")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")
    SAME_PERSON = "same_person", _("Same person registered twice")
    SUSPECTED_FRAUD = "suspected_fraud", _("Suspected fraud")
    REPORT_UNFOUNDED = "report_unfounded", _("Fee report unfounded")
    # request changes
    MISSING_INFORMATION = "missing_information", _("Information missing")
    UNCLEAR_DOCUMENT = "unclear_document", _("Document unclear")
    OUTDATED = "outdated", _("Information out of date")
    # escalate
    NEEDS_SENIOR_REVIEW = "needs_senior_review", _("Needs a senior caseworker")
    LEGAL_QUESTION = "legal_question", _("Legal question")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    OTHER = "other", _("Other (explain in the note)")


DECISION_REASONS: dict[str, list[str]] = {
    Decision.APPROVE: [
        ReasonCode.CRITERIA_MET,
        ReasonCode.DOCUMENTS_VERIFIED,
        ReasonCode.DISTINCT_PEOPLE,
        ReasonCode.REPORT_SUBSTANTIATED,
        ReasonCode.OTHER,
    ],
    Decision.REJECT: [
        ReasonCode.INSUFFICIENT_EVIDENCE,
        ReasonCode.DOCUMENT_INVALID,
        ReasonCode.NOT_ELIGIBLE,
        ReasonCode.SAME_PERSON,
        ReasonCode.SUSPECTED_FRAUD,
        ReasonCode.REPORT_UNFOUNDED,
        ReasonCode.OTHER,
    ],
    Decision.REQUEST_CHANGES: [
        ReasonCode.MISSING_INFORMATION,
        ReasonCode.UNCLEAR_DOCUMENT,
        ReasonCode.OUTDATED,
        ReasonCode.OTHER,
    ],
    Decision.ESCALATE: [
        ReasonCode.NEEDS_SENIOR_REVIEW,
        ReasonCode.LEGAL_QUESTION,
        ReasonCode.CONFLICT_OF_INTEREST,
        ReasonCode.OTHER,
    ],
}


class MatchRejectReason(models.TextChoices):
    SKILLS_MISMATCH = "skills_mismatch", _("Skills do not fit the vacancy")
    LANGUAGE_LEVEL = "language_level", _("Language level too low")
    EXPERIENCE = "experience", _("Not enough experience")
    AVAILABILITY = "availability", _("Not available at the start date")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible under the scheme or rules")
    RECOGNITION = "recognition", _("Qualification not recognised")
    PROFILE_INCOMPLETE = "profile_incomplete", _("Profile incomplete or unverified")
    OTHER = "other", _("Other (explain in the note)")


def grouped_reason_choices() -> list[tuple[str, list[tuple[str, StrOrPromise]]]]:
    """Reason codes grouped by decision, for <optgroup> in forms."""
    labels = dict(ReasonCode.choices)
    return [
        (str(Decision(decision).label), [(code, labels[code]) for code in codes])
        for decision, codes in DECISION_REASONS.items()
    ]
