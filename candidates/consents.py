"""The consent texts a candidate agrees to, per purpose, with the version each grant refers to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from candidates.models import Consent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Keyed by Consent.Purpose (a str enum), looked up with the plain purpose string too.
CONSENT_TEXTS: dict[str, tuple[str, StrOrPromise]] = {
    Consent.Purpose.KEEP_PROFILE: (
        "2026-01",
        _(
            "Keep my profile and documents in the talent pool so that caseworkers can review them. "
            "I can withdraw this at any time; my profile then leaves review and matching, and I can erase my data "
            "from my dashboard."
        ),
    ),
    Consent.Purpose.MATCHING: (
        "2026-01",
        _(
            "Compare my profile automatically with vacancies. Every proposed match is checked by a caseworker "
            "before an employer sees it. Gender and other special data are never used for matching."
        ),
    ),
    Consent.Purpose.SHARE_WITH_EMPLOYERS: (
        "2026-01",
        _("Show my profile to the vetted employers a caseworker approved for a vacancy."),
    ),
}


def current_version(purpose: str) -> str:
    return CONSENT_TEXTS[purpose][0]
