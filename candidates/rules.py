"""Object permissions on candidate data. A candidate owns their profile and what hangs under it; caseworkers and
staff may view (their views are logged with core.audit.log_access); a programme administrator may download the
evidence of a credential claim on their programme; nobody else sees anything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules

from core.permissions import is_case_officer, is_programme_admin

if TYPE_CHECKING:
    from candidates.models import Document


@rules.predicate
def is_owner(user: Any, obj: object) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    profile = getattr(obj, "profile", None) or getattr(obj, "candidate", None) or obj
    return getattr(profile, "user_id", None) == user.pk


@rules.predicate
def is_evidence_for_administered_programme(user: Any, document: Document | None) -> bool:
    if document is None or not is_programme_admin(user):
        return False
    from programmes.models import Credential

    return Credential.objects.filter(evidence=document, programme__administrators=user).exists()


rules.add_perm("candidates.view_profile", is_owner | is_case_officer)
rules.add_perm("candidates.change_profile", is_owner)
rules.add_perm("candidates.view_document", is_owner | is_case_officer | is_evidence_for_administered_programme)
rules.add_perm("candidates.change_document", is_owner)
rules.add_perm("candidates.export_profile", is_owner)
rules.add_perm("candidates.erase_profile", is_owner)
