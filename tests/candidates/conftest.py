"""Fixtures of the candidate tests. The matching hooks are recorded (the engine has its own tests): what matters here
is that candidate services call them at the right moments, with ids only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from candidates.models import (
    CandidateProfile,
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
from matching.models import Embedding
from tests.employers.conftest import release
from tests.factories.core import UserFactory
from tests.factories.employers import VacancyFactory


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


# --- a candidate with something in every field (export and erasure tests) -----------------------------------------

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
    match = release(
        vacancy, profile, caseworker=caseworker, matched_essential_skills=["a"], missing_essential_skills=["b"]
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
