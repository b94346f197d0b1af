"""Cohorts of a programme: intakes with a training provider and a curriculum of ESCO skills."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from programmes.models import Cohort, Programme
from programmes.services.common import child_of_programme, save_validated
from taxonomy.models import Skill


@transaction.atomic
def cohort_save(
    *,
    programme: Programme,
    actor: Any,
    data: dict[str, Any],
    cohort: Cohort | None = None,
    curriculum: Iterable[Skill] | None = None,
) -> Cohort:
    """Create a cohort for `programme`, or change one of its cohorts; `curriculum`, when given, replaces its skills."""
    cohort = child_of_programme(
        programme=programme,
        actor=actor,
        model=Cohort,
        obj=cohort,
        data=data,
        elsewhere=_("This cohort belongs to another programme."),
    )
    return save_validated(cohort, exclude=["curriculum"], relation="curriculum", related=curriculum)
