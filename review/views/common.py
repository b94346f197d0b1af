"""What every review page shares: the permission mixins, showing a service's domain error as a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from core.exceptions import DomainError
from core.mixins import PermissionRequiredMixin


class CaseworkerMixin(PermissionRequiredMixin):
    permission_required = "review.use_review_area"


class MatchesMixin(PermissionRequiredMixin):
    permission_required = "review.review_matches"


def first_error(form: Any) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return _("Some of the input is not valid.")


def run(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Call a service; show its domain error as a message instead of failing the page."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True
