"""Limits on what sends mail to an address someone typed: sign-up, password reset, e-mail change.

Each is counted twice, per address and per client (IP network), in the shared cache (django-ratelimit), so that
neither one visitor probing many addresses nor many visitors flooding one address get far. The rates are settings
(`MAIL_THROTTLE_PER_ADDRESS`, `MAIL_THROTTLE_PER_CLIENT`). In production the cache is Redis, shared by every web
process; the embedded default runs one process with the local-memory cache.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited


def client_ip(request: HttpRequest) -> str:
    """The client's address for rate limits (django-ratelimit's `RATELIMIT_IP_META_KEY`). Behind
    `TRUSTED_PROXY_COUNT` reverse proxies, the address the nearest of them saw, from the right of X-Forwarded-For (the
    entries further left are the client's own word); with no proxy, REMOTE_ADDR, and X-Forwarded-For is ignored."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops > 0 and len(forwarded) >= hops:
        return forwarded[-hops]
    # A Unix-socket front end leaves REMOTE_ADDR empty: such requests share one bucket rather than fail.
    return request.META.get("REMOTE_ADDR") or "127.0.0.1"


def _address_key(address: str) -> str:
    # The cache holds a digest, never the address itself.
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


def mail_throttled(request: HttpRequest, *, scope: str, address: str) -> bool:
    """Count one attempt of `scope` ("signup", "password_reset", "email_change") for this client and address; True
    when either is over its rate (the attempt must then send nothing)."""
    per_client = is_ratelimited(
        request, group=f"{scope}:client", key="ip", rate=settings.MAIL_THROTTLE_PER_CLIENT, increment=True
    )
    per_address = is_ratelimited(
        request,
        group=f"{scope}:address",
        key=lambda _group, _request: _address_key(address),
        rate=settings.MAIL_THROTTLE_PER_ADDRESS,
        increment=True,
    )
    return bool(per_client or per_address)
