"""What an employer can decide on a released candidate, the reasons that go with each decision, and their labels.

Codes are stable identifiers (stored in MatchDecision and the decision log); labels are translatable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# decision -> (new status, statuses it may be taken from).
DECISIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "shortlist": ("shortlisted", ("released",)),
    "interview": ("interview", ("released", "shortlisted")),
    "hire": ("hired", ("released", "shortlisted", "interview")),
    "decline": ("declined", ("released", "shortlisted", "interview")),
}

DECISION_LABELS = {
    "shortlist": _("Shortlist"),
    "interview": _("Invite to interview"),
    "hire": _("Hire"),
    "decline": _("Decline"),
}

REASON_CODES: dict[str, list[tuple[str, StrOrPromise]]] = {
    "shortlist": [
        ("good_fit", _("Good fit for the role")),
        ("skills", _("Skills match")),
        ("other", _("Other")),
    ],
    "interview": [
        ("good_fit", _("Good fit for the role")),
        ("skills", _("Skills match")),
        ("other", _("Other")),
    ],
    "hire": [("offer_accepted", _("Offer made and accepted")), ("other", _("Other"))],
    "decline": [
        ("skills_gap", _("Essential skills missing")),
        ("language", _("Language level too low")),
        ("availability", _("Not available when needed")),
        ("recognition", _("Qualification not recognised in time")),
        ("position_filled", _("Position already filled")),
        ("candidate_withdrew", _("Candidate withdrew")),
        ("other", _("Other")),
    ],
}


def reason_label(decision: str, code: str) -> str:
    """The reader's words for an employer's reason code; an unknown code is shown as stored."""
    return str(dict(REASON_CODES.get(decision, [])).get(code, code))
