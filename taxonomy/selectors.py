from __future__ import annotations

from types import SimpleNamespace

from django.shortcuts import get_object_or_404

from taxonomy.models import Occupation, OccupationSkill


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
