"""The queue learns of work from the lower layers through core.events: each receiver opens (or closes) an item.

Receivers run after the sender's commit, possibly more than once (the outbox retries) and possibly late: each one
reloads what the event names, does nothing if the object is gone or no longer needs a caseworker, and opens items
through `review_item_open`, which returns the item already open for the same target instead of queueing twice.
"""

from __future__ import annotations

from candidates.models import CandidateProfile, Document
from core import events
from employers.models import FeeReport, Organisation, Vacancy
from matching.models import Match
from programmes.models import Credential
from review.models import ReviewItem
from review.services import ACTIVE_STATUSES, close_vacancy_item_if_done, review_item_open

# A profile in these statuses waits for a caseworker: just submitted, or changed after verification.
PROFILE_STATUSES_TO_REVIEW = (CandidateProfile.Status.SUBMITTED, CandidateProfile.Status.VERIFIED)
# Documents that prove who someone is or what they hold; a CV is read with the profile, not verified on its own.
DOCUMENT_KINDS_TO_VERIFY = (Document.Kind.IDENTITY, Document.Kind.CERTIFICATE)


@events.receiver(events.PROFILE_SUBMITTED)
def open_profile_item(*, profile_id: int) -> None:
    profile = CandidateProfile.objects.filter(pk=profile_id, status__in=PROFILE_STATUSES_TO_REVIEW).first()
    if profile is not None:
        review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=profile, country=profile.nationality)


@events.receiver(events.DUPLICATE_SUSPECTED)
def open_duplicate_item(*, profile_id: int, other_profile_id: int) -> None:
    profiles = {p.pk: p for p in CandidateProfile.objects.filter(pk__in=(profile_id, other_profile_id))}
    profile, other = profiles.get(profile_id), profiles.get(other_profile_id)
    if profile is None or other is None or profile.pk == other.pk:
        return
    # One question per pair, whichever of the two registered last.
    asked_the_other_way = ReviewItem.objects.filter(
        kind=ReviewItem.Kind.DUPLICATE, candidate=other, other_candidate=profile, status__in=ACTIVE_STATUSES
    ).exists()
    if not asked_the_other_way:
        review_item_open(
            kind=ReviewItem.Kind.DUPLICATE, candidate=profile, other_candidate=other, country=profile.nationality
        )


@events.receiver(events.DOCUMENT_UPLOADED)
def open_document_item(*, document_id: int) -> None:
    document = (
        Document.objects.select_related("profile").filter(pk=document_id, kind__in=DOCUMENT_KINDS_TO_VERIFY).first()
    )
    if document is not None:
        review_item_open(
            kind=ReviewItem.Kind.DOCUMENT,
            candidate=document.profile,
            document=document,
            country=document.profile.nationality,
        )


@events.receiver(events.CREDENTIAL_CLAIMED)
def open_credential_item(*, credential_id: int) -> None:
    credential = (
        Credential.objects.select_related("candidate", "programme")
        .filter(pk=credential_id, status=Credential.Status.CLAIMED)
        .first()
    )
    # A programme with administrators verifies its own graduates; the queue takes the claims nobody else can check.
    if credential is None or credential.programme.administrators.exists():
        return
    review_item_open(
        kind=ReviewItem.Kind.CREDENTIAL,
        candidate=credential.candidate,
        credential=credential,
        programme=credential.programme,
        country=credential.candidate.nationality,
    )


@events.receiver(events.FEE_REPORT_FILED)
def open_fee_report_item(*, fee_report_id: int) -> None:
    report = FeeReport.objects.select_related("organisation").filter(pk=fee_report_id).first()
    if report is None:
        return
    organisation = report.organisation
    # A fee asked of a candidate breaks the fair-recruitment pledge: it goes to the front of the queue.
    review_item_open(
        kind=ReviewItem.Kind.FEE_REPORT,
        fee_report=report,
        organisation=organisation,
        country=organisation.country,
        sector=organisation.sector,
        priority=1,
    )


@events.receiver(events.ORGANISATION_SIGNED_UP)
def open_organisation_item(*, organisation_id: int) -> None:
    organisation = Organisation.objects.filter(pk=organisation_id, status=Organisation.Status.PENDING).first()
    if organisation is not None:
        review_item_open(
            kind=ReviewItem.Kind.ORGANISATION,
            organisation=organisation,
            country=organisation.country,
            sector=organisation.sector,
        )


@events.receiver(events.MATCHES_PROPOSED)
def open_matches_item(*, vacancy_id: int, run_id: int | None) -> None:
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if vacancy is None:
        return
    # Late delivery: a caseworker may already have decided every match of that run.
    if Match.objects.filter(vacancy=vacancy, status=Match.Status.PROPOSED).exists():
        review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country=vacancy.country, sector=vacancy.sector)


@events.receiver(events.MATCH_DECIDED)
def close_matches_item(*, match_id: int, action: str) -> None:
    vacancy_id = Match.objects.filter(pk=match_id).values_list("vacancy_id", flat=True).first()
    if vacancy_id is not None:
        close_vacancy_item_if_done(vacancy_id=vacancy_id, actor=None)
