"""Documents: PDF, JPEG or PNG only, checked by content; hostile files refused with a clear message; served only to
those allowed, as attachments."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from candidates.models import Document
from candidates.services.credentials import credential_claim
from candidates.services.documents import document_upload
from core.models import AccessLog
from review.models import ReviewItem
from tests.candidates.conftest import jpeg_bytes, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cv.txt", "hello")
    return buffer.getvalue()


def hostile_corpus() -> list[tuple[str, str, bytes]]:
    """(case id, file name, content): each must be refused."""
    png, jpeg, pdf = png_bytes(), jpeg_bytes(), pdf_bytes()
    big = png_bytes((2000, 2000))
    return [
        ("empty", "cv.pdf", b""),
        ("plain-text-renamed", "cv.pdf", b"just some text pretending to be a pdf"),
        ("html-renamed-pdf", "cv.pdf", b"<!doctype html><html><body><script>alert(1)</script></body></html>"),
        ("svg-with-script", "photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        (
            "svg-renamed-png",
            "photo.png",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        ),
        (
            "exe",
            "setup.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
            + b"\x00" * 64
            + b"This program cannot be run in DOS mode",
        ),
        ("elf", "cv.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 80),
        ("zip", "cv.pdf", _zip()),
        ("gif", "photo.png", _gif()),
        (
            "pdf-with-javascript",
            "cv.pdf",
            pdf.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"),
        ),
        (
            "pdf-hex-escaped-javascript",
            "cv.pdf",
            pdf.replace(b"/Type/Catalog", b"/Type/Catalog/AA<</O<</S/J#61vaScript>>>>"),
        ),
        ("pdf-embedded-file", "cv.pdf", pdf.replace(b"/Type/Catalog", b"/Type/Catalog/Names<</EmbeddedFiles 9 0 R>>")),
        (
            "pdf-launch-action",
            "cv.pdf",
            pdf.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>"),
        ),
        ("pdf-with-html", "cv.pdf", pdf.replace(b"% Certificate", b"% <html><body>hi</body></html>")),
        ("pdf-with-zip-appended", "cv.pdf", pdf + _zip()),
        ("pdf-truncated", "cv.pdf", pdf[: len(pdf) // 2]),
        ("png-with-script-appended", "photo.png", png + b"<script>alert(1)</script>"),
        ("png-with-zip-appended", "photo.png", png + _zip()),
        ("png-truncated", "photo.png", png[:40]),
        ("jpeg-with-php", "photo.jpg", jpeg[:-2] + b"<?php system($_GET['c']); ?>" + b"\xff\xd9"),
        ("jpeg-corrupt", "photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF\x00" + b"\x13" * 200),
        ("oversized", "scan.png", big + b"\x00" * (6 * 1024 * 1024)),
        ("gifar-polyglot", "photo.png", png[:-12] + _zip() + png[-12:]),
        ("pdf-xfa-form", "cv.pdf", pdf.replace(b"/Type/Catalog", b"/Type/Catalog/AcroForm<</XFA 7 0 R>>")),
    ]


CORPUS = hostile_corpus()


def test_corpus_has_at_least_twenty_hostile_files():
    assert len(CORPUS) >= 20


@pytest.mark.parametrize(("case", "name", "content"), CORPUS, ids=[c[0] for c in CORPUS])
def test_hostile_upload_is_refused_with_a_clear_message(candidate, client_for, settings, case, name, content):
    client = client_for(candidate.user)
    response = client.post("/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400, case
    errors = " ".join(response.context["form"].errors.get("file", []))
    assert errors, case
    assert any(
        word in errors
        for word in ("PDF", "JPEG", "empty", "large", "refused", "damaged", "appended", "incomplete", "submitted")
    ), errors
    assert not Document.objects.filter(profile=candidate).exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.parametrize(("case", "name", "content"), CORPUS[:12], ids=[c[0] for c in CORPUS[:12]])
def test_hostile_upload_is_refused_by_the_api_too(candidate, client_for, case, name, content):
    client = client_for(candidate.user)
    response = client.post("/api/v1/me/profile/documents/", {"kind": "cv", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400, case
    assert response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("cv.pdf", pdf_bytes(), "application/pdf"),
        ("photo.png", png_bytes(), "image/png"),
        ("scan.jpg", jpeg_bytes(), "image/jpeg"),
    ],
)
def test_real_pdf_png_jpeg_are_stored_under_generated_names(candidate, client_for, settings, name, content, mime):
    client = client_for(candidate.user)
    response = client.post("/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    document = Document.objects.get(profile=candidate)
    assert document.content_type == mime and document.original_name == name and document.size == len(content)
    assert name not in document.file.name
    stored = Path(settings.MEDIA_ROOT) / document.file.name
    assert stored.read_bytes() == content
    assert str(settings.MEDIA_ROOT) not in str(settings.STATIC_ROOT)


def test_path_traversal_name_is_never_used_for_storage(candidate, client_for, settings):
    client = client_for(candidate.user)
    upload = SimpleUploadedFile("../../../../etc/passwd.pdf", pdf_bytes())
    client.post("/candidates/documents/", {"kind": "cv", "file": upload})
    document = Document.objects.get(profile=candidate)
    assert ".." not in document.file.name and "passwd" not in document.file.name
    assert "/" not in document.original_name and ".." not in document.original_name
    assert (
        (Path(settings.MEDIA_ROOT) / document.file.name).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    )


def test_quota_per_candidate_is_enforced(candidate, client_for, settings):
    settings.DOCUMENT_QUOTA_BYTES = len(pdf_bytes()) * 2 + 10
    client = client_for(candidate.user)
    for _ in range(2):
        assert (
            client.post(
                "/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile("a.pdf", pdf_bytes())}
            ).status_code
            == 302
        )
    response = client.post("/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile("a.pdf", pdf_bytes())})
    assert response.status_code == 400
    assert "quota" in " ".join(response.context["form"].errors["file"])
    assert Document.objects.filter(profile=candidate).count() == 2


def test_download_is_an_attachment_with_nosniff_for_the_owner_only(
    candidate, other_candidate, client_for, employer_member
):
    client = client_for(candidate.user)
    client.post("/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", pdf_bytes())})
    document = Document.objects.get(profile=candidate)
    url = f"/candidates/documents/{document.pk}/download/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert client_for(other_candidate.user).get(url).status_code == 404
    assert client_for(employer_member.user).get(url).status_code == 404
    assert (
        client_for(other_candidate.user).get(f"/api/v1/me/profile/documents/{document.pk}/download/").status_code == 404
    )
    assert not AccessLog.objects.exists()


def test_caseworker_download_is_logged(candidate, client_for, caseworker):
    client_for(candidate.user).post(
        "/candidates/documents/",
        {"kind": "identity", "document_number": "AB 123456", "file": SimpleUploadedFile("id.png", png_bytes())},
    )
    document = Document.objects.get(profile=candidate)
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.DOCUMENT, document=document).exists()
    response = client_for(caseworker).get(f"/candidates/documents/{document.pk}/download/")
    assert response.status_code == 200
    log = AccessLog.objects.get()
    assert (log.actor, log.subject_candidate_id, log.part) == (caseworker, candidate.pk, "document")


def test_owner_can_delete_document_and_file_goes(
    candidate, other_candidate, client_for, settings, django_capture_on_commit_callbacks
):
    client = client_for(candidate.user)
    client.post("/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", pdf_bytes())})
    document = Document.objects.get(profile=candidate)
    stored = Path(settings.MEDIA_ROOT) / document.file.name
    assert client_for(other_candidate.user).post(f"/candidates/documents/{document.pk}/delete/").status_code == 404
    assert client_for(other_candidate.user).get(f"/candidates/documents/{document.pk}/delete/").status_code == 404
    # One click on the list no longer deletes: the confirmation page names the document first.
    assert client.post(f"/candidates/documents/{document.pk}/delete/").status_code == 302
    assert Document.objects.filter(pk=document.pk).exists()
    page = client.get(f"/candidates/documents/{document.pk}/delete/").content.decode()
    assert "cv.pdf" in page and 'name="confirm" value="yes"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/candidates/documents/{document.pk}/delete/", {"confirm": "yes"}, follow=True)
    assert "Document deleted." in response.content.decode()
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not stored.exists()


def test_programme_admin_downloads_claim_evidence_of_own_programme_only(
    candidate, client_for, programme_admin, programme, other_programme_admin
):
    evidence = document_upload(profile=candidate, kind="credential_evidence", content=pdf_bytes(), name="diploma.pdf")
    cv = document_upload(profile=candidate, kind="cv", content=pdf_bytes(), name="cv.pdf")
    credential_claim(profile=candidate, programme=programme, title="THAMM graduate", evidence=evidence)
    admin = client_for(programme_admin)
    assert admin.get(f"/candidates/documents/{evidence.pk}/download/").status_code == 200
    assert admin.get(f"/candidates/documents/{cv.pk}/download/").status_code == 404
    assert client_for(other_programme_admin).get(f"/candidates/documents/{evidence.pk}/download/").status_code == 404
    log = AccessLog.objects.get()
    assert (log.actor, log.purpose) == (programme_admin, "credential verification")
