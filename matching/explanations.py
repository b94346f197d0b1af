"""Plain-language summaries of a match for the candidate, the caseworker and the employer (translatable)."""
from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def plain_summary(*, match: Any, audience: str) -> str:
    matched = len(match.matched_essential_skills or [])
    total = matched + len(match.missing_essential_skills or [])
    parts = []
    if total:
        parts.append(
            ngettext(
                "Holds %(matched)d of %(total)d essential skill.",
                "Holds %(matched)d of %(total)d essential skills.",
                total,
            )
            % {"matched": matched, "total": total}
        )
    if audience != "candidate" and match.failed_rules:
        parts.append(_("Not eligible: %(rules)s.") % {"rules": ", ".join(match.failed_rules)})
    return " ".join(parts) or _("Proposed on the overall fit of the profile.")
