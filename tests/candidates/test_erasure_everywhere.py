"""Issue 12.6 and 12.7: erasure leaves nothing that identifies the candidate in any store (database, stored mail,
logs) — notes other people wrote about her included — and the export holds everything stored about her, derived data
included, checked against every model that points at her."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.core import mail
from django.core.mail import send_mail

from candidates.models import CandidateProfile
from candidates.services.accounts import email_change_confirm
from candidates.services.fee_reports import fee_report_create
from employers.services import match_employer_decide
from matching.models import Embedding, Match, MatchRun
from review.models import ReviewItem
from review.services.decisions import review_item_decide
from review.services.queue import review_item_claim
from tests.candidates.conftest import TOKENS
from tests.candidates.test_export_erase import _scan_database
from tests.employers.conftest import release
from tests.factories.employers import VacancyFactory

pytestmark = pytest.mark.django_db

CANARIES = {
    "caseworker_note": "qwyzcasenote the passport photo is blurred",
    "employer_note": "qwyzemployernote lovely interview, call back",
    "fee_text": "qwyzfee the agent Qwyzrecruiter asked 2000 euros",
    "old_email": "qwyz.earlier.address@example.tn",
    "mail_subject": "Qwyzmail about your vacancy",
}


@pytest.fixture
def everywhere(full_candidate, caseworker, employer_member, settings, tmp_path):  # type: ignore[no-untyped-def]
    """The full candidate, plus what other people and other stores hold about her."""
    user, client, profile = full_candidate
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    # A caseworker's note on her document, through the queue.
    item = ReviewItem.objects.filter(candidate=profile, kind=ReviewItem.Kind.DOCUMENT).first()
    review_item_claim(item=item, actor=caseworker)
    review_item_decide(
        item=item, actor=caseworker, decision="request_changes", reason_code="other", note=CANARIES["caseworker_note"]
    )
    # An employer's note on a decision about her.
    match = release(VacancyFactory(organisation=employer_member.organisation), profile, caseworker=caseworker)
    match_employer_decide(
        match=match,
        actor=employer_member.user,
        decision="shortlist",
        reason_code="skills",
        note=CANARIES["employer_note"],
    )
    # Her own fee report in her words.
    fee_report_create(
        profile=profile, organisation_id=employer_member.organisation.pk, description=CANARIES["fee_text"]
    )
    # A failed login under an earlier address, then the address changed.
    from django.core import signing

    from candidates.services.accounts import EMAIL_CHANGE_SALT

    user.email = CANARIES["old_email"]
    user.save(update_fields=["email"])
    AccessAttempt.objects.create(username=CANARIES["old_email"], ip_address="203.0.113.9", failures_since_start=1)
    email_change_confirm(user=user, token=signing.dumps({"u": user.pk, "e": TOKENS["email"]}, salt=EMAIL_CHANGE_SALT))
    AccessAttempt.objects.create(username=TOKENS["email"], ip_address="203.0.113.9", failures_since_start=1)
    # Mail stored by the embedded default: one to her, one to somebody else.
    send_mail(CANARIES["mail_subject"], "Hello Qwyzzelia", None, [TOKENS["email"]])
    send_mail("For someone else", "Hello", None, ["other.person@example.org"])
    return user, client, profile


def test_erasure_leaves_no_canary_in_database_mail_or_logs(
    everywhere, settings, caplog, django_capture_on_commit_callbacks
):
    _user, client, _profile = everywhere
    canaries = [*TOKENS.values(), *CANARIES.values()]
    before = _scan_database(canaries)
    assert {token for _table, token in before} >= {
        CANARIES["caseworker_note"],
        CANARIES["employer_note"],
        CANARIES["fee_text"],
    }, "the scan must see what others wrote about her before erasure"
    mail_dir = Path(settings.EMAIL_FILE_PATH)
    assert any(CANARIES["mail_subject"].encode() in p.read_bytes() for p in mail_dir.glob("*.log"))

    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/candidates/my-data/erase/", {"confirm": "on", "password": "correct-horse-battery-staple"}
        )
    assert response.status_code == 302

    left = _scan_database(canaries)
    assert left == [], left
    stored_mail = b"".join(p.read_bytes() for p in mail_dir.glob("*.log"))
    assert not any(token.encode() in stored_mail for token in canaries)
    assert b"other.person@example.org" in stored_mail  # somebody else's mail is not touched
    logged = "\n".join(record.getMessage() + " " + str(record.__dict__) for record in caplog.records)
    assert not [token for token in canaries if token in logged]
    # What stays, anonymous: the fee report against the organisation and the decisions (without their notes).
    from core.models import DecisionLog
    from employers.models import FeeReport

    assert FeeReport.objects.filter(reporter__isnull=True).count() == 2
    assert DecisionLog.objects.filter(action="shortlist").exists()


# Models that point at the candidate, and where the export holds them.
EXPORT_SECTION = {
    "candidates.CandidateSkill": "skills",
    "candidates.CandidateLanguage": "languages",
    "candidates.Education": "education",
    "candidates.Experience": "experience",
    "candidates.Consent": "consents",
    "candidates.Document": "documents",
    "programmes.Credential": "credentials",
    "matching.Match": "matches",
    "employers.FeeReport": "fee_reports",
    "review.ReviewItem": "review_items",
}


def test_every_model_that_points_at_the_candidate_is_in_the_export():
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.many_to_one and field.related_model is CandidateProfile
    }
    assert pointing == set(EXPORT_SECTION), "a new model points at the candidate: add it to the export and here"


def test_the_export_holds_derived_data_and_what_others_wrote_about_her(everywhere):
    _user, client, profile = everywhere
    run = MatchRun.objects.create(vacancy=Match.objects.filter(candidate=profile).first().vacancy, model_name="e5")
    Match.objects.filter(candidate=profile).update(run=run)
    data = json.loads(client.get("/candidates/my-data/export/").content)
    for label, section in EXPORT_SECTION.items():
        model = apps.get_model(label)
        fields = {f.attname if f.is_relation else f.name for f in model._meta.concrete_fields} - {"vector"}
        rows = data[section]
        assert rows, section
        missing = fields - set(rows[0])
        assert not missing, f"{section} lacks {sorted(missing)}"
    assert data["embedding"]["model_name"] == Embedding.objects.get(kind="candidate", object_id=profile.pk).model_name
    assert data["embedding"]["vector"] is not None
    assert [r["id"] for r in data["match_runs"]] == [run.pk]
    events = [e for item in data["review_items"] for e in item["events"]]
    assert any(e["note"] == CANARIES["caseworker_note"] for e in events)
    notes = json.dumps(data["decision_log"], ensure_ascii=False)
    assert CANARIES["caseworker_note"] in notes and CANARIES["employer_note"] in notes
    assert CANARIES["fee_text"] in json.dumps(data["fee_reports"], ensure_ascii=False)
    assert [a["username"] for a in data["login_attempts"]] == [TOKENS["email"]]
    assert re.fullmatch(r"talentpool-candidate-export/\d+", data["format"])
    assert mail.outbox == []  # the export sends nothing
