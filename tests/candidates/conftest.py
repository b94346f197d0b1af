"""Fixtures of the candidate tests. The matching hooks are recorded (the engine has its own tests): what matters here
is that candidate services call them at the right moments, with ids only."""

from __future__ import annotations

import io

import pytest
from PIL import Image


class HookRecorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]

    def record(self, name: str):  # type: ignore[no-untyped-def]
        def _hook(**kwargs) -> None:  # type: ignore[no-untyped-def]
            self.calls.append((name, kwargs))

        return _hook


@pytest.fixture(autouse=True)
def _lexical_esco_search(settings) -> None:  # type: ignore[no-untyped-def]
    """Link typed text with the lexical ESCO search only: the semantic re-rank (a model load) is taxonomy's to test."""
    settings.TAXONOMY_SEARCH_EMBEDDINGS = False


@pytest.fixture(autouse=True)
def hooks(monkeypatch) -> HookRecorder:  # type: ignore[no-untyped-def]
    from matching import hooks as matching_hooks

    recorder = HookRecorder()
    monkeypatch.setattr(matching_hooks, "profile_changed", recorder.record("profile_changed"))
    monkeypatch.setattr(matching_hooks, "candidate_left_matching", recorder.record("candidate_left_matching"))
    monkeypatch.setattr(matching_hooks, "candidate_stopped_sharing", recorder.record("candidate_stopped_sharing"))
    return recorder


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes(text: str = "Certificate") -> bytes:
    """A small well-formed PDF (one blank page, with a cross-reference table), as a real PDF writer leaves it."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj" % number + obj + b"endobj\n"
    body += f"% {text}\n".encode()
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


@pytest.fixture
def good_png() -> bytes:
    return png_bytes()


@pytest.fixture
def good_pdf() -> bytes:
    return pdf_bytes()
