"""Reads of the programme directory. Public reads need no viewer; administrator reads are scoped to the viewer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from programmes.countries import country_name
from programmes.models import (
    Cohort,
    Credential,
    LegalScheme,
    Programme,
    SafeguardCountry,
    SafeguardListEdition,
    SchemeQuota,
    Stakeholder,
)

PLACED_STATUSES = ("hired",)
MATCHED_STATUSES = ("released", "shortlisted", "interview", "hired", "declined")


def json_list_contains(field: str, code: str) -> Q:
    """`field` (a JSON list of short codes) holds `code`. Text search on the JSON keeps it portable to SQLite."""
    return Q(**{f"{field}__icontains": f'"{code}"'})


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.all().prefetch_related("schemes")


def programme_counts_by_destination() -> list[tuple[str, str, int]]:
    """(code, name, number of programmes) per destination country, most programmes first: the directory's country view."""
    counts: Counter[str] = Counter()
    for destinations in Programme.objects.values_list("destination_countries", flat=True):
        counts.update(set(destinations or []))
    return sorted(((code, country_name(code), n) for code, n in counts.items()), key=lambda row: (-row[2], row[1]))


def programme_get_public(*, slug: str) -> Programme:
    queryset = Programme.objects.prefetch_related("occupations", "schemes__quotas", "partners__stakeholder")
    return get_object_or_404(queryset, slug=slug)


def scheme_list() -> QuerySet[LegalScheme]:
    return LegalScheme.objects.select_related("programme").prefetch_related("occupations", "quotas")


def stakeholder_list() -> QuerySet[Stakeholder]:
    return Stakeholder.objects.all()


def scheme_quota_rows(*, scheme: LegalScheme, nationality: str, year: int) -> list[SchemeQuota]:
    """The quota rows that bind a candidate of `nationality` in `year`: the all-nationality row and their own."""
    nationalities = {""} | ({nationality.upper()} if nationality else set())
    return list(SchemeQuota.objects.filter(scheme=scheme, year=year, nationality__in=nationalities).order_by("pk"))


def scheme_quota_remaining(*, scheme: LegalScheme, nationality: str, year: int) -> int | None:
    """Places left for a candidate of `nationality` in `year`; None when no quota applies."""
    rows = scheme_quota_rows(scheme=scheme, nationality=nationality, year=year)
    remaining = [row.remaining for row in rows]
    if scheme.annual_quota is not None and not any(row.nationality == "" for row in rows):
        remaining.append(scheme.annual_quota)
    return min(remaining) if remaining else None


def open_cohorts(*, programme: Programme) -> QuerySet[Cohort]:
    return programme.cohorts.filter(status__in=[Cohort.Status.PLANNED, Cohort.Status.OPEN]).select_related(
        "training_provider"
    )


def programmes_for(*, occupation: Any = None, country: str | None = None) -> QuerySet[Programme]:
    """Programmes that train for `occupation` (or its ISCO unit group) towards `country`, best fit first.

    A programme fits an occupation if it lists it, lists an occupation of the same ISCO unit group, or has a scheme
    whose ISCO prefixes cover the group. It fits a country if the country is one of its destinations or a scheme's.
    """
    queryset = Programme.objects.exclude(status=Programme.Status.ENDED)
    if country:
        code = country.upper()
        queryset = queryset.filter(
            json_list_contains("destination_countries", code) | Q(schemes__destination_country=code)
        )
    if occupation is not None:
        group = occupation.isco_group or ""
        by_scheme = [
            scheme.programme_id
            for scheme in LegalScheme.objects.exclude(programme=None).only("programme_id", "isco_prefixes")
            if group and any(group.startswith(str(prefix)) for prefix in scheme.isco_prefixes or [])
        ]
        condition = Q(occupations=occupation) | Q(pk__in=by_scheme)
        if group:
            condition |= Q(occupations__isco_group=group)
        queryset = queryset.filter(condition)
    return queryset.distinct().order_by("name")


def schemes_for(*, programme: Programme, country: str | None = None) -> list[LegalScheme]:
    schemes = list(programme.schemes.all())
    if country:
        schemes = [scheme for scheme in schemes if scheme.destination_country == country.upper()]
    return schemes


def active_safeguard_edition() -> SafeguardListEdition | None:
    return SafeguardListEdition.objects.filter(is_active=True).order_by("-published_on", "-edition").first()


def safeguard_countries() -> set[str]:
    """ISO 3166-1 alpha-2 codes of the active WHO Health Workforce Support and Safeguards List edition."""
    edition = active_safeguard_edition()
    if edition is None:
        return set()
    return set(SafeguardCountry.objects.filter(edition=edition).values_list("country", flat=True))


def programmes_administered_by(*, viewer: Any) -> QuerySet[Programme]:
    """Programmes the viewer may edit: their own, or all for staff. Outsiders get an empty set (then 404)."""
    if not viewer.is_authenticated:
        return Programme.objects.none()
    if viewer.is_staff_role:
        return Programme.objects.all()
    return Programme.objects.filter(administrators=viewer)


def credential_claims_for(*, viewer: Any, programme: Programme | None = None) -> QuerySet[Credential]:
    """Claimed credentials awaiting the viewer's decision, oldest first."""
    queryset = Credential.objects.filter(
        status=Credential.Status.CLAIMED, programme__in=programmes_administered_by(viewer=viewer)
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return queryset.select_related("candidate__user", "programme", "evidence").order_by("created_at")


def credentials_for_programme(*, viewer: Any, programme: Programme) -> QuerySet[Credential]:
    return Credential.objects.filter(programme=programme, programme__in=programmes_administered_by(viewer=viewer))


@dataclass(frozen=True)
class FunnelStage:
    key: str
    label: str
    value: int | None
    source: str


def programme_funnel(*, programme: Programme) -> list[FunnelStage]:
    """Trained → registered in the pool → matched → placed → returned.

    Registered, matched and placed are counted live from the pool (candidates holding a verified or issued credential
    of the programme); trained and returned are the programme's reported figures (or, for trained, the number of
    credential holders when nothing was reported). Only counts leave this function, never people.
    """
    # Counting matches belongs to matching (issue 10: this selector moves there); until it does, the one upward
    # read of the directory is kept here, at function level, so that importing programmes loads nothing above it.
    from matching.models import Match

    holders = (
        Credential.objects.filter(
            programme=programme, status__in=[Credential.Status.VERIFIED, Credential.Status.ISSUED]
        )
        .values_list("candidate_id", flat=True)
        .distinct()
    )
    holder_ids = list(holders)
    registered = len(holder_ids)
    matched = (
        Match.objects.filter(candidate_id__in=holder_ids, status__in=MATCHED_STATUSES)
        .values("candidate_id")
        .distinct()
        .count()
    )
    placed_live = (
        Match.objects.filter(candidate_id__in=holder_ids, status__in=PLACED_STATUSES)
        .values("candidate_id")
        .distinct()
        .count()
    )
    trained = programme.trained_count
    trained_source = _("reported by the programme")
    if trained is None:
        trained = (
            Credential.objects.filter(programme=programme)
            .exclude(status=Credential.Status.REJECTED)
            .values("candidate_id")
            .distinct()
            .count()
        )
        trained_source = _("credential holders in the pool")
    placed = placed_live
    placed_source = _("hires through the pool")
    if programme.placed_count is not None and programme.placed_count > placed_live:
        placed, placed_source = programme.placed_count, _("reported by the programme")
    return [
        FunnelStage("trained", _("Trained"), trained, trained_source),
        FunnelStage(
            "registered", _("Registered in the pool"), registered, _("verified credential holders in the pool")
        ),
        FunnelStage("matched", _("Matched"), matched, _("released to an employer at least once")),
        FunnelStage("placed", _("Placed"), placed, placed_source),
        FunnelStage("returned", _("Returned"), programme.returned_count, _("reported by the programme")),
    ]
