"""Erasure of a candidate (the export is a read: candidates.selectors.profile_export)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from candidates.models import CandidateProfile
from core.mail import mail_files_purge
from matching import hooks

logger = logging.getLogger(__name__)


ERASED_FEE_REPORT_TEXT = "[Removed at the reporter's request (erasure); the report against the organisation stands.]"


def _decision_notes_about(profile: CandidateProfile) -> Any:
    """Decision-log rows about the candidate or anything of hers: the profile, her matches, documents, credentials and
    review items (their subject ids, read before anything is deleted)."""
    from django.db.models import Q

    from core.models import DecisionLog

    subjects = Q(subject_type__in=["candidate", "profile"], subject_id=profile.pk)
    subjects |= Q(subject_type="match", subject_id__in=list(profile.matches.values_list("pk", flat=True)))
    subjects |= Q(subject_type="document", subject_id__in=list(profile.documents.values_list("pk", flat=True)))
    subjects |= Q(subject_type="credential", subject_id__in=list(profile.credentials.values_list("pk", flat=True)))
    subjects |= Q(
        subject_type__startswith="review_item.",
        subject_id__in=list(profile.review_items.values_list("pk", flat=True)),
    )
    return DecisionLog.objects.filter(subjects).exclude(note="")


@transaction.atomic
def profile_erase(*, profile: CandidateProfile) -> None:
    """Erase the candidate: profile and everything under it (skills, languages, education, experience, consents,
    documents and their files, credentials, matches and their decisions, review items), the candidate's embedding,
    login-attempt records, the user account and (embedded default) the stored mails sent to her. Kept: access and
    decision logs with numeric ids only (the notes in decision logs about her are emptied), and her fee reports against
    organisations with their text removed."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from matching.models import Embedding

    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    profile_id = profile.pk
    user = profile.user
    files = [(d.file.storage, d.file.name) for d in profile.documents.all() if d.file]
    addresses = {a for a in (profile.contact_email, user.email if user else "") if a}
    hooks.candidate_left_matching(profile_id=profile_id)
    _decision_notes_about(profile).redact("note")  # notes of caseworkers, employers and hers; the decisions stay
    profile.fee_reports.update(description=ERASED_FEE_REPORT_TEXT)  # the report against the organisation stays
    Embedding.objects.filter(kind=Embedding.Kind.CANDIDATE, object_id=profile_id).delete()
    profile.delete()
    for model in (AccessAttempt, AccessFailureLog, AxesAccessLog):
        for address in addresses:
            model.objects.filter(username__iexact=address).delete()
    if user is not None:
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
        try:
            mail_files_purge(addresses=addresses)
        except OSError:
            logger.warning("could not remove an erased candidate's stored mail", extra={"profile_id": profile_id})

    transaction.on_commit(_remove_files)
