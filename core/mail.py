"""Links in e-mails: a mail client has no current site, so every link is absolute, from settings.SITE_URL."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(name: str, *args: Any, **kwargs: Any) -> str:
    """The full address of the named route, e.g. `https://talentpool.example/candidates/dashboard/`."""
    return settings.SITE_URL + reverse(name, args=args or None, kwargs=kwargs or None)
