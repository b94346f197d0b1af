"""The one mixin pages use to say which roles may enter. Object-level checks live in rules (core.permissions)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse

from core.roles import Role


class RoleRequiredMixin(LoginRequiredMixin):
    """Restrict a view to the listed roles. Staff always pass. Other roles get 404, not a hint that the page exists."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return self.handle_no_permission()
        if not (user.role == Role.STAFF or user.is_superuser or user.role in self.allowed_roles):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
