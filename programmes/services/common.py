"""What the programme-editing services share: the one permission check and the validated save of a child row."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core import events
from core.exceptions import PermissionDeniedError
from core.permissions import require
from programmes.models import Programme


def require_change(actor: Any, obj: Any) -> None:
    """The actor may change this programme (or its scheme or cohort). The directory is public, so refusal is a 403."""
    require(actor, "programmes.change_programme", obj, visible="programmes.view_programme")


def child_of_programme(
    *, programme: Programme, actor: Any, model: type, obj: Any, data: dict[str, Any], elsewhere: str
) -> Any:
    """A new or existing scheme/cohort of `programme` with `data` applied; refuses one of another programme."""
    require_change(actor, programme)
    if obj is not None and obj.programme_id != programme.pk:
        raise PermissionDeniedError(elsewhere)
    obj = obj or model(programme=programme)
    for key, value in data.items():
        setattr(obj, key, value)
    return obj


def save_validated(obj: Any, *, exclude: list[str], relation: str, related: Iterable[Any] | None) -> Any:
    """Validate and save `obj`; replace its many-to-many `relation` when `related` is given."""
    obj.full_clean(exclude=exclude)
    obj.save()
    if related is not None:
        getattr(obj, relation).set(related)
    return obj


def emit_scheme_changed(*, scheme_ids: Iterable[int]) -> None:
    """Tell the layers above (matching re-runs the scheme's vacancies) after commit; ids only."""
    for scheme_id in sorted(set(scheme_ids)):
        events.emit(events.SCHEME_CHANGED, scheme_id=scheme_id)
