"""Annual quotas of a scheme: setting them, and using one place per hire without ever passing the limit."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from core.exceptions import Conflict, ValidationFailed
from programmes.models import LegalScheme, SchemeQuota
from programmes.selectors import scheme_quota_rows
from programmes.services.common import emit_scheme_changed, require_change


def _open_year_row(*, scheme: LegalScheme, year: int) -> None:
    """Open the all-nationality row of `year` from the scheme's standing annual quota, once (race-safe)."""
    if scheme.annual_quota is None:
        return
    if SchemeQuota.objects.filter(scheme=scheme, year=year, nationality="").exists():
        return
    try:
        with transaction.atomic():
            SchemeQuota.objects.create(scheme=scheme, year=year, nationality="", quota=scheme.annual_quota)
    except IntegrityError:
        pass  # another transaction opened it first


@transaction.atomic
def scheme_quota_consume(*, scheme: LegalScheme, nationality: str, year: int) -> None:
    """Use one place of the scheme's quota for `year`: the nationality row and the all-nationality row, if set.

    Each row is taken with a conditional UPDATE (`used < quota`), which PostgreSQL serialises per row, so concurrent
    hires can never push `used` past `quota`. If any row is full, nothing is consumed and Conflict is raised.
    A scheme without quota rows (and no standing annual quota) has no limit. The place that fills a row sends
    SCHEME_CHANGED: from then on the quota rule excludes candidates it admitted before.
    """
    _open_year_row(scheme=scheme, year=year)
    rows = scheme_quota_rows(scheme=scheme, nationality=nationality, year=year)
    for row in rows:
        taken = SchemeQuota.objects.filter(pk=row.pk, used__lt=F("quota")).update(used=F("used") + 1)
        if taken != 1:
            who = row.nationality or _("all nationalities")
            raise Conflict(
                _("The %(year)s quota of %(scheme)s for %(who)s is used up.")
                % {"year": year, "scheme": scheme.name, "who": who},
                code="quota_exhausted",
            )
    if SchemeQuota.objects.filter(pk__in=[row.pk for row in rows], used__gte=F("quota")).exists():
        emit_scheme_changed(scheme_ids=[scheme.pk])


@transaction.atomic
def scheme_quota_set(*, scheme: LegalScheme, actor: Any, year: int, quota: int, nationality: str = "") -> SchemeQuota:
    """Set the number of places of `year` for one nationality (or all, blank); never below the places already used."""
    require_change(actor, scheme)
    row, created = SchemeQuota.objects.select_for_update().get_or_create(
        scheme=scheme, year=year, nationality=nationality.upper(), defaults={"quota": quota}
    )
    if quota < row.used:
        raise ValidationFailed(
            _("The quota cannot be below the %(used)s places already used.") % {"used": row.used}, field="quota"
        )
    if created or row.quota != quota:
        row.quota = quota
        row.save(update_fields=["quota"])
        emit_scheme_changed(scheme_ids=[scheme.pk])
    return row
