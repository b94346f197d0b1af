"""Plain-language summaries of a match for the candidate, the caseworker and the employer (translatable, in the
active language). Built only from what the engine stored on the match: component values and contributions, matched
and missing essential skills, and the rules passed or failed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# The pure rule classes carry English descriptions for logs and docs; these are the translatable texts people see.
RULE_LABELS = {
    "active_consented": gettext_lazy("the profile is not active or consent to matching is missing"),
    "destination_accepted": gettext_lazy("the candidate has not chosen this country"),
    "language_minimum": gettext_lazy("a required language level is not reached"),
    "legal_age": gettext_lazy("below the legal working age in the destination"),
    "scheme_age_range": gettext_lazy("outside the age range of the legal scheme"),
    "scheme_nationality": gettext_lazy("the legal scheme is not open to this nationality"),
    "scheme_max_stay": gettext_lazy("the contract is longer than the legal scheme allows"),
    "scheme_quota": gettext_lazy("the scheme's annual quota for this nationality is used up"),
    "who_safeguard": gettext_lazy(
        "health workers are not actively recruited from countries on the WHO safeguards list"
    ),
    "programme_reservation": gettext_lazy("reserved for the partners of the candidate's training programme"),
    "availability": gettext_lazy("not available by the start date"),
    "recognition": gettext_lazy("the qualification is not recognised in the destination"),
}

COMPONENT_LABELS = {
    "semantic": gettext_lazy("profile text"),
    "skills": gettext_lazy("skills"),
    "occupation": gettext_lazy("occupation"),
    "experience": gettext_lazy("experience"),
    "language": gettext_lazy("languages"),
}


def rule_label(rule_id: str) -> str:
    return str(RULE_LABELS.get(rule_id, rule_id))


def _skill_labels(uris: list[str], limit: int = 3, labels: dict[str, str] | None = None) -> list[str]:
    wanted = uris[:limit]
    if not wanted:
        return []
    if labels is None:
        from taxonomy.selectors import labels_for

        labels = labels_for(wanted)
    return [labels[u] for u in wanted if u in labels]


def _occupation_sentence(value: float, audience: str) -> str:
    if value >= 1.0:
        return (
            _("Your occupation is the one asked for.")
            if audience == "candidate"
            else _("Same occupation as the vacancy.")
        )
    if value >= 0.7:
        return _("A closely related occupation (same ISCO unit group).")
    if value >= 0.4:
        return _("A related occupation (same ISCO minor group).")
    return ""


def plain_summary(*, match: Any, audience: str, labels: dict[str, str] | None = None) -> str:
    """The match in a few sentences for `audience`. A list passes `labels` (URI -> label, e.g. from
    `taxonomy.selectors.labels_for` over all its matches) so that a page costs one label query, not one per match."""
    matched = list(match.matched_essential_skills or [])
    missing = list(match.missing_essential_skills or [])
    explanation = match.explanation or {}
    values = explanation.get("values", {})
    certified = len(explanation.get("verified_essential_skills", []))
    total = len(matched) + len(missing)
    parts: list[str] = []
    if match.failed_rules and not match.eligible:
        reasons = "; ".join(rule_label(r) for r in match.failed_rules)
        if audience == "candidate":
            parts.append(_("You cannot be put forward for this vacancy: %(reasons)s.") % {"reasons": reasons})
        else:
            parts.append(_("Not eligible: %(reasons)s.") % {"reasons": reasons})
    if total:
        text = ngettext(
            "Holds %(matched)d of %(total)d essential skill",
            "Holds %(matched)d of %(total)d essential skills",
            total,
        ) % {"matched": len(matched), "total": total}
        if certified:
            text += ngettext(
                " (%(n)d certified by a training programme)", " (%(n)d certified by a training programme)", certified
            ) % {"n": certified}
        parts.append(text + ".")
    occupation = _occupation_sentence(float(values.get("occupation", 0.0) or 0.0), audience)
    if occupation:
        parts.append(occupation)
    if float(values.get("experience", 0.0) or 0.0) >= 0.5:
        parts.append(_("Substantial experience in this line of work."))
    if values.get("language") is not None and float(values["language"]) >= 1.0 and audience != "candidate":
        parts.append(_("Language levels well above the minimum."))
    if missing and audience in ("candidate", "caseworker"):
        to_strengthen = _skill_labels(missing, labels=labels)
        if to_strengthen:
            parts.append(_("Skills to strengthen: %(skills)s.") % {"skills": ", ".join(to_strengthen)})
    if audience == "caseworker" and match.components:
        top = sorted(match.components.items(), key=lambda kv: -kv[1])[:2]
        parts.append(
            _("Score %(score)d%%, mostly from %(parts)s.")
            % {
                "score": round(match.score * 100),
                "parts": _(" and ").join(str(COMPONENT_LABELS.get(k, k)) for k, _v in top),
            }
        )
    return " ".join(parts) or _("Proposed on the overall fit of the profile.")
