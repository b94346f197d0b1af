"""Erasure of a candidate (the export is a read: candidates.selectors.profile_export)."""

from __future__ import annotations

import logging

from django.db import transaction

from candidates.models import CandidateProfile
from candidates.selectors import decision_log_about
from candidates.services.accounts import login_attempts_forget
from core.mail import mail_files_purge
from matching import hooks

logger = logging.getLogger(__name__)


ERASED_FEE_REPORT_TEXT = "[Removed at the reporter's request (erasure); the report against the organisation stands.]"


@transaction.atomic
def profile_erase(*, profile: CandidateProfile) -> None:
    """Erase the candidate: profile and everything under it (skills, languages, education, experience, consents,
    documents and their files, credentials, matches and their decisions, review items), the candidate's embedding,
    login-attempt records, the user account and (embedded default) the stored mails sent to her. Kept: access and
    decision logs with numeric ids only (the notes in decision logs about her are emptied), and her fee reports against
    organisations with their text removed."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from matching.models import Embedding

    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    profile_id = profile.pk
    user = profile.user
    files = [(d.file.storage, d.file.name) for d in profile.documents.all() if d.file.name]  # bool(d.file): a name
    addresses = {a for a in (profile.contact_email, user.email if user else "") if a}
    hooks.candidate_left_matching(profile_id=profile_id)
    decision_log_about(profile).exclude(note="").redact("note")  # others' notes and hers; the decisions stay
    profile.fee_reports.update(description=ERASED_FEE_REPORT_TEXT)  # the report against the organisation stays
    Embedding.objects.filter(kind=Embedding.Kind.CANDIDATE, object_id=profile_id).delete()
    profile.delete()
    for address in addresses:
        login_attempts_forget(address)
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
