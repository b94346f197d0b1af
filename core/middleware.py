"""Response headers that every answer with personal data needs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class NoStoreMiddleware:
    """`Cache-Control: no-store` on API answers and on everything a signed-in user is shown.

    Pages of a signed-in user (a profile, the review queue, an export) must not stay in a shared computer's browser
    cache or a proxy. The public directory stays cacheable; `Vary: Cookie` keeps a cache from serving one to the
    other.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or request.path.startswith("/api/"):
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private, max-age=0
        else:
            patch_vary_headers(response, ["Cookie"])
        return response
