"""Checks an uploaded file by its content: PDF, JPEG or PNG only, no active content, no polyglots.

PDFs are parsed (pypdf) and every object is examined, those inside compressed object streams included: scripts,
dangerous actions, embedded files and XFA forms are refused wherever they sit, and so are encrypted PDFs and PDFs that
cannot be parsed. A cheap scan of the raw bytes runs first as an extra net.

Images are refused before decoding when their header declares too many pixels (decompression bombs), then verified,
decoded and re-encoded in their own format with the EXIF orientation applied: what is stored and served back carries
no metadata at all (no EXIF, so no GPS position; no XMP, ICC profile, comments or PNG text chunks).

The name the user gave is never used for storage; it is only kept (cleaned) for display. A name whose extension
claims another type than the content (a PDF named .jpg, a PNG named .html) is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass

import filetype
import pypdf
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject, read_object

from core.exceptions import ValidationFailed

ALLOWED = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
# The extensions a user's file name may end in for each accepted type, and the names of other types: a name ending in
# one of those while the content is of an accepted type is refused. Other endings ("CV v2.1", "M.Ali") are not
# extensions and do not count.
NAME_EXTENSIONS = {
    "application/pdf": frozenset({"pdf"}),
    "image/jpeg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "image/png": frozenset({"png"}),
}
OTHER_EXTENSIONS = frozenset(
    {"gif", "svg", "svgz", "webp", "bmp", "tif", "tiff", "heic", "heif", "ico", "html", "htm", "xhtml", "xml", "js"}
    | {"mjs", "exe", "dll", "bat", "cmd", "com", "scr", "msi", "ps1", "vbs", "hta", "lnk", "jar", "apk", "sh", "php"}
    | {"zip", "rar", "7z", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "ppt", "pptx", "odt", "rtf", "txt", "eml"}
)
# Images: refused from the header alone, before any decoding, above these (a 40-megapixel RGB image already takes
# about 120 MB once decoded; a 7,700 x 7,700 PNG of a few hundred KB took about 180 MB).
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 12_000
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
# The parsed PDF: actions that run code, open other files or send data, wherever they are (/OpenAction, /AA of the
# document, a page, a field or an annotation, a link's /A, a /Next chain).
PDF_DANGEROUS_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/RichMediaExecute"}
)
# Keys that only exist to carry a script (/JS, the /Names /JavaScript tree), embedded files (/Names /EmbeddedFiles, a
# file specification's /EF) or an XFA form (/AcroForm /XFA).
PDF_FORBIDDEN_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"})
PDF_FORBIDDEN_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia"})
# Work bounds for hostile PDFs (the upload is at most DOCUMENT_MAX_BYTES): objects examined (indirect objects, members
# of object streams, objects found by scanning the bytes), entries walked, decoded size of one object stream, time.
PDF_MAX_OBJECTS = 20_000
PDF_MAX_ENTRIES = 1_000_000
PDF_MAX_OBJECT_STREAM_BYTES = 20_000_000
PDF_MAX_SECONDS = 20.0
_PDF_WHITESPACE = b"\x00\t\n\f\r "
_PDF_OBJECT_HEADER = re.compile(rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\f\r ]+([0-9]{1,5})[\x00\t\n\f\r ]+obj(?![A-Za-z])")
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
    display_name = clean_display_name(name)
    _check_name_matches(display_name, mime)
    if mime == "application/pdf":
        _check_pdf(content)
        stored = content
    else:
        stored = _sanitised_image(content, mime)
        if len(stored) > max_bytes:
            raise ValidationFailed(
                _("The file is too large (limit %(mb)s MB).") % {"mb": round(max_bytes / (1024 * 1024), 1)},
                field="file",
            )
    # What is stored (for an image: the re-encoded bytes) is what the size and the hash describe.
    return CheckedFile(
        content=stored,
        content_type=mime,
        extension=ALLOWED[mime],
        sha256=hashlib.sha256(stored).hexdigest(),
        display_name=display_name,
    )


def _check_name_matches(display_name: str, mime: str) -> None:
    stem, dot, extension = display_name.rpartition(".")
    extension = extension.lower()
    if not (stem and dot) or extension in NAME_EXTENSIONS[mime]:
        return
    if extension in OTHER_EXTENSIONS or any(extension in names for names in NAME_EXTENSIONS.values()):
        kind = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}[mime]
        raise ValidationFailed(
            _("The file's name does not match its content, which is a %(kind)s file; it was refused.") % {"kind": kind},
            field="file",
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
            raise _pdf_active_content()
    _check_pdf_structure(content)


def _pdf_active_content() -> ValidationFailed:
    return ValidationFailed(_("The PDF contains scripts, actions or embedded files and was refused."), field="file")


class _PdfTooComplex(Exception):
    pass


class _PdfWalk:
    """Every object of a parsed PDF, each examined once (cycles are harmless), within the work bounds."""

    def __init__(self, reader: pypdf.PdfReader) -> None:
        self.reader = reader
        self.seen: set[tuple[int, int]] = set()
        self.objects = 0
        self.entries = 0
        self.deadline = time.monotonic() + PDF_MAX_SECONDS

    def count_object(self) -> None:
        self.objects += 1
        if self.objects > PDF_MAX_OBJECTS:
            raise _PdfTooComplex

    def count_entries(self, n: int) -> None:
        self.entries += n
        if self.entries > PDF_MAX_ENTRIES or time.monotonic() > self.deadline:
            raise _PdfTooComplex

    def resolve(self, value: object) -> object:
        return value.get_object() if isinstance(value, IndirectObject) else value

    def run(self, roots: list[object]) -> None:
        stack = list(roots)
        while stack:
            obj = stack.pop()
            self.count_entries(1)
            if isinstance(obj, IndirectObject):
                key = (obj.idnum, obj.generation)
                if key in self.seen:
                    continue
                self.seen.add(key)
                self.count_object()
                obj = self.reader.get_object(obj)
            if isinstance(obj, DictionaryObject):  # stream dictionaries included
                self.check(obj)
                values = list(dict.values(obj))
                self.count_entries(len(values))
                stack.extend(values)
                if isinstance(obj, StreamObject) and self.name(obj, "/Type") == "/ObjStm":
                    stack.extend(self.object_stream_members(obj))
            elif isinstance(obj, ArrayObject):
                self.count_entries(len(obj))
                stack.extend(list.__iter__(obj))

    def name(self, obj: DictionaryObject, key: str) -> str | None:
        """The value of `key` if it is a name (/S, /Type and /Subtype are), else None."""
        value = self.resolve(dict.get(obj, key))
        return str(value) if isinstance(value, str) else None

    def check(self, obj: DictionaryObject) -> None:
        if any(key in PDF_FORBIDDEN_KEYS for key in dict.keys(obj)):
            raise _pdf_active_content()
        if self.name(obj, "/S") in PDF_DANGEROUS_ACTIONS:
            raise _pdf_active_content()
        if self.name(obj, "/Type") == "/EmbeddedFile":
            raise _pdf_active_content()
        if self.name(obj, "/Subtype") in PDF_FORBIDDEN_SUBTYPES:
            raise _pdf_active_content()
        uri = self.resolve(dict.get(obj, "/URI"))
        if isinstance(uri, (str, bytes)):
            text = uri.encode("latin-1", "replace") if isinstance(uri, str) else bytes(uri)
            if re.sub(rb"[\x00-\x20]", b"", text).lower().startswith(b"javascript:"):
                raise _pdf_active_content()

    def object_stream_members(self, stream: StreamObject) -> list[object]:
        """All objects packed in an object stream, whether the cross-reference table lists them or not."""
        data = stream.get_data()
        if len(data) > PDF_MAX_OBJECT_STREAM_BYTES:
            raise _PdfTooComplex
        count = int(self.resolve(dict.get(stream, "/N")))  # type: ignore[call-overload]
        first = int(self.resolve(dict.get(stream, "/First")))  # type: ignore[call-overload]
        if count < 0 or not 0 <= first <= len(data):
            raise ValueError("invalid object stream header")
        numbers = data[:first].split()
        offsets = [int(n) for n in numbers[1 : 2 * count : 2]]
        members = []
        buffer = io.BytesIO(data)
        for offset in offsets:
            self.count_object()
            members.append(self.read_at(buffer, data, first + offset))
        return members

    def read_at(self, buffer: io.BytesIO, data: bytes, position: int) -> object:
        while position < len(data) and data[position] in _PDF_WHITESPACE:
            position += 1
        buffer.seek(position)
        return read_object(buffer, self.reader)

    def scanned_objects(self, content: bytes) -> list[object]:
        """Objects found by scanning the bytes for `N G obj`, as a repairing viewer would, except those the
        cross-reference table places there (they are read through it); unreadable ones are skipped."""
        found = []
        buffer = io.BytesIO(content)
        listed = {
            (number, generation): offset
            for generation, entries in self.reader.xref.items()
            for number, offset in entries.items()
        }
        scanned = 0
        for match in _PDF_OBJECT_HEADER.finditer(content):
            if listed.get((int(match.group(1)), int(match.group(2)))) == match.start():
                continue
            scanned += 1
            self.count_entries(1)  # the time bound
            if scanned > PDF_MAX_OBJECTS:
                raise _PdfTooComplex
            try:
                found.append(self.read_at(buffer, content, match.end()))
            except (LimitReachedError, RecursionError, MemoryError):
                raise
            except Exception:  # noqa: S112 - bytes that only look like an object header
                continue
        return found


def _check_pdf_structure(content: bytes) -> None:
    """Parse the PDF and examine every object: those the cross-reference lists (object streams included) and those a
    byte scan finds, following every reference from the trailer."""
    try:
        with pypdf.apply_configuration(
            zlib_maximum_output_length=PDF_MAX_OBJECT_STREAM_BYTES,
            lzw_maximum_output_length=PDF_MAX_OBJECT_STREAM_BYTES,
            run_length_maximum_output_length=PDF_MAX_OBJECT_STREAM_BYTES,
            brotli_maximum_output_length=PDF_MAX_OBJECT_STREAM_BYTES,
            array_based_stream_maximum_output_length=PDF_MAX_OBJECT_STREAM_BYTES,
        ):
            reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
            if reader.is_encrypted:
                raise ValidationFailed(
                    _("The PDF is encrypted or protected by a password and was refused; upload a copy without one."),
                    field="file",
                )
            walk = _PdfWalk(reader)
            roots: list[object] = [reader.trailer]
            for generation, entries in reader.xref.items():
                roots.extend(IndirectObject(number, generation, reader) for number in entries)
            roots.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
            roots.extend(walk.scanned_objects(content))
            walk.run(roots)
    except ValidationFailed:
        raise
    except (_PdfTooComplex, LimitReachedError):
        raise ValidationFailed(
            _("The PDF is too complex to be checked and was refused; export or scan it again as a simpler PDF."),
            field="file",
        ) from None
    except Exception:  # hostile or damaged input: pypdf's errors, recursion, memory, anything
        raise ValidationFailed(
            _(
                "The PDF could not be read (it may be damaged) and was refused; export or scan it again and upload the new copy."
            ),
            field="file",
        ) from None


def _too_many_pixels() -> ValidationFailed:
    return ValidationFailed(
        _("The image is too large in pixels (at most %(megapixels)d megapixels and %(side)d pixels per side).")
        % {"megapixels": IMAGE_MAX_PIXELS // 1_000_000, "side": IMAGE_MAX_SIDE},
        field="file",
    )


def _sanitised_image(content: bytes, mime: str) -> bytes:
    """Check the image and return it re-encoded without any metadata, or raise ValidationFailed."""
    expected = "JPEG" if mime == "image/jpeg" else "PNG"
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard (a warning, then an error, far above our cap) counts as too many pixels.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Opening reads the header only: the size is known before anything is decoded.
            with Image.open(io.BytesIO(content), formats=[expected]) as image:
                width, height = image.size
                if width * height > IMAGE_MAX_PIXELS or max(width, height) > IMAGE_MAX_SIDE:
                    raise _too_many_pixels()
                if image.format != expected:
                    raise ValidationFailed(_("The image is not a valid JPEG or PNG."), field="file")
                image.verify()
            with Image.open(io.BytesIO(content), formats=[expected]) as image:
                if image.size != (width, height) or image.format != expected:
                    raise ValidationFailed(_("The image is not a valid JPEG or PNG."), field="file")
                image.load()
                stored = _reencode(image, expected)
    except ValidationFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:
        raise ValidationFailed(_("The image is damaged or not a valid JPEG or PNG."), field="file") from None
    if mime == "image/png" and not content.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82"):
        raise ValidationFailed(_("The image has data appended after its end."), field="file")
    if mime == "image/jpeg" and not content.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise ValidationFailed(_("The image has data appended after its end."), field="file")
    return stored


def _reencode(image: Image.Image, fmt: str) -> bytes:
    """The decoded image saved anew in its format: orientation applied, nothing else of the original file kept.

    A JPEG keeps its quantisation tables and chroma subsampling ("keep"), so it is neither degraded nor bloated; a
    PNG keeps its mode, palette and transparency. EXIF, XMP, ICC profiles, comments and text chunks are not written.
    """
    with contextlib.suppress(Exception):  # unreadable EXIF: no orientation to apply, and it is dropped below anyway
        ImageOps.exif_transpose(image, in_place=True)
    params: dict[str, object] = {}
    if fmt == "PNG" and image.info.get("transparency") is not None:
        params["transparency"] = image.info["transparency"]
    image.info = {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        try:
            image.save(buffer, format=fmt, quality="keep")
            return buffer.getvalue()
        except (OSError, ValueError):  # tables or sampling the encoder will not take again: a plain high quality
            buffer = io.BytesIO()
            params["quality"] = 90
    image.save(buffer, format=fmt, **params)
    return buffer.getvalue()
