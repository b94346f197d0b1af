"""The one authorisation source: django-rules predicates and permissions.

Each role is defined once, here. Every app's `rules.py` builds its object permissions from these predicates;
pages ask them through `core.mixins.PermissionRequiredMixin`, the API through
`core.api.permissions.RulesPermission`, services through `require()`. One answer for outsiders: whoever may not
know that an object exists gets 404 (`NotFound`); whoever may see it but not do this gets 403.
"""

from __future__ import annotations

from typing import Any

import rules

from core.exceptions import NotFound, PermissionDeniedError
from core.roles import Role


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_staff_role(user: Any) -> bool:
    """Staff: the service's operators (role staff, or a Django superuser)."""
    return _authenticated(user) and (user.role == Role.STAFF or bool(user.is_superuser))


@rules.predicate
def is_caseworker(user: Any) -> bool:
    """The caseworker role itself. Most checks want `is_case_officer`, which admits staff too."""
    return _authenticated(user) and user.role == Role.CASEWORKER


@rules.predicate
def is_candidate(user: Any) -> bool:
    return _authenticated(user) and user.role == Role.CANDIDATE


@rules.predicate
def is_employer(user: Any) -> bool:
    return _authenticated(user) and user.role == Role.EMPLOYER


@rules.predicate
def is_programme_admin(user: Any) -> bool:
    return _authenticated(user) and user.role == Role.PROGRAMME_ADMIN


is_case_officer = is_caseworker | is_staff_role


def require(actor: Any, perm: str, obj: Any = None, *, visible: str | None = None) -> None:
    """Raise unless `actor` holds `perm` (on `obj`).

    Denied: `PermissionDeniedError` (403) when `visible` is given and the actor holds it (they may know the object,
    just not do this), `NotFound` (404) otherwise.
    """
    if actor is not None and actor.has_perm(perm, obj):
        return
    if visible is not None and actor is not None and actor.has_perm(visible, obj):
        raise PermissionDeniedError("You may not do this.", code="permission_denied")
    raise NotFound("Not found.", code="not_found")
