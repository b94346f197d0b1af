"""Object permissions of the programme directory. Pages and the API ask `user.has_perm("programmes.<perm>", obj)`."""

from __future__ import annotations

from typing import Any

import rules

from core.permissions import is_case_officer, is_programme_admin, is_staff_role


def _programme_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "administrators"):
        return obj
    return getattr(obj, "programme", None)


@rules.predicate
def is_administrator_of_programme(user: Any, obj: Any) -> bool:
    """The user administers the programme (or the programme of the scheme, cohort or credential)."""
    programme = _programme_of(obj)
    if programme is None or not user.is_authenticated:
        return False
    return programme.administrators.filter(pk=user.pk).exists()


@rules.predicate
def is_credential_holder(user: Any, credential: Any) -> bool:
    return bool(credential is not None and user.is_authenticated and credential.candidate.user_id == user.pk)


# The directory is public: everyone may know a programme, its schemes and cohorts exist (refusals are 403, not 404).
rules.add_perm("programmes.view_programme", rules.always_allow)
rules.add_perm("programmes.use_admin_area", is_programme_admin | is_staff_role)
rules.add_perm("programmes.change_programme", is_staff_role | is_administrator_of_programme)
rules.add_perm("programmes.decide_credential", is_case_officer | is_administrator_of_programme)
rules.add_perm("programmes.view_credential", is_case_officer | is_administrator_of_programme | is_credential_holder)
rules.add_perm("programmes.change_safeguard_list", is_staff_role)
