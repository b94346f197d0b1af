"""Hostile request bodies: each is answered with the API's documented error body (400 or 413), never a 500.

JSON nested 1,000 deep used to exhaust Python's recursion limit (500), anonymously too; a body over Django's
DATA_UPLOAD_MAX_MEMORY_SIZE got Django's HTML 400 page. core.api.parsers.StrictJSONParser and core.api.errors now
answer them; the OpenAPI schema says so.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from candidates.models import Document
from core.api.parsers import MAX_JSON_DEPTH, json_depth

pytestmark = pytest.mark.django_db
JSON = "application/json"
TOKEN_URL = "/api/v1/auth/token/"
PROFILE_URL = "/api/v1/me/profile/"
DOCUMENTS_URL = "/api/v1/me/profile/documents/"
MB = 1024 * 1024


def deep_arrays(depth: int) -> bytes:
    return ("[" * depth + "]" * depth).encode()


def deep_objects(depth: int) -> bytes:
    return ('{"a":' * depth + "1" + "}" * depth).encode()


def error_of(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The documented error body {"error": {"code", "message", "fields"}}, as JSON, with this status."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    return body["error"]


@pytest.fixture
def anonymous() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def session(candidate, client_for) -> Client:  # type: ignore[no-untyped-def]
    client = client_for(candidate.user)
    client.raise_request_exception = False
    return client


@pytest.fixture
def token_client(candidate) -> Client:  # type: ignore[no-untyped-def]
    from core.services import token_create

    _row, key = token_create(user=candidate.user)
    return Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {key}")


@pytest.mark.parametrize("body", [deep_arrays(1000), deep_objects(1000)], ids=["arrays", "objects"])
def test_json_nested_a_thousand_deep_is_a_400_for_an_anonymous_visitor(anonymous, body):
    error = error_of(anonymous.post(TOKEN_URL, body, content_type=JSON), 400)
    assert error["code"] == "parse_error"
    assert str(MAX_JSON_DEPTH) in error["message"]


@pytest.mark.parametrize("body", [deep_arrays(1000), deep_objects(1000)], ids=["arrays", "objects"])
@pytest.mark.parametrize("who", ["session", "token_client"])
def test_json_nested_a_thousand_deep_is_a_400_for_a_signed_in_candidate(request, who, body, candidate):
    client = request.getfixturevalue(who)
    given_name = candidate.given_name
    error_of(client.patch(PROFILE_URL, body, content_type=JSON), 400)
    error_of(client.post("/api/v1/me/profile/skills/", body, content_type=JSON), 400)
    candidate.refresh_from_db()
    assert candidate.given_name == given_name


def test_the_depth_limit_is_exactly_the_documented_one(session):
    assert session.patch(PROFILE_URL, deep_objects(MAX_JSON_DEPTH), content_type=JSON).status_code == 200
    error_of(session.patch(PROFILE_URL, deep_objects(MAX_JSON_DEPTH + 1), content_type=JSON), 400)


def test_brackets_inside_strings_do_not_count_as_nesting(session, candidate):
    name = "[{" * 70 + '\\"]'
    assert json_depth(json.dumps({"given_name": name})) == 1
    response = session.patch(PROFILE_URL, json.dumps({"return_plans": name}), content_type=JSON)
    assert response.status_code == 200, response.content
    candidate.refresh_from_db()
    assert candidate.return_plans == name


@pytest.mark.parametrize("who", ["anonymous", "session"])
def test_a_json_body_over_two_and_a_half_megabytes_is_a_json_413(request, who):
    client = request.getfixturevalue(who)
    body = json.dumps({"email": "a@example.org", "password": "x" * (3 * MB)})
    url = TOKEN_URL if who == "anonymous" else PROFILE_URL
    response = client.post(url, body, content_type=JSON) if who == "anonymous" else client.patch(url, body, JSON)
    error = error_of(response, 413)
    assert error["code"] == "too_large" and "2.5 MB" in error["message"]


def test_a_multipart_upload_with_a_field_over_the_limit_is_a_json_413(session, candidate):
    from tests.candidates.conftest import png_bytes

    response = session.post(
        DOCUMENTS_URL,
        {"kind": "identity", "document_number": "x" * (3 * MB), "file": SimpleUploadedFile("id.png", png_bytes())},
    )
    assert error_of(response, 413)["code"] == "too_large"
    assert not Document.objects.filter(profile=candidate).exists()


def test_a_multipart_upload_over_the_document_limit_is_a_json_413_before_it_is_read(session, candidate, settings):
    from tests.candidates.conftest import png_bytes

    big = png_bytes() + b"\x00" * (settings.DOCUMENT_MAX_BYTES + MB)
    response = session.post(DOCUMENTS_URL, {"kind": "cv", "file": SimpleUploadedFile("scan.png", big)})
    assert error_of(response, 413)["code"] == "too_large"
    assert not Document.objects.filter(profile=candidate).exists()


def test_a_file_just_over_the_document_limit_is_a_json_413_naming_the_file(session, candidate, settings):
    from tests.candidates.conftest import png_bytes

    big = png_bytes() + b"\x00" * (settings.DOCUMENT_MAX_BYTES + 1)  # the body is within API_UPLOAD_MAX_BODY_BYTES
    response = session.post(DOCUMENTS_URL, {"kind": "cv", "file": SimpleUploadedFile("scan.png", big)})
    error = error_of(response, 413)
    assert error["code"] == "too_large" and "file" in error["fields"]
    assert not Document.objects.filter(profile=candidate).exists()


def test_a_form_page_posted_over_the_limit_is_refused_with_a_page_not_a_500(session):
    response = session.post("/candidates/profile/personal/", {"given_name": "x" * (3 * MB)})
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("case", "body"),
    [
        ("nan", b'{"email": "a@example.org", "password": NaN}'),
        ("infinity", b'{"email": "a@example.org", "password": Infinity}'),
        ("minus-infinity", b'{"email": "a@example.org", "password": -Infinity}'),
        ("float-overflow", b'{"email": "a@example.org", "password": 1e999}'),
        ("duplicate-key", b'{"email": "a@example.org", "email": "b@example.org", "password": "x"}'),
        ("invalid-utf8", b'{"email": "a@example.org", "password": "\xff\xfe"}'),
        ("overlong-utf8", b'{"email": "a@example.org", "password": "\xc0\xaf"}'),
        ("bom", b'\xef\xbb\xbf{"email": "a@example.org", "password": "x"}'),
        ("unpaired-surrogate", b'{"email": "a@example.org", "password": "\\ud800"}'),
        ("truncated", b'{"email": "a@example.org", "password": "x'),
        ("trailing-garbage", b'{"email": "a@example.org", "password": "x"} {}'),
        ("huge-integer", b'{"email": "a@example.org", "password": ' + b"9" * 5000 + b"}"),
        ("top-level-number", b"3"),
        ("top-level-string", b'"a@example.org"'),
        ("top-level-array", b'[{"email": "a@example.org", "password": "x"}]'),
        ("top-level-null", b"null"),
        ("whitespace-only", b"   "),
    ],
)
def test_hostile_json_is_a_documented_400_for_an_anonymous_visitor(anonymous, case, body):
    error = error_of(anonymous.post(TOKEN_URL, body, content_type=JSON), 400)
    assert error["code"] in ("parse_error", "invalid"), (case, error)


@pytest.mark.parametrize(
    "body",
    [
        b'{"given_name": NaN}',
        b'{"given_name": "Amina", "given_name": "Ion"}',
        b'{"given_name": "\\udfff"}',
        b'{"family_name": "\xed\xa0\x80"}',  # a surrogate encoded as UTF-8: not UTF-8
        b"\xef\xbb\xbf{}",
        b"[]",
        b"42",
    ],
)
def test_hostile_json_is_a_documented_400_for_a_candidate_and_changes_nothing(session, candidate, body):
    before = (candidate.given_name, candidate.family_name)
    error_of(session.patch(PROFILE_URL, body, content_type=JSON), 400)
    candidate.refresh_from_db()
    assert (candidate.given_name, candidate.family_name) == before


def test_duplicate_keys_are_named_in_the_message(anonymous):
    error = error_of(anonymous.post(TOKEN_URL, b'{"email": "a", "email": "b"}', content_type=JSON), 400)
    assert "email" in error["message"]


@pytest.mark.parametrize(("language", "word"), [("fr", "niveaux"), ("ar", "مستوى")])
def test_the_depth_message_is_translated(anonymous, language, word):
    response = anonymous.post(TOKEN_URL, deep_arrays(1000), content_type=JSON, HTTP_ACCEPT_LANGUAGE=language)
    assert word in error_of(response, 400)["message"]


def test_a_request_django_refuses_before_the_view_is_a_json_400_under_the_api(settings, anonymous):
    settings.ALLOWED_HOSTS = ["testserver"]
    error = error_of(anonymous.get("/api/v1/me/", HTTP_HOST="evil.example"), 400)
    assert error["code"] == "bad_request"
    page = anonymous.get("/", HTTP_HOST="evil.example")
    assert page.status_code == 400 and page["Content-Type"].startswith("text/html")


def test_the_schema_documents_400_and_413_for_operations_that_take_a_body(anonymous, staff_user, client_for):
    schema = client_for(staff_user).get("/api/v1/schema/?format=json").json()
    reference = {"$ref": "#/components/schemas/ErrorResponse"}
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    for status in ("400", "413"):
        assert token[status]["content"]["application/json"]["schema"] == reference
    assert "parse_error" in token["400"]["description"] and str(MAX_JSON_DEPTH) in token["400"]["description"]
    assert "2.5 MB" in token["413"]["description"]
    upload = schema["paths"]["/api/v1/me/profile/documents/"]["post"]["responses"]
    assert upload["413"]["content"]["application/json"]["schema"] == reference
    assert "413" not in schema["paths"]["/api/v1/me/"]["get"]["responses"]
