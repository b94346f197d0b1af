"""What a caseworker reads about a match: ESCO labels in the interface language (the URI only as a link), and the
hard rules in plain words — the ones passed by name, the ones failed with what they mean."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from employers.decisions import DECISION_LABELS, reason_label
from matching.explanations import COMPONENT_LABELS, rule_label
from review.reasons import MatchRejectReason
from taxonomy.selectors import labels_for

# Short names of the engine's hard rules (matching/rules.py ids), for "rules passed".
RULE_NAMES = {
    "active_consented": _("active profile with consent to matching"),
    "destination_accepted": _("destination chosen by the candidate"),
    "language_minimum": _("minimum language levels"),
    "legal_age": _("legal working age"),
    "scheme_age_range": _("age range of the legal scheme"),
    "scheme_nationality": _("nationality open under the legal scheme"),
    "scheme_max_stay": _("maximum stay of the legal scheme"),
    "scheme_quota": _("annual quota of the legal scheme"),
    "who_safeguard": _("WHO health workforce safeguards list"),
    "programme_reservation": _("reservation window of a training programme"),
    "availability": _("available by the start date"),
    "recognition": _("recognition of the qualification"),
}

# What was done to a match (MatchDecision.action), as a caseworker reads it in the match's history.
MATCH_ACTIONS = {
    "release": _("Approved and released"),
    "reject": _("Rejected"),
    "add_manually": _("Added by a caseworker"),
    "not_interested": _("Candidate not interested"),
    "withdraw": _("Withdrawn"),
    **DECISION_LABELS,
}
SYSTEM_REASONS = {
    "consent_withdrawn": _("consent withdrawn"),
    "candidate_not_interested": _("the candidate declined"),
}


def decision_words(action: str, reason_code: str) -> tuple[str, str]:
    """A match decision's action and reason in the reader's language; what has no label is shown as stored."""
    action_text = str(MATCH_ACTIONS.get(action, action))
    if not reason_code:
        return action_text, ""
    if action == "reject":
        reasons = dict(MatchRejectReason.choices)
        return action_text, str(reasons.get(reason_code, reason_code))
    if action in DECISION_LABELS:
        return action_text, reason_label(action, reason_code)
    return action_text, str(SYSTEM_REASONS.get(reason_code, reason_code))


@dataclass(frozen=True)
class Term:
    """An ESCO concept as shown: its label, and its URI when it has one (rendered as a link)."""

    label: str
    uri: str = ""


def is_esco_uri(value: str) -> bool:
    return value.startswith(("http://data.europa.eu/esco/", "https://data.europa.eu/esco/"))


def terms(values: Iterable[str], labels: dict[str, str]) -> list[Term]:
    """Labels for stored skill or occupation values: a URI becomes its label (or stays as a link when unknown),
    anything else (free text from an older run) is shown as written."""
    out = []
    for value in values:
        if is_esco_uri(value):
            out.append(Term(label=labels.get(value, value), uri=value))
        else:
            out.append(Term(label=value))
    return out


def labels_for_matches(matches: Iterable[object], language: str | None = None) -> dict[str, str]:
    """Every ESCO label the matches' explanations need, in one query."""
    uris: set[str] = set()
    for match in matches:
        for value in [
            *(getattr(match, "matched_essential_skills", None) or []),
            *(getattr(match, "missing_essential_skills", None) or []),
        ]:
            if isinstance(value, str) and is_esco_uri(value):
                uris.add(value)
    return labels_for(uris, language=language)


def passed_rule_names(rule_ids: Iterable[str]) -> list[str]:
    return [str(RULE_NAMES.get(rule_id, rule_id)) for rule_id in rule_ids]


def failed_rule_texts(rule_ids: Iterable[str]) -> list[str]:
    return [rule_label(rule_id) for rule_id in rule_ids]


def component_name(key: str) -> str:
    return str(COMPONENT_LABELS.get(key, key))
