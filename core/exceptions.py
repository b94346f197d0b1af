"""Domain errors. Views and the API map them to HTTP statuses in one place (core.api.errors)."""

from __future__ import annotations


class DomainError(Exception):
    """Base class; `message` is safe to show to the user, `field` names the input at fault if any."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or type(self).__name__


class ValidationFailed(DomainError):
    status_code = 400


class PermissionDeniedError(DomainError):
    status_code = 403


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class TooLarge(DomainError):
    """An upload or body over its size limit (413)."""

    status_code = 413
