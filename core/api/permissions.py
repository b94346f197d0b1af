"""The API's side of the one authorisation source: DRF asks the same django-rules permissions as pages."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    """Declare on the view:

    - `permission_required`: a permission without an object (e.g. `"candidates.use_candidate_area"`); a signed-in
      user without it gets 404, as if the endpoint did not exist for them.
    - `object_permissions`: `{"GET": "employers.view_vacancy", "PATCH": "employers.change_vacancy", ...}` for
      `check_object_permissions`; HEAD and OPTIONS use GET's. Without the GET permission: 404; with it but without
      the method's: 403.
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        perm = getattr(view, "permission_required", None)
        if perm and not user.has_perm(perm):
            raise exceptions.NotFound()
        return True

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        perms: dict[str, str] = getattr(view, "object_permissions", {}) or {}
        method = "GET" if request.method in ("HEAD", "OPTIONS") else request.method
        view_perm = perms.get("GET")
        if view_perm and not request.user.has_perm(view_perm, obj):
            raise exceptions.NotFound()
        perm = perms.get(method)
        if perm is None:
            return view_perm is not None or not perms
        return bool(request.user.has_perm(perm, obj))
