"""The queue opens its items from core.events, after the sender's commit, once per target however often told."""

from __future__ import annotations

import pytest
from django.db import transaction

from candidates.models import CandidateProfile
from core import events
from core.models import OutboxEvent
from employers.models import Organisation
from matching.models import Match
from review.models import ReviewItem
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.employers import FeeReportFactory, OrganisationFactory, VacancyFactory
from tests.factories.programmes import CredentialFactory, ProgrammeFactory
from tests.factories.review import ProposedMatchFactory, stored_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Emit an event in a transaction of its own and deliver it after commit, as a service would."""

    def _send(name: str, **payload: object) -> None:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            events.emit(name, **payload)

    return _send


def items(kind: str) -> list[ReviewItem]:
    return list(ReviewItem.objects.filter(kind=kind))


def test_a_submitted_profile_opens_one_profile_item_however_often_the_news_arrives(send):
    profile = CandidateProfileFactory(status=CandidateProfile.Status.SUBMITTED, nationality="TN")
    send(events.PROFILE_SUBMITTED, profile_id=profile.pk)
    send(events.PROFILE_SUBMITTED, profile_id=profile.pk)
    [item] = items(ReviewItem.Kind.PROFILE)
    assert (item.candidate_id, item.country, item.status) == (profile.pk, "TN", ReviewItem.Status.OPEN)
    assert OutboxEvent.objects.filter(delivered_at__isnull=True).count() == 0


def test_a_profile_back_in_draft_by_the_time_the_news_arrives_opens_nothing(send):
    profile = CandidateProfileFactory(status=CandidateProfile.Status.DRAFT)
    send(events.PROFILE_SUBMITTED, profile_id=profile.pk)
    send(events.PROFILE_SUBMITTED, profile_id=profile.pk + 1000)  # erased meanwhile
    assert items(ReviewItem.Kind.PROFILE) == []


def test_a_suspected_duplicate_is_asked_once_per_pair(send):
    first, second = CandidateProfileFactory(), CandidateProfileFactory()
    send(events.DUPLICATE_SUSPECTED, profile_id=second.pk, other_profile_id=first.pk)
    send(events.DUPLICATE_SUSPECTED, profile_id=first.pk, other_profile_id=second.pk)
    [item] = items(ReviewItem.Kind.DUPLICATE)
    assert (item.candidate_id, item.other_candidate_id) == (second.pk, first.pk)


def test_an_identity_document_goes_to_a_caseworker_and_a_cv_does_not(send):
    profile = CandidateProfileFactory()
    passport = stored_document(profile, kind="identity")
    cv = stored_document(profile, kind="cv", name="cv.pdf")
    send(events.DOCUMENT_UPLOADED, document_id=passport.pk)
    send(events.DOCUMENT_UPLOADED, document_id=cv.pk)
    [item] = items(ReviewItem.Kind.DOCUMENT)
    assert (item.document_id, item.candidate_id) == (passport.pk, profile.pk)


def test_a_credential_claim_reaches_the_queue_only_when_no_programme_administrator_checks_it(
    send, programme, programme_admin
):
    unattended = CredentialFactory(programme=ProgrammeFactory())
    attended = CredentialFactory(programme=programme)
    send(events.CREDENTIAL_CLAIMED, credential_id=unattended.pk)
    send(events.CREDENTIAL_CLAIMED, credential_id=attended.pk)
    [item] = items(ReviewItem.Kind.CREDENTIAL)
    assert (item.credential_id, item.programme_id) == (unattended.pk, unattended.programme_id)


def test_a_fee_report_goes_to_the_front_of_the_queue_with_its_organisation(send):
    report = FeeReportFactory(organisation=OrganisationFactory(country="AT", sector="I"))
    send(events.FEE_REPORT_FILED, fee_report_id=report.pk)
    [item] = items(ReviewItem.Kind.FEE_REPORT)
    assert (item.priority, item.organisation_id, item.country, item.sector) == (1, report.organisation_id, "AT", "I")


def test_a_new_organisation_is_queued_for_vetting(send):
    pending = OrganisationFactory(status=Organisation.Status.PENDING)
    vetted = OrganisationFactory(status=Organisation.Status.VETTED)
    send(events.ORGANISATION_SIGNED_UP, organisation_id=pending.pk)
    send(events.ORGANISATION_SIGNED_UP, organisation_id=vetted.pk)
    assert [i.organisation_id for i in items(ReviewItem.Kind.ORGANISATION)] == [pending.pk]


def test_proposed_matches_open_one_item_for_the_vacancy(send):
    match = ProposedMatchFactory()
    empty = VacancyFactory()
    send(events.MATCHES_PROPOSED, vacancy_id=match.vacancy_id, run_id=None)
    send(events.MATCHES_PROPOSED, vacancy_id=match.vacancy_id, run_id=None)
    send(events.MATCHES_PROPOSED, vacancy_id=empty.pk, run_id=None)  # every match already decided
    [item] = items(ReviewItem.Kind.MATCHES)
    assert (item.vacancy_id, item.country, item.sector) == (match.vacancy_id, "DE", "Q")


def test_the_vacancy_item_closes_when_the_last_proposed_match_is_decided(send):
    first = ProposedMatchFactory()
    second = ProposedMatchFactory(vacancy=first.vacancy)
    send(events.MATCHES_PROPOSED, vacancy_id=first.vacancy_id, run_id=None)

    Match.objects.filter(pk=first.pk).update(status=Match.Status.RELEASED)
    send(events.MATCH_DECIDED, match_id=first.pk, action="release")
    [item] = items(ReviewItem.Kind.MATCHES)
    assert item.status == ReviewItem.Status.OPEN

    Match.objects.filter(pk=second.pk).update(status=Match.Status.WITHDRAWN)
    send(events.MATCH_DECIDED, match_id=second.pk, action="withdraw")
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.DONE
    assert item.events.last().action == "all_matches_decided"
