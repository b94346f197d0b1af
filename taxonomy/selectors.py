from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from taxonomy.models import Occupation, OccupationLabel, OccupationSkill, Skill


def occupation_skills(*, occupation: Occupation) -> tuple[list, list]:
    """(essential, optional) skills of an occupation from ESCO's relations, each sorted by label. One query."""
    essential, optional = [], []
    links = (
        OccupationSkill.objects.filter(occupation=occupation).select_related("skill").order_by("skill__preferred_label")
    )
    for link in links:
        (essential if link.relation_type == OccupationSkill.Relation.ESSENTIAL else optional).append(link.skill)
    return essential, optional


def occupation_with_skills(*, occupation_id: int) -> SimpleNamespace:
    occupation = get_object_or_404(Occupation, pk=occupation_id)
    essential, optional = occupation_skills(occupation=occupation)
    return SimpleNamespace(
        id=occupation.id,
        uri=occupation.uri,
        code=occupation.code,
        isco_group=occupation.isco_group,
        preferred_label=occupation.preferred_label,
        alt_labels=occupation.alt_labels,
        description=occupation.description,
        is_regulated=occupation.is_regulated,
        essential_skills=essential,
        optional_skills=optional,
    )


def labels_for(uris: Iterable[str], *, language: str | None = None) -> dict[str, str]:
    """What a person reads for each ESCO occupation or skill URI: the preferred label in `language` (default: the
    active interface language) where the bundled ESCO data has one, else the English preferred label.

    One query, whatever the number of URIs. URIs the taxonomy does not hold are left out: the caller shows them as
    they are (e.g. a skill an old match stored as free text).
    """
    wanted = sorted({uri for uri in uris if uri})
    if not wanted:
        return {}
    language = (language or get_language() or "en").split("-")[0].lower()
    translated = (
        OccupationLabel.objects.filter(occupation=OuterRef("pk"), language=language, is_preferred=True)
        .order_by("pk")
        .values("label")[:1]
    )
    # Both models have a default ordering, which a compound statement may not carry.
    occupations = (
        Occupation.objects.filter(uri__in=wanted)
        .order_by()
        .values_list("uri", Coalesce(Subquery(translated), "preferred_label", output_field=CharField()))
    )
    skills = Skill.objects.filter(uri__in=wanted).order_by().values_list("uri", "preferred_label")
    return dict(occupations.union(skills, all=True))
