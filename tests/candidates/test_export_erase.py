"""The candidate's data: export holds every personal field; erasure leaves nothing identifying anywhere."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from candidates.models import (
    CandidateLanguage,
    CandidateProfile,
    CandidateSkill,
    Consent,
    Document,
    Education,
    Experience,
)
from candidates.services.consents import consents_set
from candidates.services.credentials import credential_claim
from candidates.services.documents import document_upload
from candidates.services.fee_reports import fee_report_create
from candidates.services.items import candidate_item_create
from candidates.services.matches import match_not_interested
from candidates.services.profile import (
    profile_get_or_create,
    profile_set_mobility,
    profile_set_occupations,
    profile_submit,
    profile_update_personal,
)
from core.audit import log_access
from core.models import AccessLog, User
from employers.models import FeeReport
from matching.models import Embedding, Match, MatchDecision
from programmes.models import Credential
from tests.candidates.conftest import pdf_bytes
from tests.factories.core import UserFactory
from tests.factories.employers import VacancyFactory

pytestmark = pytest.mark.django_db

TOKENS = {
    "email": "qwyzzelia.xorbanthe@example.tn",
    "given_name": "Qwyzzelia",
    "family_name": "Xorbanthe",
    "phone": "+216 99 887 766",
    "document_number": "ZZ9876543",
    "skill": "qwyzskill-knitting",
    "institution": "Institut Qwyzbourg",
    "employer": "Clinique Qwyzmont",
    "description": "qwyzdescription of my ward work",
    "return_plans": "qwyzreturn to open a clinic",
    "certificate": "Goethe Qwyz B1",
    "credential": "qwyzcredential nursing",
    "note": "qwyznote not for me",
    "pdf": "qwyzpdf-content",
    "file_name": "qwyzfile.pdf",
}


@pytest.fixture
def full_candidate(client_for, programme, caseworker, employer_member):  # type: ignore[no-untyped-def]
    user = UserFactory(email=TOKENS["email"], role="candidate")
    client = client_for(user)
    profile = profile_get_or_create(user=user)
    profile_update_personal(
        profile=profile,
        data={
            "given_name": TOKENS["given_name"],
            "family_name": TOKENS["family_name"],
            "birth_date": dt.date(1997, 2, 3),
            "nationality": "TN",
            "residence_country": "TN",
            "gender": "female",
            "phone": TOKENS["phone"],
        },
    )
    profile_set_occupations(
        profile=profile,
        desired=[{"text": "nurse responsible for general care"}],
        current_title="infirmière",
        language="fr",
    )
    candidate_item_create(profile=profile, kind="skills", data={"label": TOKENS["skill"], "years": 2}, language="en")
    doc = document_upload(
        profile=profile,
        kind="identity",
        content=pdf_bytes(TOKENS["pdf"]),
        name=TOKENS["file_name"],
        document_number=TOKENS["document_number"],
    )
    candidate_item_create(
        profile=profile,
        kind="languages",
        data={"code": "de", "level": "B1", "certificate": TOKENS["certificate"], "certificate_document_id": doc.pk},
    )
    candidate_item_create(
        profile=profile,
        kind="education",
        data={
            "isced_level": 6,
            "field": "Nursing",
            "institution": TOKENS["institution"],
            "country": "TN",
            "start_year": 2015,
            "end_year": 2018,
        },
    )
    candidate_item_create(
        profile=profile,
        kind="experience",
        data={
            "title": "nurse",
            "employer_name": TOKENS["employer"],
            "country": "TN",
            "start": dt.date(2018, 9, 1),
            "description": TOKENS["description"],
        },
    )
    profile_set_mobility(
        profile=profile,
        data={
            "destinations": ["DE"],
            "return_plans": TOKENS["return_plans"],
            "min_stay_months": 12,
            "max_stay_months": 36,
        },
    )
    credential_claim(profile=profile, programme=programme, title=TOKENS["credential"], evidence=doc)
    consents_set(profile=profile, purposes={"keep_profile", "matching", "share_with_employers"})
    profile_submit(profile=profile)
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = Match.objects.create(
        vacancy=vacancy,
        candidate=profile,
        status=Match.Status.RELEASED,
        released_at=timezone.now(),
        matched_essential_skills=["a"],
        missing_essential_skills=["b"],
    )
    MatchDecision.objects.create(
        match=match,
        actor=caseworker,
        actor_role="caseworker",
        action="release",
        from_status="proposed",
        to_status="released",
    )
    match_not_interested(profile=profile, match_id=match.pk, actor=user, note=TOKENS["note"])
    fee_report_create(
        profile=profile,
        organisation_id=employer_member.organisation.pk,
        description="They asked me for 2000 euros to get the contract.",
    )
    log_access(actor=caseworker, candidate_id=profile.pk, part="profile", purpose="review", path="/review/")
    Embedding.objects.create(kind="candidate", object_id=profile.pk, vector=b"\x00\x01", text_hash="x")
    return user, client, CandidateProfile.objects.get(pk=profile.pk)


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
