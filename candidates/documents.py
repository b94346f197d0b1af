"""Checks an uploaded file by its content: PDF, JPEG or PNG only, no active content, no polyglots.

The name the user gave is never used for storage; it is only kept (cleaned) for display.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _
from PIL import Image

from core.exceptions import ValidationFailed

ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
# Markers of active content or of a second file format hidden in the same bytes.
PDF_FORBIDDEN = [
    rb"/JavaScript",
    rb"/JS\b",
    rb"/OpenAction",
    rb"/AA\b",
    rb"/Launch",
    rb"/EmbeddedFile",
    rb"/RichMedia",
    rb"/XFA",
    rb"/SubmitForm",
    rb"/ImportData",
    rb"/GoToE",
]
POLYGLOT_MARKERS = [
    rb"<script",
    rb"<html",
    rb"<!doctype html",
    rb"<svg",
    rb"<iframe",
    rb"<?php",
    rb"javascript:",
    rb"<body",
    rb"onload=",
    rb"onerror=",
]
EMBEDDED_SIGNATURES = [b"PK\x03\x04", b"MZ\x90\x00", b"\x7fELF", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c"]


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str
    display_name: str


def clean_display_name(name: str) -> str:
    """Keep only a harmless base name for display: no directories, control characters or odd punctuation."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKC", base)
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    base = base.strip(" .")
    return base[:150] or "document"


def check_upload(*, content: bytes, name: str, max_bytes: int) -> CheckedFile:
    """Return the checked file, or raise ValidationFailed(field="file") with the reason it was refused."""
    if not content:
        raise ValidationFailed(_("The file is empty."), field="file")
    if len(content) > max_bytes:
        raise ValidationFailed(
            _("The file is too large (limit %(mb)s MB).") % {"mb": round(max_bytes / (1024 * 1024), 1)}, field="file"
        )
    kind = filetype.guess(content[:8192])
    mime = kind.mime if kind else None
    if mime not in ALLOWED:
        raise ValidationFailed(
            _("Only PDF, JPEG or PNG files are accepted; this file is of another type."), field="file"
        )
    lowered = content.lower()
    if any(marker in lowered for marker in POLYGLOT_MARKERS):
        raise ValidationFailed(_("The file contains scripts or web content and was refused."), field="file")
    if any(sig in content[4:] for sig in EMBEDDED_SIGNATURES):
        raise ValidationFailed(_("The file hides another file inside it and was refused."), field="file")
    if mime == "application/pdf":
        _check_pdf(content)
    else:
        _check_image(content, mime)
    return CheckedFile(
        content=content,
        content_type=mime,
        extension=ALLOWED[mime],
        sha256=hashlib.sha256(content).hexdigest(),
        display_name=clean_display_name(name),
    )


def _check_pdf(content: bytes) -> None:
    if not content.startswith(b"%PDF-"):
        raise ValidationFailed(_("The PDF must start with a PDF header."), field="file")
    if b"%%EOF" not in content[-2048:]:
        raise ValidationFailed(_("The PDF is incomplete or has data appended after its end."), field="file")
    # Names in PDF may be hex-escaped (/J#61vaScript); undo that before looking for active content.
    normalised = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), content)
    for marker in PDF_FORBIDDEN:
        if re.search(marker, normalised):
            raise ValidationFailed(
                _("The PDF contains scripts, actions or embedded files and was refused."), field="file"
            )


def _check_image(content: bytes, mime: str) -> None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            expected = "JPEG" if mime == "image/jpeg" else "PNG"
            if image.format != expected:
                raise ValidationFailed(_("The image is not a valid JPEG or PNG."), field="file")
            width, height = image.size
            if width * height > 60_000_000:
                raise ValidationFailed(_("The image is too large in pixels."), field="file")
            image.load()
    except ValidationFailed:
        raise
    except Exception:
        raise ValidationFailed(_("The image is damaged or not a valid JPEG or PNG."), field="file") from None
    if mime == "image/png" and not content.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        raise ValidationFailed(_("The image has data appended after its end."), field="file")
    if mime == "image/jpeg" and not content.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise ValidationFailed(_("The image has data appended after its end."), field="file")
