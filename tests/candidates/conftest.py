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
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    )
    body += f"% {text}\n".encode()
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def good_png() -> bytes:
    return png_bytes()


@pytest.fixture
def good_pdf() -> bytes:
    return pdf_bytes()
