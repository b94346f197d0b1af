"""Create once: a repeated or concurrent create request with the same key returns what the first one made.

`create_once(user=..., scope="vacancy", key=..., create=lambda: ...)` runs `create` inside the caller's transaction
the first time and returns `(obj, True)`; a repeat returns `(the first object, False)`. Without a key (an old form,
an API client that sends none) it simply creates. Keys are kept for `IDEMPOTENCY_KEY_DAYS` (purged nightly).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ValidationFailed
from core.models import IdempotencyKey

T = TypeVar("T", bound=models.Model)
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{8,64}$")
HEADER = "HTTP_IDEMPOTENCY_KEY"


def key_from(request: Any, *, field: str = "creation_key") -> str:
    """The key of a request: the `Idempotency-Key` header (API) or the form's hidden field (pages)."""
    raw = request.META.get(HEADER) or getattr(request, "POST", {}).get(field) or ""
    key = str(raw).strip()
    if key and not KEY_PATTERN.match(key):
        raise ValidationFailed(_("An idempotency key is 8 to 64 letters, digits or . _ : -"), field="Idempotency-Key")
    return key


def form_key(request: Any, *, field: str = "creation_key") -> str:
    """The key a form page renders in its hidden field: the one it was posted with, else a new one."""
    posted = str(request.POST.get(field, "")) if request.method == "POST" else ""
    return posted if KEY_PATTERN.match(posted) else uuid.uuid4().hex


def create_once(*, user: Any, scope: str, key: str, model: type[T], create: Callable[[], T]) -> tuple[T, bool]:
    if not key or user is None or not getattr(user, "pk", None):
        return create(), True
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=user, scope=scope, key=key)
        except IntegrityError:  # answered before (or being answered now: the insert waited for it to commit)
            record = IdempotencyKey.objects.get(user=user, scope=scope, key=key)
            existing = model._default_manager.filter(pk=record.object_id).first() if record.object_id else None
            if existing is not None:
                return existing, False
            raise ValidationFailed(
                _("This request was already sent and did not finish; reload and try again.")
            ) from None
        obj = create()
        IdempotencyKey.objects.filter(pk=record.pk).update(object_id=obj.pk)
        return obj, True


def purge_idempotency_keys() -> int:
    cutoff = timezone.now() - timedelta(days=getattr(settings, "IDEMPOTENCY_KEY_DAYS", 2))
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
