"""A "document to verify" item shows the document itself, inline, to the caseworker; every view is logged."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from core.models import AccessLog
from review import services
from review.models import ReviewItem
from tests.conftest import browser_login
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.core import UserFactory
from tests.factories.review import stored_document

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def document_item(**document: object) -> ReviewItem:
    profile = CandidateProfileFactory()
    stored = stored_document(profile, **document)  # type: ignore[arg-type]
    return services.review_item_open(kind=ReviewItem.Kind.DOCUMENT, candidate=profile, document=stored)


@pytest.mark.django_db
def test_the_item_page_embeds_the_pdf_and_the_file_is_served_inline_and_logged(client_for, caseworker):
    item = document_item(content=PDF, content_type="application/pdf", name="diplome-infirmier.pdf")
    client = client_for(caseworker)
    page = client.get(reverse("review:item", args=[item.pk])).content.decode()
    url = reverse("review:item_document", args=[item.pk])
    assert f'<iframe src="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response.get("X-Frame-Options") == "SAMEORIGIN"
    assert b"".join(response.streaming_content) == PDF
    assert AccessLog.objects.filter(
        actor=caseworker, subject_candidate_id=item.candidate_id, part="document", purpose="document_review"
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["candidate", "employer", "programme_admin"])
def test_nobody_else_reaches_the_document_through_the_queue(client_for, role):
    item = document_item(content=png(), content_type="image/png", name="passport.png")
    assert client_for(UserFactory(role=role)).get(reverse("review:item_document", args=[item.pk])).status_code == 404
    assert not AccessLog.objects.filter(part="document").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_caseworker_sees_the_uploaded_image_and_pdf_on_the_item_page(page, live_server, caseworker):
    image_item = document_item(content=png((40, 30)), content_type="image/png", name="passport.png")
    pdf_item = document_item(content=PDF, content_type="application/pdf", name="diplome.pdf")
    browser_login(page, live_server, caseworker.email)

    page.goto(live_server.url + reverse("review:item", args=[image_item.pk]))
    page.wait_for_function("document.querySelector('#document-preview img').complete")
    assert page.evaluate("document.querySelector('#document-preview img').naturalWidth") == 40

    with page.expect_response(lambda r: r.url.endswith(reverse("review:item_document", args=[pdf_item.pk]))) as got:
        page.goto(live_server.url + reverse("review:item", args=[pdf_item.pk]))
    assert got.value.status == 200 and got.value.headers["content-type"] == "application/pdf"
    assert page.is_visible("#document-preview iframe")
    assert AccessLog.objects.filter(actor=caseworker, part="document", purpose="document_review").count() >= 2
