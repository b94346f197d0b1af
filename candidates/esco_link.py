"""Link what a candidate typed to an ESCO concept, keeping the text. Uses the taxonomy search (contract)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Literal, overload

from taxonomy.models import Occupation, OccupationLabel, Skill

if TYPE_CHECKING:
    from taxonomy.search import OccupationHit, SkillHit


def _norm(text: str) -> str:
    """Lower case, accents and punctuation removed: how the taxonomy stores its normalised labels."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


@overload
def _search(kind: Literal["occupation"], text: str) -> list[OccupationHit]: ...
@overload
def _search(kind: Literal["skill"], text: str) -> list[SkillHit]: ...
def _search(kind: str, text: str) -> list[OccupationHit] | list[SkillHit]:
    try:
        from taxonomy import search
    except ImportError:  # the taxonomy search lands with the foundation issue; the exact-label lookup still links
        return []
    finder = search.search_occupations if kind == "occupation" else search.search_skills
    try:
        return finder(text, limit=5)
    except Exception:  # a search failure must not lose what the candidate typed
        return []


def link_occupation(text: str, uri: str = "") -> Occupation | None:
    """The occupation the candidate picked (uri) or whose label equals what they typed; None leaves free text only."""
    if uri:
        picked = Occupation.objects.filter(uri=uri[:200]).first()
        if picked is not None:
            return picked
    wanted = _norm(text)
    if not wanted:
        return None
    for hit in _search("occupation", text):
        if wanted in {_norm(hit.preferred_label), _norm(getattr(hit, "matched_label", ""))}:
            return hit.occupation
    found = Occupation.objects.filter(preferred_label__iexact=text.strip()).first()
    if found is None:
        label = OccupationLabel.objects.filter(normalized=wanted).select_related("occupation").first()
        found = label.occupation if label else None
    return found


def link_skill(text: str, uri: str = "") -> Skill | None:
    if uri:
        picked = Skill.objects.filter(uri=uri[:200]).first()
        if picked is not None:
            return picked
    wanted = _norm(text)
    if not wanted:
        return None
    for hit in _search("skill", text):
        if wanted in {_norm(hit.preferred_label), _norm(getattr(hit, "matched_label", ""))}:
            return hit.skill
    return Skill.objects.filter(preferred_label__iexact=text.strip()).first()
