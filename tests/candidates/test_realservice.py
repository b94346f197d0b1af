"""On the real PostgreSQL server: concurrent uploads of one candidate are serialised, so the quota always holds."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from candidates.models import Document
from candidates.services.documents import document_upload
from core.exceptions import ValidationFailed
from tests.candidates.conftest import pdf_bytes

pytestmark = [pytest.mark.realservice, pytest.mark.django_db(transaction=True)]


def test_concurrent_uploads_never_exceed_the_quota(candidate, settings):
    content = pdf_bytes()
    settings.DOCUMENT_QUOTA_BYTES = len(content) * 3 + 1
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def upload() -> None:
        try:
            barrier.wait()
            document_upload(profile=candidate, kind="cv", content=content, name="cv.pdf")
            outcomes.append("ok")
        except ValidationFailed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=upload) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 3
    assert Document.objects.filter(profile=candidate).count() == 3
