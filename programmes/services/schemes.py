"""Legal schemes of a programme: the machine-readable rules the matching engine evaluates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from core.exceptions import ValidationFailed
from programmes.models import LegalScheme, Programme
from programmes.services.common import child_of_programme, emit_scheme_changed, save_validated
from taxonomy.models import Occupation

# Fields that only describe the scheme to people; a change to any other field changes who may be matched.
DESCRIPTIVE_FIELDS = frozenset({"slug", "name", "summary", "source_note"})


def _rules_of(scheme: LegalScheme) -> dict[str, Any]:
    fields = [field.name for field in LegalScheme._meta.concrete_fields if field.name not in DESCRIPTIVE_FIELDS]
    return model_to_dict(scheme, fields=fields)


@transaction.atomic
def scheme_save(
    *,
    programme: Programme,
    actor: Any,
    data: dict[str, Any],
    scheme: LegalScheme | None = None,
    occupations: Iterable[Occupation] | None = None,
) -> LegalScheme:
    """Create a scheme for `programme`, or change one of its schemes.

    When an existing scheme's rules or occupations change, SCHEME_CHANGED goes up after commit so that its
    vacancies are matched again under the new rules; a change of name or summary alone sends nothing.
    """
    before: dict[str, Any] | None = None
    occupations_before: set[int] = set()
    if scheme is not None and scheme.pk:
        current = LegalScheme.objects.select_for_update().get(pk=scheme.pk)
        before = _rules_of(current)
        occupations_before = set(current.occupations.values_list("pk", flat=True))
    scheme = child_of_programme(
        programme=programme,
        actor=actor,
        model=LegalScheme,
        obj=scheme,
        data=data,
        elsewhere=_("This scheme belongs to another programme."),
    )
    for low, high in (("min_age", "max_age"), ("min_stay_months", "max_stay_months")):
        low_value, high_value = getattr(scheme, low), getattr(scheme, high)
        if low_value is not None and high_value is not None and high_value < low_value:
            raise ValidationFailed(_("The maximum is below the minimum."), field=high)
    occupations = list(occupations) if occupations is not None else None
    save_validated(scheme, exclude=["occupations", "reserved_employers"], relation="occupations", related=occupations)
    if before is not None:
        occupations_changed = occupations is not None and {o.pk for o in occupations} != occupations_before
        if occupations_changed or _rules_of(scheme) != before:
            emit_scheme_changed(scheme_ids=[scheme.pk])
    return scheme
