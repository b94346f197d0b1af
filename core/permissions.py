"""Predicates shared by every app's rules.py. Each app registers its object permissions with django-rules;
pages (`user.has_perm(perm, obj)`) and the API (`core.api.permissions.RulesPermission`) ask the same rules.
"""

from __future__ import annotations

import rules

from core.roles import Role


@rules.predicate
def is_staff_role(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and (user.role == Role.STAFF or user.is_superuser))


@rules.predicate
def is_caseworker(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.CASEWORKER)


@rules.predicate
def is_candidate(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.CANDIDATE)


@rules.predicate
def is_employer(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.EMPLOYER)


@rules.predicate
def is_programme_admin(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(user.is_authenticated and user.role == Role.PROGRAMME_ADMIN)


is_case_officer = is_caseworker | is_staff_role
