"""Consent, reconfirmation and dormancy, duplicates, dashboard actions and change of e-mail."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from candidates.models import CandidateProfile, Consent
from candidates.selectors import has_active_consent
from candidates.services.consents import consent_grant, consent_withdraw
from candidates.services.credentials import credential_claim
from candidates.services.documents import document_upload
from candidates.services.dormancy import profiles_remind_and_mark_dormant
from candidates.services.duplicates import duplicates_flag
from candidates.services.items import candidate_item_create
from candidates.services.matches import match_not_interested
from candidates.services.profile import profile_update_personal
from candidates.tasks import mark_dormant_profiles
from core.exceptions import Conflict, ValidationFailed
from core.models import DecisionLog, User
from employers.models import FeeReport
from matching.models import Match, MatchDecision
from review.models import ReviewItem
from tests.factories.candidates import CandidateProfileFactory, ConsentFactory
from tests.factories.employers import VacancyFactory

pytestmark = pytest.mark.django_db


def test_withdrawing_matching_consent_in_one_action_leaves_matching_at_once(candidate, client_for, hooks):
    ConsentFactory(profile=candidate, purpose=Consent.Purpose.MATCHING)
    ConsentFactory(profile=candidate, purpose=Consent.Purpose.KEEP_PROFILE)
    response = client_for(candidate.user).post("/candidates/consents/matching/withdraw/")
    assert response.status_code == 302
    assert not has_active_consent(candidate, Consent.Purpose.MATCHING)
    assert has_active_consent(candidate, Consent.Purpose.KEEP_PROFILE)
    assert hooks.calls == [("candidate_left_matching", {"profile_id": candidate.pk})]


def test_consent_records_the_text_version_and_regrant_is_idempotent(candidate):
    first = consent_grant(profile=candidate, purpose="share_with_employers")
    again = consent_grant(profile=candidate, purpose="share_with_employers")
    assert first.pk == again.pk and first.text_version == "2026-01"
    with pytest.raises(ValidationFailed):
        consent_grant(profile=candidate, purpose="sell_my_data")


def test_consents_via_api_grant_and_withdraw(candidate, client_for, hooks):
    client = client_for(candidate.user)
    rows = client.post("/api/v1/me/profile/consents/", {"purpose": "matching"}, content_type="application/json").json()
    assert {r["purpose"]: r["active"] for r in rows}["matching"] is True
    rows = client.post(
        "/api/v1/me/profile/consents/withdraw/", {"purpose": "matching"}, content_type="application/json"
    ).json()
    assert {r["purpose"]: r["active"] for r in rows}["matching"] is False
    assert ("candidate_left_matching", {"profile_id": candidate.pk}) in hooks.calls
    assert (
        client.post("/api/v1/me/profile/consents/", {"purpose": 7}, content_type="application/json").status_code == 400
    )


def test_reminder_before_ninety_days_then_dormant_and_reconfirm_brings_back(client_for, hooks):
    now = timezone.now()
    due_soon = CandidateProfileFactory(user__email="soon@example.ma", last_confirmed_at=now - dt.timedelta(days=80))
    overdue = CandidateProfileFactory(user__email="late@example.ma", last_confirmed_at=now - dt.timedelta(days=91))
    fresh = CandidateProfileFactory(user__email="fresh@example.ma", last_confirmed_at=now - dt.timedelta(days=3))
    draft = CandidateProfileFactory(user__email="draft@example.ma", status="draft", last_confirmed_at=None)

    result = mark_dormant_profiles.delay().get()
    assert result == {"reminded": 2, "dormant": 1}
    for p in (due_soon, overdue, fresh, draft):
        p.refresh_from_db()
    assert overdue.status == CandidateProfile.Status.DORMANT
    assert due_soon.status == fresh.status == CandidateProfile.Status.VERIFIED
    assert draft.status == CandidateProfile.Status.DRAFT
    assert hooks.calls == [("candidate_left_matching", {"profile_id": overdue.pk})]

    assert mark_dormant_profiles.delay().get() == {"reminded": 0, "dormant": 0}  # safe to run twice

    client = client_for(overdue.user)
    assert "dormant" in client.get("/candidates/dashboard/").content.decode()
    client.post("/candidates/reconfirm/")
    overdue.refresh_from_db()
    assert overdue.status == CandidateProfile.Status.VERIFIED
    assert overdue.last_confirmed_at > now
    assert ("profile_changed", {"profile_id": overdue.pk}) in hooks.calls


def test_reminder_email_is_sent_after_commit(django_capture_on_commit_callbacks):
    profile = CandidateProfileFactory(
        user__email="remind@example.tn", last_confirmed_at=timezone.now() - dt.timedelta(days=80)
    )
    with django_capture_on_commit_callbacks(execute=True):
        profiles_remind_and_mark_dormant()
    assert [m.to for m in mail.outbox] == [["remind@example.tn"]]
    profile.refresh_from_db()
    assert profile.reconfirm_reminder_sent_at is not None


def test_same_name_birth_date_and_nationality_is_flagged_as_duplicate(candidate):
    twin = CandidateProfileFactory(user__email="twin@example.ma", status="draft", given_name="x", family_name="y")
    profile_update_personal(
        profile=twin,
        data={
            "given_name": candidate.given_name.upper(),
            "family_name": candidate.family_name,
            "birth_date": candidate.birth_date,
            "nationality": candidate.nationality,
            "residence_country": "MA",
        },
    )
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.DUPLICATE)
    assert {item.candidate, item.other_candidate} == {twin, candidate}
    profile_update_personal(
        profile=twin,
        data={
            "given_name": candidate.given_name,
            "family_name": candidate.family_name,
            "birth_date": candidate.birth_date,
            "nationality": candidate.nationality,
            "residence_country": "MA",
        },
    )
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE).count() == 1


def test_same_identity_document_number_is_flagged_as_duplicate(candidate, other_candidate):
    from tests.candidates.conftest import png_bytes

    document_upload(
        profile=candidate, kind="identity", content=png_bytes(), name="id.png", document_number="X 1234-567"
    )
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE).exists()
    document_upload(
        profile=other_candidate, kind="identity", content=png_bytes(), name="id.png", document_number="x1234567"
    )
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.DUPLICATE)
    assert (item.candidate, item.other_candidate) == (other_candidate, candidate)


def test_different_people_are_not_flagged(candidate, other_candidate):
    duplicates_flag(profile=candidate)
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE).exists()


def test_dashboard_shows_released_matches_with_reason_and_not_interested(candidate, client_for, employer_member):
    vacancy = VacancyFactory(organisation=employer_member.organisation, title="Pflegefachkraft Station 4")
    hidden = VacancyFactory(organisation=employer_member.organisation, title="Unreviewed proposal")
    match = Match.objects.create(
        vacancy=vacancy,
        candidate=candidate,
        status="released",
        released_at=timezone.now(),
        matched_essential_skills=["x", "y"],
        missing_essential_skills=["z"],
    )
    Match.objects.create(vacancy=hidden, candidate=candidate, status="proposed")
    client = client_for(candidate.user)
    page = client.get("/candidates/dashboard/").content.decode()
    assert "Pflegefachkraft Station 4" in page and "Holds 2 of 3 essential skills" in page
    assert "Unreviewed proposal" not in page
    assert client.post(f"/candidates/matches/{match.pk}/not-interested/").status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.WITHDRAWN
    decision = MatchDecision.objects.get(match=match)
    assert (decision.actor, decision.actor_role, decision.action) == (candidate.user, "candidate", "not_interested")
    assert DecisionLog.objects.filter(subject_type="match", subject_id=match.pk, action="not_interested").exists()
    with pytest.raises(Conflict):
        match_not_interested(profile=candidate, match_id=match.pk, actor=candidate.user)


def test_other_candidate_cannot_decline_my_match(candidate, other_candidate, client_for, employer_member):
    vacancy = VacancyFactory(organisation=employer_member.organisation)
    match = Match.objects.create(vacancy=vacancy, candidate=candidate, status="released", released_at=timezone.now())
    assert client_for(other_candidate.user).post(f"/candidates/matches/{match.pk}/not-interested/").status_code == 404
    assert (
        client_for(other_candidate.user).post(f"/api/v1/me/profile/matches/{match.pk}/not-interested/").status_code
        == 404
    )
    match.refresh_from_db()
    assert match.status == "released"


def test_fee_report_goes_to_the_queue(candidate, client_for, employer_member):
    org = employer_member.organisation
    client = client_for(candidate.user)
    response = client.post("/candidates/fee-report/", {"organisation": org.pk, "description": "short"})
    assert response.status_code == 400 and "at least 10" in response.content.decode()
    response = client.post(
        "/candidates/fee-report/", {"organisation": org.pk, "description": "An agent asked for 1500 EUR."}
    )
    assert response.status_code == 302
    report = FeeReport.objects.get()
    assert (report.organisation, report.reporter) == (org, candidate)
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.FEE_REPORT, fee_report=report, country=org.country).exists()


def test_change_of_email_goes_through_a_link_sent_to_the_new_address(candidate, other_candidate, client_for):
    client = client_for(candidate.user)
    response = client.post(
        "/candidates/account/email/", {"email": other_candidate.user.email, "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302  # answered like any change; the owner of the address gets a notice
    assert mail.outbox[-1].to == [other_candidate.user.email] and "Nothing was changed" in mail.outbox[-1].body
    response = client.post("/candidates/account/email/", {"email": "amina.new@example.org", "password": "wrong"})
    assert response.status_code == 400
    response = client.post(
        "/candidates/account/email/", {"email": "amina.new@example.org", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=candidate.user.pk).email == "amina@example.org"
    message = mail.outbox[-1]
    assert message.to == ["amina.new@example.org"]
    link = re.search(r"http://127\.0\.0\.1:8000(/\S+)", message.body).group(1)
    assert client_for(other_candidate.user).get(link).status_code == 302
    assert User.objects.get(pk=candidate.user.pk).email == "amina@example.org"
    client.get(link)
    assert User.objects.get(pk=candidate.user.pk).email == "amina.new@example.org"
    client.get(link.replace("/confirm/", "/confirm/x"))
    assert User.objects.get(pk=candidate.user.pk).email == "amina.new@example.org"


def test_changes_after_verification_go_back_to_a_caseworker(candidate, hooks):
    candidate_item_create(profile=candidate, kind="skills", data={"label": "wound care"})
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.PROFILE, candidate=candidate).exists()
    assert ("profile_changed", {"profile_id": candidate.pk}) in hooks.calls


def test_verified_credential_is_marked_on_the_dashboard(candidate, client_for, programme):
    from programmes.models import Credential

    claim = credential_claim(profile=candidate, programme=programme, title="THAMM hospitality graduate")
    page = client_for(candidate.user).get("/candidates/dashboard/").content.decode()
    assert "THAMM hospitality graduate" in page and "Claimed, awaiting verification" in page
    Credential.objects.filter(pk=claim.pk).update(status=Credential.Status.VERIFIED)
    page = client_for(candidate.user).get("/candidates/dashboard/").content.decode()
    assert "Claimed, awaiting verification" not in page and 'badge ok">Verified' in page


def test_withdrawing_keep_profile_also_leaves_matching_and_every_employer(candidate, hooks):
    consent_grant(profile=candidate, purpose="keep_profile")
    assert consent_withdraw(profile=candidate, purpose="keep_profile") == 1
    assert hooks.calls == [("candidate_stopped_sharing", {"profile_id": candidate.pk})]
    assert consent_withdraw(profile=candidate, purpose="keep_profile") == 0
    assert len(hooks.calls) == 1
