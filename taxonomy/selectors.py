from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from taxonomy.models import Occupation, OccupationLabel, OccupationSkill, Skill


def occupation_skills(*, occupation: Occupation) -> tuple[list[Skill], list[Skill]]:
    """(essential, optional) skills of an occupation from ESCO's relations, each sorted by label. One query."""
    essential: list[Skill] = []
    optional: list[Skill] = []
    links = (
        OccupationSkill.objects.filter(occupation=occupation).select_related("skill").order_by("skill__preferred_label")
    )
    for link in links:
        (essential if link.relation_type == OccupationSkill.Relation.ESSENTIAL else optional).append(link.skill)
    return essential, optional


# How many of ESCO's essential skills a new vacancy starts with. ESCO lists 60 to 90 for many occupations; a vacancy
# that required them all would read "holds 2 of 88 essential skills" for every good candidate.
SKILL_SHORTLIST_SIZE = 10


def occupation_skill_shortlist(*, occupation: Occupation, limit: int = SKILL_SHORTLIST_SIZE) -> list:
    """The `limit` essential skills most particular to the occupation, sorted by label: ESCO's occupation-specific
    skills first, then sector-specific, cross-sector and transversal ones ("communicate effectively" last); within a
    level, skills linked to fewer occupations first, and competences before knowledge. One query."""
    from django.db.models import Case, Count, IntegerField, Value, When

    level = Case(
        When(reuse_level="occupation-specific", then=Value(0)),
        When(reuse_level="sector-specific", then=Value(1)),
        When(reuse_level="transversal", then=Value(3)),
        default=Value(2),
        output_field=IntegerField(),
    )
    knowledge = Case(When(skill_type="knowledge", then=Value(1)), default=Value(0), output_field=IntegerField())
    essential = OccupationSkill.objects.filter(occupation=occupation, relation_type=OccupationSkill.Relation.ESSENTIAL)
    ranked = (
        Skill.objects.filter(pk__in=essential.values("skill_id"))
        .annotate(level=level, reach=Count("occupation_links", distinct=True), knowledge=knowledge)
        .order_by("level", "reach", "knowledge", "preferred_label", "pk")[:limit]
    )
    return sorted(ranked, key=lambda skill: skill.preferred_label)


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
