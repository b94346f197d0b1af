"""DRF permission that asks django-rules the same object permissions pages ask."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Set `view_perm` and `change_perm` on the view; object checks go through `user.has_perm(perm, obj)`."""

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        perm = (
            getattr(view, "view_perm", None) if request.method in SAFE_METHODS else getattr(view, "change_perm", None)
        )
        if perm is None:
            return True
        return bool(request.user.has_perm(perm, obj))
