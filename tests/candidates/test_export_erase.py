"""The candidate's data: export holds every personal field; erasure leaves nothing identifying anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection

from candidates.models import (
    CandidateLanguage,
    CandidateProfile,
    CandidateSkill,
    Consent,
    Document,
    Education,
    Experience,
)
from core.models import AccessLog, User
from employers.models import FeeReport
from matching.models import Embedding, Match, MatchDecision
from programmes.models import Credential
from tests.candidates.conftest import TOKENS

pytestmark = pytest.mark.django_db

PERSONAL_MODELS = {
    "profile": CandidateProfile,
    "skills": CandidateSkill,
    "languages": CandidateLanguage,
    "education": Education,
    "experience": Experience,
    "consents": Consent,
    "documents": Document,
    "credentials": Credential,
    "matches": Match,
    "decisions": MatchDecision,
    "fee_reports": FeeReport,
}


def _field_names(model) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.attname if f.is_relation else f.name for f in model._meta.concrete_fields}


def test_export_contains_every_personal_field_of_the_candidate_models(full_candidate):
    _user, client, _profile = full_candidate
    response = client.get("/candidates/my-data/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    for section, model in PERSONAL_MODELS.items():
        rows = data[section] if isinstance(data[section], list) else [data[section]]
        assert rows, section
        missing = _field_names(model) - set(rows[0])
        assert not missing, f"{section} export lacks {sorted(missing)}"
    text = json.dumps(data, ensure_ascii=False)
    for key in (
        "email",
        "given_name",
        "family_name",
        "phone",
        "document_number",
        "skill",
        "institution",
        "employer",
        "description",
        "return_plans",
        "certificate",
        "credential",
        "note",
        "file_name",
    ):
        assert TOKENS[key] in text, key
    assert data["viewed_by"] and data["viewed_by"][0]["role"] == "caseworker"
    assert data["matches"][0]["plain_explanation"]
    assert [d["action"] for d in data["decisions"]] == ["release", "not_interested"]


def test_export_by_api_is_the_same_and_only_for_oneself(full_candidate, other_candidate, client_for):
    _user, client, profile = full_candidate
    api = client.get("/api/v1/me/profile/export/").json()
    assert api["profile"]["id"] == profile.pk
    theirs = client_for(other_candidate.user).get("/api/v1/me/profile/export/").json()
    assert theirs["profile"]["id"] == other_candidate.pk
    assert TOKENS["family_name"] not in json.dumps(theirs)


def _scan_database(tokens: list[str]) -> list[tuple[str, str]]:
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row).casefold()
                found += [(table, token) for token in tokens if token.casefold() in text]
    return found


def test_erasure_leaves_no_trace_in_database_or_files(
    full_candidate, settings, hooks, django_capture_on_commit_callbacks
):
    user, client, profile = full_candidate
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": TOKENS["email"], "password": "correct-horse-battery-staple"})
    tokens = list(TOKENS.values())
    assert _scan_database(tokens), "the scan must see the candidate before erasure"
    media = Path(settings.MEDIA_ROOT)
    assert any(TOKENS["pdf"].encode() in p.read_bytes() for p in media.rglob("*") if p.is_file())
    profile_id = profile.pk

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/candidates/my-data/erase/", {"confirm": "on", "password": "correct-horse-battery-staple"}
        )
    assert response.status_code == 302

    assert _scan_database(tokens) == []
    leftovers = [p for p in media.rglob("*") if p.is_file()]
    assert leftovers == []
    assert not User.objects.filter(pk=user.pk).exists()
    assert not CandidateProfile.objects.filter(pk=profile_id).exists()
    assert not Embedding.objects.filter(kind="candidate", object_id=profile_id).exists()
    assert ("candidate_left_matching", {"profile_id": profile_id}) in hooks.calls
    # Kept without identifiers: the fee report against the organisation and the access log.
    assert FeeReport.objects.filter(reporter__isnull=True).count() == 1
    assert AccessLog.objects.filter(subject_candidate_id=profile_id).exists()


def test_erasure_needs_confirmation_and_password(full_candidate):
    _user, client, profile = full_candidate
    assert client.post("/candidates/my-data/erase/", {"password": "correct-horse-battery-staple"}).status_code == 400
    assert client.post("/candidates/my-data/erase/", {"confirm": "on", "password": "wrong"}).status_code == 400
    assert (
        client.post(
            "/api/v1/me/profile/erase/",
            {"confirm": False, "password": "correct-horse-battery-staple"},
            content_type="application/json",
        ).status_code
        == 400
    )
    assert CandidateProfile.objects.filter(pk=profile.pk).exists()


def test_erasure_through_the_api(full_candidate, django_capture_on_commit_callbacks):
    _user, client, profile = full_candidate
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/me/profile/erase/",
            {"confirm": True, "password": "correct-horse-battery-staple"},
            content_type="application/json",
        )
    assert response.status_code == 204
    assert not CandidateProfile.objects.filter(pk=profile.pk).exists()
    assert _scan_database([TOKENS["email"], TOKENS["family_name"]]) == []
