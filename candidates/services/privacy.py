"""Erasure of a candidate (the export is a read: candidates.selectors.profile_export)."""

from __future__ import annotations

import logging

from django.db import transaction

from candidates.models import CandidateProfile
from matching import hooks

logger = logging.getLogger(__name__)


@transaction.atomic
def profile_erase(*, profile: CandidateProfile) -> None:
    """Erase the candidate: profile and everything under it (skills, languages, education, experience, consents,
    documents and their files, credentials, matches and their decisions, review items), the candidate's embedding,
    login-attempt records and the user account. Kept: access and decision logs, which hold only numeric ids."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from matching.models import Embedding

    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    profile_id = profile.pk
    user = profile.user
    files = [(d.file.storage, d.file.name) for d in profile.documents.all() if d.file]
    hooks.candidate_left_matching(profile_id=profile_id)
    Embedding.objects.filter(kind=Embedding.Kind.CANDIDATE, object_id=profile_id).delete()
    profile.delete()
    if user is not None:
        email = user.email
        for model in (AccessAttempt, AccessFailureLog, AxesAccessLog):
            model.objects.filter(username__iexact=email).delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)
        ).delete()
        user.delete()

    def _remove_files() -> None:
        for storage, name in files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("could not remove an erased candidate's file", extra={"profile_id": profile_id})

    transaction.on_commit(_remove_files)
