"""Edits of a programme's directory entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from programmes.models import Programme
from programmes.services.common import require_change, save_validated
from taxonomy.models import Occupation


@transaction.atomic
def programme_update(
    *, programme: Programme, actor: Any, data: dict[str, Any], occupations: Iterable[Occupation] | None = None
) -> Programme:
    """Change a programme's directory entry. `data` holds cleaned model field values; `occupations`, when given,
    replaces the occupations it trains for."""
    require_change(actor, programme)
    for key, value in data.items():
        setattr(programme, key, value)
    return save_validated(
        programme, exclude=["administrators", "occupations"], relation="occupations", related=occupations
    )
