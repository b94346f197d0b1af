"""Reads of the signed-in user's own account data."""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils import timezone
from knox.models import AuthToken

from core.models import User

# A token is named in the API by the start of its digest (never by its key): 16 hex digits, 64 bits, so two of one
# user's tokens never share it.
TOKEN_ID_LENGTH = 16
_TOKEN_ID = re.compile(rf"[0-9a-f]{{{TOKEN_ID_LENGTH}}}")


def token_id(token: AuthToken) -> str:
    return token.digest[:TOKEN_ID_LENGTH]


def token_list(*, user: User) -> QuerySet[AuthToken]:
    """The user's live tokens, newest first."""
    return AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created", "-digest")


def token_get(*, user: User, token_id: str) -> AuthToken | None:
    """One of the user's live tokens by its id; None for a malformed id, another user's token or an expired one."""
    if not _TOKEN_ID.fullmatch(token_id):
        return None
    return token_list(user=user).filter(digest__startswith=token_id).first()
