"""Credentials a programme verifies or issues (these move to candidates with the Credential model, issue 10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from core.models import DecisionLog
from programmes.models import Credential
from programmes.services.credentials import credential_reject, credential_verify, credentials_bulk_issue
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.programmes import CohortFactory, CredentialFactory, graduate_of

pytestmark = pytest.mark.django_db


# --- credential claims ----------------------------------------------------------------------------------------------


def test_administrator_verifies_a_claim_of_their_programme(programme, programme_admin, candidate):
    claim = CredentialFactory(programme=programme, candidate=candidate)
    credential_verify(credential=claim, actor=programme_admin)
    claim.refresh_from_db()
    assert claim.status == Credential.Status.VERIFIED and claim.decided_by == programme_admin
    assert DecisionLog.objects.filter(subject_type="credential", subject_id=claim.pk, action="verify").exists()


def test_administrator_cannot_decide_a_claim_of_another_programme(other_programme, programme_admin, candidate):
    claim = CredentialFactory(programme=other_programme, candidate=candidate)
    with pytest.raises(NotFound):  # they may not know it exists
        credential_verify(credential=claim, actor=programme_admin)
    claim.refresh_from_db()
    assert claim.status == Credential.Status.CLAIMED


def test_rejection_needs_a_reason_the_candidate_can_read(programme, programme_admin, candidate):
    claim = CredentialFactory(programme=programme, candidate=candidate)
    with pytest.raises(ValidationFailed):
        credential_reject(credential=claim, actor=programme_admin, reason="  ")
    credential_reject(credential=claim, actor=programme_admin, reason="Not in our 2024 cohort lists")
    claim.refresh_from_db()
    assert claim.status == Credential.Status.REJECTED and claim.rejection_reason == "Not in our 2024 cohort lists"
    with pytest.raises(Conflict):
        credential_verify(credential=claim, actor=programme_admin)


def test_caseworker_may_decide_claims_of_a_programme_without_administrator(other_programme, caseworker, candidate):
    claim = CredentialFactory(programme=other_programme, candidate=candidate)
    credential_verify(credential=claim, actor=caseworker)
    assert Credential.objects.get(pk=claim.pk).status == Credential.Status.VERIFIED


# --- CSV bulk issue -------------------------------------------------------------------------------------------------

HEADER = "issue_reference,candidate,title,completed_on,level,skills,cohort,recognition\n"


def test_csv_issue_creates_credentials_and_reupload_changes_nothing(programme, programme_admin):
    amina = graduate_of(programme, user__email="amina.k@example.org")
    ion = graduate_of(programme, external_id="cohort-7/0042")
    CohortFactory(programme=programme, name="2025-A")
    text = HEADER + (
        "R-1,amina.k@example.org,Hotel operations,2025-06-30,EQF 4,,2025-A,DE:full;BE:pending\n"
        "R-2,cohort-7/0042,Hotel operations,2025-06-30,,,,\n"
    )
    result = credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=text)
    assert result.ok and (result.created, result.updated) == (2, 0)
    issued = Credential.objects.get(issue_reference="R-1")
    assert issued.candidate == amina and issued.status == Credential.Status.ISSUED and issued.cohort.name == "2025-A"
    assert dict(issued.recognitions.values_list("destination_country", "status")) == {"DE": "full", "BE": "pending"}
    assert Credential.objects.get(issue_reference="R-2").candidate == ion
    # Each graduate's own claim became the issued credential: nothing stands beside it "awaiting verification".
    assert not Credential.objects.filter(programme=programme, status=Credential.Status.CLAIMED).exists()

    again = credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Credential.objects.filter(programme=programme).count() == 2

    changed = text.replace("Hotel operations,2025-06-30,EQF 4", "Hotel operations,2025-06-30,EQF 5")
    third = credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Credential.objects.get(issue_reference="R-1").level == "EQF 5"


def test_malformed_csv_leaves_nothing_and_reports_every_bad_line(programme, programme_admin):
    graduate_of(programme, user__email="ok@example.org")
    text = HEADER + (
        "R-1,ok@example.org,Hotel operations,2025-06-30,,,,\n"  # line 2: fine
        "R-2,nobody@example.org,Hotel operations,2025-06-30,,,,\n"  # line 3: unknown candidate
        "R-3,ok@example.org,,30/06/2025,,,,\n"  # line 4: no title, bad date
        "R-4,ok@example.org,Cook,2025-06-30,,http://data.europa.eu/esco/skill/nope,,\n"  # line 5: unknown skill
        "R-5,ok@example.org,Cook,2025-06-30,,,,DE:maybe\n"  # line 6: bad recognition
        "R-1,ok@example.org,Cook,2025-06-30,,,,\n"  # line 7: duplicate reference
    )
    result = credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=text)
    assert not result.ok
    reported = {(error.line, error.field) for error in result.errors}
    assert {
        (3, "candidate"),
        (4, "title"),
        (4, "completed_on"),
        (5, "skills"),
        (6, "recognition"),
        (7, "issue_reference"),
    } <= reported
    assert all(error.line != 2 for error in result.errors)
    assert not Credential.objects.exclude(status=Credential.Status.CLAIMED).exists()


def test_csv_without_required_columns_is_refused(programme, programme_admin):
    result = credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text="name,email\nA,b@c.d\n")
    assert [(error.line, error.field) for error in result.errors] == [(1, "header")]


def test_reference_issued_to_one_candidate_cannot_move_to_another(programme, programme_admin):
    graduate_of(programme, user__email="a@example.org")
    graduate_of(programme, user__email="b@example.org")
    credentials_bulk_issue(
        programme=programme, actor=programme_admin, csv_text=HEADER + "R-1,a@example.org,T,2025-01-01,,,,\n"
    )
    result = credentials_bulk_issue(
        programme=programme, actor=programme_admin, csv_text=HEADER + "R-1,b@example.org,T,2025-01-01,,,,\n"
    )
    assert [(error.line, error.field) for error in result.errors] == [(2, "candidate")]
    assert Credential.objects.get(issue_reference="R-1").candidate.user.email == "a@example.org"


def test_other_programmes_administrator_cannot_issue(programme, other_programme_admin):
    with pytest.raises(PermissionDeniedError):
        credentials_bulk_issue(programme=programme, actor=other_programme_admin, csv_text=HEADER)


def test_future_completion_date_is_an_error(programme, programme_admin):
    graduate_of(programme, user__email="a@example.org")
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    result = credentials_bulk_issue(
        programme=programme, actor=programme_admin, csv_text=HEADER + f"R-1,a@example.org,T,{future},,,,\n"
    )
    assert [(error.line, error.field) for error in result.errors] == [(2, "completed_on")]


def test_a_programme_cannot_issue_to_a_candidate_with_no_link_to_it(programme, other_programme, programme_admin):
    """Issue 12.2: the administrator of a programme issued a credential and a DE:full recognition by CSV to a
    candidate who never claimed anything of it. Now refused, with the same answer as for an unknown address."""
    stranger = CandidateProfileFactory(user__email="stranger@example.org")
    CredentialFactory(programme=other_programme, candidate=stranger)  # a claim on another programme is no link
    rejected = CandidateProfileFactory(user__email="rejected@example.org")
    CredentialFactory(programme=programme, candidate=rejected, status=Credential.Status.REJECTED)
    text = HEADER + (
        "R-1,stranger@example.org,Nursing,2025-06-30,,,,DE:full\n"
        "R-2,nobody-at-all@example.org,Nursing,2025-06-30,,,,\n"
        "R-3,rejected@example.org,Nursing,2025-06-30,,,,\n"
    )
    result = credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=text)
    assert not result.ok
    by_line = {error.line: (error.field, error.message) for error in result.errors}
    assert by_line[2][0] == "candidate"
    assert by_line[2] == by_line[3] == by_line[4]  # an account that exists and one that does not read the same
    assert not Credential.objects.filter(programme=programme, status=Credential.Status.ISSUED).exists()
    assert not stranger.credentials.filter(programme=programme).exists()


def test_csv_upload_page_refuses_an_unlinked_candidate(client_for, programme, programme_admin):
    CandidateProfileFactory(user__email="stranger@example.org")
    upload = SimpleUploadedFile(
        "graduates.csv", (HEADER + "R-1,stranger@example.org,Nursing,2025-06-30,,,,DE:full\n").encode(), "text/csv"
    )
    response = client_for(programme_admin).post(
        f"/programmes/manage/{programme.slug}/credentials/upload/", {"file": upload}
    )
    assert response.status_code == 400
    assert "No graduate of this programme" in response.content.decode()
    assert not Credential.objects.filter(programme=programme).exists()
