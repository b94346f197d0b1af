"""The five components of a skills mobility partnership, as the inform defines them, and a programme's profile."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from programmes.models import Programme

# key → (flag field, note field, label)
COMPONENTS: dict[str, tuple[str, str, Any]] = {
    "state_cooperation": ("has_state_cooperation", "state_cooperation_note", _("Formalised state cooperation")),
    "multi_stakeholder": ("has_multi_stakeholder", "multi_stakeholder_note", _("Multi-stakeholder involvement")),
    "training": ("has_training", "training_note", _("Training")),
    "skills_recognition": ("has_skills_recognition", "skills_recognition_note", _("Skills recognition")),
    "mobility": ("has_mobility", "mobility_note", _("Migration / mobility")),
}


def component_profile(programme: Programme) -> list[dict[str, Any]]:
    """Each component: present or not, with the programme's note on it."""
    return [
        {"key": key, "label": label, "present": getattr(programme, flag), "note": getattr(programme, note)}
        for key, (flag, note, label) in COMPONENTS.items()
    ]
