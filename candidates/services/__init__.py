"""Writes on a candidate's own data, one module per concern. Every function validates its input (raising
core.exceptions.*), runs in one transaction, and tells the matching engine and the review queue what changed.
Free text is stored as written, with the language it was written in.

Callers import the concern's module (`from candidates.services.items import candidate_items_replace`); the
names below are re-exported for callers not yet moved.
"""

from __future__ import annotations

from candidates.services.accounts import (
    EMAIL_CHANGE_MAX_AGE,
    EMAIL_CHANGE_SALT,
    email_change_confirm,
    email_change_request,
)
from candidates.services.consents import (
    consent_grant,
    consent_withdraw,
    consents_set,
)
from candidates.services.credentials import (
    credential_claim,
    credential_claim_withdraw,
)
from candidates.services.documents import (
    document_delete,
    document_upload,
)
from candidates.services.dormancy import (
    profile_reconfirm,
    profiles_remind_and_mark_dormant,
)
from candidates.services.duplicates import (
    duplicates_flag,
)
from candidates.services.fee_reports import (
    fee_report_create,
)
from candidates.services.items import (
    ITEM_KINDS,
    MAX_ITEMS,
    candidate_item_create,
    candidate_item_delete,
    candidate_item_update,
    candidate_items_replace,
)
from candidates.services.matches import (
    NOT_INTERESTED_FROM,
    match_not_interested,
)
from candidates.services.privacy import (
    profile_erase,
)
from candidates.services.profile import (
    profile_get_or_create,
    profile_set_mobility,
    profile_set_occupations,
    profile_submit,
    profile_update_personal,
    submission_problems,
)

__all__ = [
    "EMAIL_CHANGE_MAX_AGE",
    "EMAIL_CHANGE_SALT",
    "ITEM_KINDS",
    "MAX_ITEMS",
    "NOT_INTERESTED_FROM",
    "candidate_item_create",
    "candidate_item_delete",
    "candidate_item_update",
    "candidate_items_replace",
    "consent_grant",
    "consent_withdraw",
    "consents_set",
    "credential_claim",
    "credential_claim_withdraw",
    "document_delete",
    "document_upload",
    "duplicates_flag",
    "email_change_confirm",
    "email_change_request",
    "fee_report_create",
    "match_not_interested",
    "profile_erase",
    "profile_get_or_create",
    "profile_reconfirm",
    "profile_set_mobility",
    "profile_set_occupations",
    "profile_submit",
    "profile_update_personal",
    "profiles_remind_and_mark_dormant",
    "submission_problems",
]
