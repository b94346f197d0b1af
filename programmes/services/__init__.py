"""Writes of the programme directory, one module per concern: `directory` (a programme's entry), `schemes` (legal
schemes and their rules), `quotas`, `partners`, `cohorts`, and `credentials` (until they move to candidates).

Callers import the concern's module (`from programmes.services.quotas import scheme_quota_consume`). The names
below are re-exported only for the callers in other apps not yet moved; `scheme_quota_remaining` is a read and
lives in `programmes.selectors`.
"""

from __future__ import annotations

from programmes.selectors import scheme_quota_remaining
from programmes.services.credentials import credential_reject, credential_verify
from programmes.services.quotas import scheme_quota_consume

__all__ = ["credential_reject", "credential_verify", "scheme_quota_consume", "scheme_quota_remaining"]
