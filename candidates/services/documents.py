"""Uploading and deleting a candidate's documents (content checks in candidates.documents)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candidates.documents import check_upload
from candidates.models import CandidateProfile, Document
from candidates.services.common import clean_text
from candidates.services.duplicates import _normalise_number, duplicates_flag
from core.exceptions import NotFound, ValidationFailed
from core.mail import absolute_url
from review.models import ReviewItem
from review.services import review_item_open

REVIEWED_KINDS = (Document.Kind.IDENTITY, Document.Kind.CERTIFICATE)


@transaction.atomic
def document_upload(
    *, profile: CandidateProfile, kind: str, content: bytes, name: str, document_number: str = ""
) -> Document:
    """Store a checked PDF/JPEG/PNG under a generated name; identity documents and certificates go to a caseworker.

    The stored bytes, their size (for the quota too) and their hash are those `check_upload` returns: for an image,
    the re-encoded copy without metadata, not the bytes uploaded."""
    if kind not in Document.Kind.values:
        raise ValidationFailed(_("Unknown kind of document."), field="kind")
    checked = check_upload(content=content, name=name, max_bytes=settings.DOCUMENT_MAX_BYTES)
    CandidateProfile.objects.select_for_update().filter(pk=profile.pk).first()  # serialise quota checks per candidate
    used = profile.documents.aggregate(total=Sum("size"))["total"] or 0
    if used + len(checked.content) > settings.DOCUMENT_QUOTA_BYTES:
        raise ValidationFailed(
            _("Your documents would exceed your storage quota of %(mb)d MB. Delete a document first.")
            % {"mb": settings.DOCUMENT_QUOTA_BYTES // (1024 * 1024)},
            field="file",
        )
    number = _normalise_number(clean_text({"document_number": document_number}, "document_number", 80))
    if number and kind != Document.Kind.IDENTITY:
        number = ""
    document = Document(
        profile=profile,
        kind=kind,
        original_name=checked.display_name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        document_number=number,
        review_status=Document.Review.PENDING if kind in REVIEWED_KINDS else Document.Review.NOT_REVIEWED,
    )
    document.file.save(f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(checked.content), save=False)
    stored_name = document.file.name
    assert stored_name is not None  # FieldFile.save just set it to the stored name
    try:
        document.save()
    except Exception:
        document.file.storage.delete(stored_name)
        raise
    if kind in REVIEWED_KINDS:
        review_item_open(
            kind=ReviewItem.Kind.DOCUMENT, candidate=profile, document=document, country=profile.nationality
        )
    if number:
        duplicates_flag(profile=profile)
    return document


@transaction.atomic
def document_delete(*, profile: CandidateProfile, document_id: int) -> None:
    document = Document.objects.filter(profile=profile, pk=document_id).first()
    if document is None:
        raise NotFound(_("Not found."))
    name = document.file.name
    assert name is not None  # a saved Document's file column is NOT NULL
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def document_review_record(*, document: Document, status: str, note: str = "") -> Document:
    """A caseworker's decision on one document: verified, changes requested or not accepted, with the note the
    candidate reads. Only this document changes (the profile keeps its status); the candidate is told by e-mail when
    something is asked of them. Called by the review queue, which checks who decides."""
    if status not in (Document.Review.VERIFIED, Document.Review.CHANGES_REQUESTED, Document.Review.REJECTED):
        raise ValidationFailed(_("Unknown document decision."), field="decision")
    document.review_status = status
    document.review_note = note.strip()[:2000]
    document.reviewed_at = timezone.now()
    document.save(update_fields=["review_status", "review_note", "reviewed_at"])
    user = document.profile.user
    if status != Document.Review.VERIFIED and user is not None:
        address, language = user.email, user.preferred_language or "en"
        name, link, reason = document.original_name, absolute_url("candidates:documents"), document.review_note

        def tell() -> None:
            with translation.override(language):
                send_mail(
                    _("Please look at your document “%(name)s”") % {"name": name},
                    _(
                        "A caseworker checked your document “%(name)s” and asks you to replace it:\n%(reason)s\n\n"
                        "Upload a new copy on your documents page: %(link)s\nThe rest of your profile is unchanged."
                    )
                    % {"name": name, "reason": reason, "link": link},
                    None,
                    [address],
                )

        transaction.on_commit(tell)
    return document
