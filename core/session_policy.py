"""How long a signed-in session, and an API token, lasts, by role.

Case officers (caseworkers and staff) and programme administrators see many people's personal data: their session
ends 8 hours after login (a working day, however active), so a forgotten browser does not stay open on the queue
overnight. Candidates and employer members keep the default rolling `SESSION_COOKIE_AGE` (7 days).

API tokens never roll: each ends `API_TOKEN_TTL` (24 h) after the login that made it, an officer's or programme
administrator's at the end of their 8-hour working day if that comes first.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from core import permissions


def session_lifetime(user: Any) -> timedelta:
    if permissions.is_case_officer(user) or permissions.is_programme_admin(user):
        return timedelta(seconds=settings.OFFICER_SESSION_AGE)
    return timedelta(seconds=settings.SESSION_COOKIE_AGE)


def apply_session_lifetime(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: officers get a fixed end time, everyone else the rolling default."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if permissions.is_case_officer(user) or permissions.is_programme_admin(user):
        session.set_expiry(timezone.now() + session_lifetime(user))
    else:
        session.set_expiry(None)  # SESSION_COOKIE_AGE, renewed as the session is used


def token_lifetime(user: Any) -> timedelta:
    """How long an API token issued now lasts: `API_TOKEN_TTL`, and never longer than an officer's session."""
    ttl = timedelta(seconds=settings.API_TOKEN_TTL)
    if permissions.is_case_officer(user) or permissions.is_programme_admin(user):
        return min(ttl, timedelta(seconds=settings.OFFICER_SESSION_AGE))
    return ttl
