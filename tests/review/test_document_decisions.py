"""Issue 11: requesting changes on one document concerned that document alone, moved the whole profile to "changes
requested" and told the candidate nothing. Now the decision lands on the document, the candidate reads it on their
documents page and gets an e-mail, and the profile keeps its status. Through the real pages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from candidates.models import CandidateProfile, Document
from review.models import ReviewItem
from tests.candidates.conftest import pdf_bytes

pytestmark = pytest.mark.django_db


def _upload(client, name: str) -> Document:  # type: ignore[no-untyped-def]
    response = client.post(
        "/candidates/documents/",
        {"kind": "certificate", "file": SimpleUploadedFile(name, pdf_bytes("diplome"), "application/pdf")},
    )
    assert response.status_code in (200, 302)
    return Document.objects.get(original_name=name)


def test_changes_on_one_document_reach_that_document_and_the_candidate(
    client_for, candidate, caseworker, django_capture_on_commit_callbacks
):
    CandidateProfile.objects.filter(pk=candidate.pk).update(status=CandidateProfile.Status.VERIFIED)
    owner = client_for(candidate.user)
    blurred = _upload(owner, "diplome-infirmier.pdf")
    fine = _upload(owner, "attestation-B1.pdf")
    assert blurred.review_status == fine.review_status == Document.Review.PENDING
    officer = client_for(caseworker)
    item = ReviewItem.objects.get(document=blurred)
    officer.post(f"/review/items/{item.pk}/claim/")
    missing_note = officer.post(
        f"/review/items/{item.pk}/decide/",
        {"decision": "request_changes", "reason_code": "unclear_document"},
        follow=True,
    )
    assert "what is wrong with the document" in missing_note.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(
            f"/review/items/{item.pk}/decide/",
            {
                "decision": "request_changes",
                "reason_code": "unclear_document",
                "note": "La page 2 est illisible : merci de la scanner à nouveau.",
            },
        )
    blurred.refresh_from_db()
    fine.refresh_from_db()
    candidate.refresh_from_db()
    assert blurred.review_status == Document.Review.CHANGES_REQUESTED
    assert fine.review_status == Document.Review.PENDING
    assert candidate.status == CandidateProfile.Status.VERIFIED  # the rest of the profile stands
    told = [m for m in mail.outbox if m.to == [candidate.user.email]]
    assert len(told) == 1 and "diplome-infirmier.pdf" in told[0].subject
    assert "illisible" in told[0].body and "http://127.0.0.1:8000/candidates/documents/" in told[0].body
    page = owner.get("/candidates/documents/").content.decode()
    row = page[page.index(f'id="document-{blurred.pk}"') :]
    assert "Changes requested" in row[:2000] and "illisible" in row[:2000]

    other_item = ReviewItem.objects.get(document=fine)
    officer.post(f"/review/items/{other_item.pk}/claim/")
    officer.post(f"/review/items/{other_item.pk}/decide/", {"decision": "approve", "reason_code": "documents_verified"})
    fine.refresh_from_db()
    assert fine.review_status == Document.Review.VERIFIED and fine.reviewed_at is not None
