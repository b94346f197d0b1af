"""The one mixin pages use for authorisation: a django-rules permission, 404 for those who may not enter."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin

from core.permissions import is_staff_role


class PermissionRequiredMixin(RulesPermissionRequiredMixin):
    """Set `permission_required` (one perm or several); object-level when `get_permission_object` returns one.

    Anonymous visitors go to the login page; a signed-in user without the permission gets 404, not a hint that
    the page exists.
    """

    request: HttpRequest  # set by View.setup on the view this is mixed into

    def handle_no_permission(self) -> HttpResponseRedirect:
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        raise Http404


class RoleRequiredMixin(LoginRequiredMixin):
    """Being replaced by PermissionRequiredMixin (issue 10): restrict a view to the listed roles; staff pass."""

    allowed_roles: tuple[str, ...] = ()
    request: HttpRequest  # set by View.setup on the view this is mixed into

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not (is_staff_role(user) or user.role in self.allowed_roles):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
