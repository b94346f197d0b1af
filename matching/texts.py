"""The texts that are embedded for a profile and a vacancy. Pure module: no Django imports.

A profile's text is: headline, current title, the preferred labels of the occupations held or sought, the skill
labels, each job's title and description, then the free summary. A vacancy's text is: title, occupation label,
essential then optional skill labels, then the description. Structured (ESCO) parts come first so that the 256-token
window of the sentence model keeps them; names, contact data and other personal data never enter a text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileText:
    headline: str = ""
    current_title: str = ""
    occupation_labels: tuple[str, ...] = ()
    skill_labels: tuple[str, ...] = ()
    experience: tuple[tuple[str, str], ...] = ()  # (title, description)
    summary: str = ""


@dataclass(frozen=True)
class VacancyText:
    title: str = ""
    occupation_label: str = ""
    essential_skill_labels: tuple[str, ...] = ()
    optional_skill_labels: tuple[str, ...] = ()
    description: str = ""


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _join(parts: list[str]) -> str:
    return "\n".join(p for p in (_clean(x) for x in parts) if p)


def profile_text(p: ProfileText) -> str:
    parts = [p.headline, p.current_title]
    if p.occupation_labels:
        parts.append("Occupations: " + "; ".join(sorted(set(p.occupation_labels))))
    if p.skill_labels:
        parts.append("Skills: " + "; ".join(sorted(set(p.skill_labels))))
    for title, description in p.experience:
        parts.append(f"{_clean(title)}. {_clean(description)}".strip(". ").strip())
    parts.append(p.summary)
    return _join(parts)


def vacancy_text(v: VacancyText) -> str:
    parts = [v.title, v.occupation_label]
    if v.essential_skill_labels:
        parts.append("Skills: " + "; ".join(sorted(set(v.essential_skill_labels))))
    if v.optional_skill_labels:
        parts.append("Also useful: " + "; ".join(sorted(set(v.optional_skill_labels))))
    parts.append(v.description)
    return _join(parts)


def content_hash(text: str, *, model: str) -> str:
    """Hash of the text and the model that embeds it: a new model invalidates every stored vector."""
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()
