"""Hostile uploads (issue 12, items 8 and 9), every file generated here: PDFs whose scripts, actions, embedded files
or XFA forms hide in compressed object streams, encrypted and unparseable PDFs, decompression-bomb PNGs, and photos
whose EXIF (GPS position included) and other metadata must not be stored or served back."""

from __future__ import annotations

import hashlib
import html
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageFile, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from candidates.documents import (
    EMBEDDED_SIGNATURES,
    IMAGE_MAX_PIXELS,
    IMAGE_MAX_SIDE,
    PDF_FORBIDDEN,
    POLYGLOT_MARKERS,
    check_upload,
)
from candidates.models import Document
from candidates.services.documents import document_upload
from core.exceptions import ValidationFailed
from tests.candidates.conftest import jpeg_bytes, pdf_bytes, png_bytes

MAX = 5 * 1024 * 1024
ACTIVE = "The PDF contains scripts, actions or embedded files and was refused."


# --- PDF corpus -------------------------------------------------------------------------------------------------


def build_pdf(objects: dict[int, bytes], packed: frozenset[int] = frozenset(), unlisted: frozenset[int] = frozenset()):
    """A PDF 1.5 with these objects (number -> body), laid out as many PDF writers do: those in `packed` go into one
    Flate-compressed object stream (/ObjStm), and a compressed cross-reference stream lists every object except those
    in `unlisted`. Object 1 is the catalog."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    size = max(objects) + 1
    offsets: dict[int, int] = {}
    in_stream: dict[int, tuple[int, int]] = {}
    for number, body in objects.items():
        if number not in packed:
            offsets[number] = len(out)
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    if packed:
        stream_number, size = size, size + 1
        pairs, data = [], b""
        for index, number in enumerate(sorted(packed)):
            pairs.append(b"%d %d" % (number, len(data)))
            data += objects[number] + b"\n"
            in_stream[number] = (stream_number, index)
        head = b" ".join(pairs) + b"\n"
        packed_data = zlib.compress(head + data)
        offsets[stream_number] = len(out)
        out += b"%d 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n" % (
            stream_number,
            len(packed),
            len(head),
            len(packed_data),
        )
        out += packed_data + b"\nendstream\nendobj\n"
    xref_number, size = size, size + 1
    offsets[xref_number] = len(out)
    rows = b""
    for number in range(size):
        if number in unlisted:
            rows += b"\x00\x00\x00\x00\x00\x00\x00"
        elif number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        elif number in in_stream:
            rows += b"\x02" + in_stream[number][0].to_bytes(4, "big") + in_stream[number][1].to_bytes(2, "big")
        else:
            rows += b"\x00\x00\x00\x00\x00\xff\xff"
    xref_data = zlib.compress(rows)
    out += b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>\nstream\n" % (
        xref_number,
        size,
        len(xref_data),
    )
    out += xref_data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def stream(data: bytes) -> bytes:
    compressed = zlib.compress(data)
    return b"<</Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream" % (len(compressed), compressed)


def doc(catalog: bytes = b"", page: bytes = b"", **extra: bytes) -> dict[int, bytes]:
    objects = {
        1: b"<</Type/Catalog/Pages 2 0 R" + catalog + b">>",
        2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]" + page + b">>",
    }
    objects.update({int(key[1:]): body for key, body in extra.items()})
    return objects


JS = b"<</S/JavaScript/JS(app.alert\\(1\\))>>"
# (case, objects): each is active content the parsed check must find, however the file is laid out.
ACTIVE_CASES = [
    ("openaction-javascript", doc(catalog=b"/OpenAction" + JS)),
    ("names-javascript-tree", doc(catalog=b"/Names<</JavaScript 4 0 R>>", o4=b"<</Names[(init) 5 0 R]>>", o5=JS)),
    ("openaction-launch", doc(catalog=b"/OpenAction 4 0 R", o4=b"<</S/Launch/Win<</F(cmd.exe)/P(/c calc)>>>>")),
    (
        "embedded-file",
        doc(
            catalog=b"/Names<</EmbeddedFiles 4 0 R>>",
            o4=b"<</Names[(invoice.exe) 5 0 R]>>",
            o5=b"<</Type/Filespec/F(invoice.exe)/EF<</F 6 0 R>>>>",
            o6=stream(b"not really a program"),
        ),
    ),
    (
        "file-attachment-annotation",
        doc(page=b"/Annots[4 0 R]", o4=b"<</Type/Annot/Subtype/FileAttachment/Rect[0 0 9 9]/FS<</F(a.txt)>>>>"),
    ),
    (
        "xfa-form",
        doc(catalog=b"/AcroForm<</Fields[]/XFA 4 0 R>>", o4=stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")),
    ),
    ("page-additional-action", doc(page=b"/AA<</O" + JS + b">>")),
    ("link-annotation-javascript", doc(page=b"/Annots[4 0 R]", o4=b"<</Subtype/Link/Rect[0 0 9 9]/A" + JS + b">>")),
    (
        "link-javascript-uri",
        doc(page=b"/Annots[4 0 R]", o4=b"<</Subtype/Link/Rect[0 0 9 9]/A<</S/URI/URI( JavaScript:alert\\(1\\))>>>>"),
    ),
    ("page-close-submitform", doc(page=b"/AA<</C<</S/SubmitForm/F(https://collect.example/)>>>>")),
    ("openaction-gotor-unc", doc(catalog=b"/OpenAction<</S/GoToR/F(\\\\\\\\host\\\\share\\\\x.pdf)/D[0/Fit]>>")),
    ("hex-escaped-names", doc(catalog=b"/OpenAction<</S/J#61vaScript/J#53(app.alert\\(1\\))>>")),
    (
        "next-chain-cycle-ending-in-javascript",
        doc(
            catalog=b"/OpenAction 4 0 R",
            o4=b"<</S/GoTo/D[3 0 R/Fit]/Next 5 0 R>>",
            o5=b"<</S/GoTo/D[3 0 R/Fit]/Next[4 0 R 5 0 R 6 0 R]>>",
            o6=JS,
        ),
    ),
]


def packed_variant(objects: dict[int, bytes]) -> bytes:
    """Every object that is not a stream goes into the compressed object stream."""
    return build_pdf(objects, packed=frozenset(n for n, body in objects.items() if b"stream\n" not in body))


def old_byte_scan_passes(content: bytes) -> bool:
    """What the check did before the parser: markers in the raw bytes (names hex-unescaped first)."""
    normalised = re.sub(rb"#([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]), content)
    lowered = content.lower()
    return (
        not any(re.search(marker, normalised) for marker in PDF_FORBIDDEN)
        and not any(marker in lowered for marker in POLYGLOT_MARKERS)
        and not any(sig in content[4:] for sig in EMBEDDED_SIGNATURES)
        and b"%%EOF" in content[-2048:]
    )


HIDDEN = [(case, packed_variant(objects)) for case, objects in ACTIVE_CASES]
PLAIN = [(case, build_pdf(objects)) for case, objects in ACTIVE_CASES]


def refused(content: bytes, name: str = "cv.pdf") -> str:
    with pytest.raises(ValidationFailed) as caught:
        check_upload(content=content, name=name, max_bytes=MAX)
    assert caught.value.field == "file"
    return caught.value.message


@pytest.mark.parametrize(("case", "content"), HIDDEN, ids=[case for case, _ in HIDDEN])
def test_active_content_in_a_compressed_object_stream_is_refused(case, content):
    # The case really hides in an /ObjStm, where the old byte scan could not see it.
    reader = PdfReader(io.BytesIO(content))
    assert 1 in reader.xref_objStm and b"/ObjStm" in content and b"/FlateDecode" in content
    assert old_byte_scan_passes(content), case
    assert refused(content) == ACTIVE


@pytest.mark.parametrize(("case", "content"), PLAIN, ids=[case for case, _ in PLAIN])
def test_active_content_in_plain_objects_is_refused(case, content):
    # The byte scan, which runs first, already finds these (a javascript: link as web content).
    assert refused(content) in (ACTIVE, "The file contains scripts or web content and was refused.")


def test_an_object_stream_no_cross_reference_lists_is_examined_too():
    objects = doc(o4=JS)
    content = build_pdf(objects, packed=frozenset({2, 4}), unlisted=frozenset({4}))
    assert 4 not in PdfReader(io.BytesIO(content)).xref_objStm
    assert old_byte_scan_passes(content)
    assert refused(content) == ACTIVE


def test_an_object_stream_the_cross_reference_omits_altogether_is_found_by_scanning_the_bytes():
    # Object 5 is the object stream itself, holding object 4; neither is listed, nothing refers to them.
    content = build_pdf(doc(o4=JS), packed=frozenset({4}), unlisted=frozenset({4, 5}))
    reader = PdfReader(io.BytesIO(content))
    assert 5 not in reader.xref.get(0, {}) and 4 not in reader.xref_objStm and b"5 0 obj" in content
    assert old_byte_scan_passes(content)
    assert refused(content) == ACTIVE


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", "hidden-openaction-javascript", ACTIVE),
        ("scan.png", "png-bomb-7700x7700", "The image is too large in pixels (at most 40 megapixels"),
        ("photo.jpg", "clean-pdf", "does not match its content, which is a PDF file"),
    ],
    ids=["pdf-javascript-in-object-stream", "png-bomb", "pdf-named-jpg"],
)
def test_hostile_uploads_are_refused_on_the_upload_page_and_nothing_is_stored(
    candidate, client_for, settings, name, content, message
):
    content = {
        "hidden-openaction-javascript": dict(HIDDEN)["openaction-javascript"],
        "png-bomb-7700x7700": png_declaring(7_700, 7_700),
        "clean-pdf": pdf_bytes(),
    }[content]
    response = client_for(candidate.user).post(
        "/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert not Document.objects.filter(profile=candidate).exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
def test_a_hostile_pdf_is_refused_by_the_api(candidate, client_for):
    content = dict(HIDDEN)["embedded-file"]
    response = client_for(candidate.user).post(
        "/api/v1/me/profile/documents/", {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", content)}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == ACTIVE
    assert not Document.objects.filter(profile=candidate).exists()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_an_encrypted_pdf_is_refused():
    content = encrypted_pdf()
    assert b"/Encrypt" in content and old_byte_scan_passes(content)
    assert "encrypted" in refused(content)


def test_the_refusal_of_an_encrypted_pdf_is_translated():
    with translation.override("fr"):
        french = refused(encrypted_pdf())
    with translation.override("ar"):
        arabic = refused(encrypted_pdf())
    assert "chiffré" in french
    assert "مشفّر" in arabic


def test_the_name_mismatch_refusal_is_translated():
    with translation.override("ar"):
        assert "لا يطابق محتواه" in refused(pdf_bytes(), name="photo.jpg")


UNREADABLE = [
    ("cut-then-eof-glued-on", pdf_bytes()[: len(pdf_bytes()) // 2] + b"\n%%EOF\n"),
    ("junk-body", b"%PDF-1.7\n" + bytes(range(1, 128)) * 20 + b"\n%%EOF\n"),
    ("nesting-100000-deep", b"%PDF-1.4\n1 0 obj\n" + b"[" * 100_000 + b"\nendobj\nstartxref\n9\n%%EOF\n"),
]


@pytest.mark.parametrize(("case", "content"), UNREADABLE, ids=[case for case, _ in UNREADABLE])
def test_a_pdf_the_parser_cannot_read_is_refused_without_crashing(case, content):
    assert old_byte_scan_passes(content), case
    message = refused(content)
    assert "could not be read" in message or "too complex" in message


def test_a_truncated_pdf_is_refused():
    assert "incomplete" in refused(pdf_bytes()[:150])


def test_an_object_stream_that_inflates_to_30_mb_is_refused_quickly():
    bomb = zlib.compress(b" " * 30_000_000, 9)
    objects = doc(
        o4=b"<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream" % (len(bomb), bomb)
    )
    content = build_pdf(objects)
    assert len(content) < MAX and old_byte_scan_passes(content)
    assert "too complex" in refused(content)


def test_a_pdf_with_too_many_objects_is_refused():
    objects = doc(**{f"o{n}": b"null" for n in range(4, 25_000)})
    content = build_pdf(objects)
    assert old_byte_scan_passes(content)
    assert "too complex" in refused(content)


def clean_writer_pdf() -> bytes:
    """A PDF as pypdf writes it: a page with an ordinary web link (a CV's LinkedIn link, say)."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "CV"})
    from pypdf.annotations import Link

    writer.add_annotation(0, Link(rect=(10, 10, 100, 30), url="https://www.linkedin.com/in/amina"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


CLEAN_PDFS = [
    ("classic-xref", pdf_bytes()),
    ("object-stream", packed_variant(doc(catalog=b"/Self 1 0 R/Outlines<</Count 0>>"))),
    ("pypdf-writer-with-web-link", clean_writer_pdf()),
]


@pytest.mark.parametrize(("case", "content"), CLEAN_PDFS, ids=[case for case, _ in CLEAN_PDFS])
def test_clean_pdfs_are_accepted_unchanged(case, content):
    checked = check_upload(content=content, name="cv.pdf", max_bytes=MAX)
    assert checked.content == content and checked.content_type == "application/pdf"
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("name", ["photo.jpg", "cv.exe", "cv.html", "scan.png"])
def test_a_pdf_named_as_another_type_is_refused(name):
    assert "does not match its content" in refused(pdf_bytes(), name=name)


@pytest.mark.parametrize("name", ["cv.pdf", "CV.PDF", "cv", "CV v2.1", "M.Ali"])
def test_names_that_do_not_claim_another_type_are_fine(name):
    assert check_upload(content=pdf_bytes(), name=name, max_bytes=MAX).content_type == "application/pdf"


# --- images -------------------------------------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int, rows: int | None = None) -> bytes:
    """A 1-bit greyscale PNG of this size, all black: a few kilobytes that decode to width x height pixels (or, with
    `rows`, a header declaring that size over only that many rows of data)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    idat = zlib.compress(row * (height if rows is None else rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def png_chunks(content: bytes) -> list[bytes]:
    kinds, position = [], 8
    while position < len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kinds.append(content[position + 4 : position + 8])
        position += 12 + length
    return kinds


def test_a_decompression_bomb_png_is_refused_before_it_is_decoded(monkeypatch):
    bomb = png_declaring(7_700, 7_700)
    assert len(bomb) < 230_000 and IMAGE_MAX_PIXELS < 7_700 * 7_700
    decoded: list[object] = []

    def load(image: object) -> None:
        decoded.append(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    assert "too large in pixels" in refused(bomb, name="scan.png")
    assert decoded == []


@pytest.mark.parametrize(("width", "height", "rows"), [(IMAGE_MAX_SIDE + 1, 16, None), (100_000, 100_000, 4)])
def test_images_too_wide_or_beyond_pillows_own_guard_are_refused_as_too_large(width, height, rows):
    assert "too large in pixels" in refused(png_declaring(width, height, rows), name="scan.png")


def test_the_pixel_refusal_names_the_limits_in_the_users_language():
    with translation.override("fr"):
        message = refused(png_declaring(7_700, 7_700), name="scan.png")
    assert "40" in message and "12000" in message and "pixels" in message and message.startswith("L’image")


def test_a_polyglot_png_with_html_in_a_text_chunk_is_refused():
    clean = png_bytes()
    content = clean[:33] + png_chunk(b"tEXt", b"Comment\x00<html><script>alert(1)</script>") + clean[33:]
    assert "scripts or web content" in refused(content, name="photo.png")


def test_an_svg_with_a_script_named_png_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert "Only PDF, JPEG or PNG" in refused(svg, name="photo.png")


def test_a_zero_byte_file_is_refused():
    assert "empty" in refused(b"", name="photo.jpg")


def jpeg_with_metadata() -> bytes:
    """A 16 x 8 photo, EXIF orientation 6 (shown 8 x 16), with the phone's make, a GPS position, XMP and a comment."""
    image = Image.new("RGB", (16, 8), (30, 30, 200))
    image.paste((250, 250, 0), (0, 0, 4, 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (33.0, 35.0, 21.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (7.0, 36.0, 42.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description photoshop:City="Casablanca"/></rdf:RDF>'
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, xmp=xmp + b"</x:xmpmeta>", comment=b"home address")
    content = buffer.getvalue()
    with Image.open(io.BytesIO(content)) as check:  # the corpus file really carries all of it
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo) and "xmp" in check.info and check.info["comment"]
    return content


def assert_no_metadata(stored: bytes) -> None:
    with Image.open(io.BytesIO(stored)) as image:
        assert len(image.getexif()) == 0
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not set(image.info) & {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"}
    for needle in (b"Exif", b"GPS", b"PhoneMaker", b"Casablanca", b"home address", b"xmpmeta", b"ICC_PROFILE"):
        assert needle not in stored


def test_a_photos_exif_and_gps_are_neither_stored_nor_served_back(candidate, client_for, settings):
    original = jpeg_with_metadata()
    client = client_for(candidate.user)
    response = client.post("/candidates/documents/", {"kind": "cv", "file": SimpleUploadedFile("me.jpg", original)})
    assert response.status_code == 302
    document = Document.objects.get(profile=candidate)
    stored = (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes()
    assert_no_metadata(stored)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG" and image.size == (8, 16)  # the orientation is applied to the pixels
        assert image.getpixel((7, 0))[0] > 200  # the yellow corner, top left before the turn, is now top right
    assert document.size == len(stored) and document.sha256 == hashlib.sha256(stored).hexdigest()
    served = b"".join(client.get(f"/candidates/documents/{document.pk}/download/").streaming_content)
    assert served == stored
    api = b"".join(client.get(f"/api/v1/me/profile/documents/{document.pk}/download/").streaming_content)
    assert api == stored


def png_with_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Amina B.")
    info.add_text("Comment", "taken at home", zip=True)
    info.add_itxt("Description", "Casablanca", lang="fr")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    image = Image.new("P", (12, 10))
    image.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0])
    image.paste(1, (0, 0, 6, 10))
    image.paste(2, (6, 0, 12, 5))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info, exif=exif, transparency=0, icc_profile=b"\x00" * 200)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_pngs_text_chunks_exif_and_icc_are_stripped_and_its_pixels_kept(candidate):
    original = png_with_metadata()
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"} <= set(png_chunks(original))
    document = document_upload(profile=candidate, kind="cv", content=original, name="scan.png")
    stored = document.file.read()
    assert set(png_chunks(stored)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    assert b"Amina" not in stored and b"Casablanca" not in stored and b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stored)) as after:
        assert after.mode == "P" and after.info.get("transparency") == 0
        assert list(after.convert("RGBA").get_flattened_data()) == list(before.convert("RGBA").get_flattened_data())
    assert document.size == len(stored) and document.sha256 == hashlib.sha256(stored).hexdigest()


def test_a_jpeg_with_corrupt_exif_is_accepted_and_stored_without_it():
    content = jpeg_bytes()
    broken = content[:2] + b"\xff\xe1\x00\x10Exif\x00\x00MM\x00*\xff\xff\xff\xff" + content[2:]
    checked = check_upload(content=broken, name="photo.jpg", max_bytes=MAX)
    assert_no_metadata(checked.content)


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [("photo.jpg", jpeg_bytes((64, 48)), "JPEG"), ("scan.png", png_bytes((64, 48)), "PNG")],
)
def test_clean_images_are_accepted_and_look_the_same(name, content, fmt):
    checked = check_upload(content=content, name=name, max_bytes=MAX)
    assert checked.sha256 == hashlib.sha256(checked.content).hexdigest()
    with Image.open(io.BytesIO(content)) as before, Image.open(io.BytesIO(checked.content)) as after:
        assert (after.format, after.size, after.mode) == (fmt, before.size, before.mode)
        if fmt == "PNG":
            assert after.tobytes() == before.tobytes()
        else:  # re-encoded with the original's quantisation tables: the same picture, not a degraded one
            assert after.quantization == before.quantization
            assert max(abs(a - b) for a, b in zip(after.tobytes(), before.tobytes(), strict=True)) <= 8
