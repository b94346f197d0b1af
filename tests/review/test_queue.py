"""Working the queue: the list, filters, claim next, release, decisions with reasons, access logging."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candidates.models import CandidateProfile
from core.exceptions import Conflict, ValidationFailed
from core.models import AccessLog, DecisionLog
from employers.models import Organisation
from programmes.models import Credential
from review import services
from review.models import ReviewItem
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.core import UserFactory
from tests.factories.employers import OrganisationFactory
from tests.factories.review import ReviewItemFactory, age_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_caseworker(db):  # type: ignore[no-untyped-def]
    return UserFactory(email="second@pes.example", role="caseworker")


def test_queue_lists_every_kind_with_status_assignee_and_age(client_for, caseworker, candidate):
    org = OrganisationFactory(legal_name="Pflege Plus GmbH", status=Organisation.Status.PENDING)
    services.review_item_open(kind=ReviewItem.Kind.ORGANISATION, organisation=org, country="DE", sector="Q")
    services.review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=candidate, country="MA")
    response = client_for(caseworker).get(reverse("review:queue"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pflege Plus GmbH" in body
    assert "Organisation to vet" in body and "Candidate profile" in body
    assert "Open" in body


@pytest.mark.parametrize("role", ["candidate", "employer", "programme_admin"])
def test_queue_is_not_found_for_other_roles(client_for, role):
    user = UserFactory(role=role)
    assert client_for(user).get(reverse("review:queue")).status_code == 404


def test_queue_filters_by_kind_and_country(client_for, caseworker):
    profile_item = ReviewItemFactory(country="MA", candidate__headline="Nurse from Rabat")
    org_item = ReviewItemFactory(
        kind=ReviewItem.Kind.ORGANISATION,
        candidate=None,
        organisation=OrganisationFactory(legal_name="Hotel Adler"),
        country="AT",
    )
    client = client_for(caseworker)
    page = client.get(reverse("review:queue"), {"kind": "organisation"}).content.decode()
    assert f'data-item="{org_item.pk}"' in page and f'data-item="{profile_item.pk}"' not in page
    page = client.get(reverse("review:queue"), {"country": "ma"}).content.decode()
    assert f'data-item="{profile_item.pk}"' in page and f'data-item="{org_item.pk}"' not in page


def test_bad_filter_values_answer_the_page_not_an_error(client_for, caseworker):
    response = client_for(caseworker).get(
        reverse("review:queue"), {"programme": "abc", "age": "forever", "kind": "x" * 500}
    )
    assert response.status_code == 200


def test_overdue_items_stand_out(client_for, caseworker, settings):
    settings.REVIEW_OVERDUE_DAYS = 3
    old = age_item(ReviewItemFactory(), days=5)
    fresh = ReviewItemFactory()
    body = client_for(caseworker).get(reverse("review:queue")).content.decode()
    assert f'<tr class="overdue" data-item="{old.pk}">' in body
    assert f'<tr class="" data-item="{fresh.pk}">' in body
    only_overdue = client_for(caseworker).get(reverse("review:queue"), {"age": "overdue"}).content.decode()
    assert f'data-item="{fresh.pk}"' not in only_overdue


def test_claim_next_takes_highest_priority_then_oldest(caseworker):
    normal_old = age_item(ReviewItemFactory(priority=2), days=4)
    urgent_new = ReviewItemFactory(priority=1)
    first = services.review_item_claim_next(actor=caseworker)
    second = services.review_item_claim_next(actor=caseworker)
    assert [first.pk, second.pk] == [urgent_new.pk, normal_old.pk]
    assert first.status == ReviewItem.Status.CLAIMED and first.assignee == caseworker
    assert services.review_item_claim_next(actor=caseworker) is None


def test_two_caseworkers_never_get_the_same_item(caseworker, other_caseworker):
    ReviewItemFactory()
    ReviewItemFactory()
    a = services.review_item_claim_next(actor=caseworker)
    b = services.review_item_claim_next(actor=other_caseworker)
    assert a.pk != b.pk
    with pytest.raises(Conflict):
        services.review_item_claim(item=a, actor=other_caseworker)


def test_claim_next_button_respects_filters_and_opens_the_item(client_for, caseworker):
    ReviewItemFactory(priority=1, country="MA")
    wanted = ReviewItemFactory(priority=3, country="TN")
    response = client_for(caseworker).post(reverse("review:claim_next"), {"country": "TN"})
    assert response.status_code == 302 and response.url == reverse("review:item", args=[wanted.pk])
    wanted.refresh_from_db()
    assert wanted.assignee == caseworker


def test_release_claim_puts_the_item_back(client_for, caseworker, other_caseworker):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    with pytest.raises(Exception):
        services.review_item_release(item=item, actor=other_caseworker)
    client_for(caseworker).post(reverse("review:item_release", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.OPEN and item.assignee is None
    assert list(item.events.values_list("action", flat=True)) == ["claimed", "released"]


def test_approving_a_profile_verifies_it_and_logs_the_decision(client_for, caseworker):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    response = client_for(caseworker).post(
        reverse("review:item_decide", args=[item.pk]),
        {"decision": "approve", "reason_code": "criteria_met", "note": ""},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    item.candidate.refresh_from_db()
    assert item.status == ReviewItem.Status.DONE
    assert item.candidate.status == CandidateProfile.Status.VERIFIED
    event = item.events.get(action="approve")
    assert event.reason_code == "criteria_met" and event.actor == caseworker
    assert DecisionLog.objects.filter(subject_type="review_item.profile", subject_id=item.pk, action="approve").exists()


def test_requesting_changes_tells_the_candidate_what_to_fix(caseworker):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    with pytest.raises(ValidationFailed):
        services.review_item_decide(
            item=item, actor=caseworker, decision="request_changes", reason_code="missing_information"
        )
    services.review_item_decide(
        item=item,
        actor=caseworker,
        decision="request_changes",
        reason_code="missing_information",
        note="Please add your nursing diploma.",
    )
    profile = CandidateProfile.objects.get(pk=item.candidate_id)
    assert profile.status == CandidateProfile.Status.CHANGES_REQUESTED
    assert profile.review_note == "Please add your nursing diploma."


def test_reason_must_fit_the_decision(client_for, caseworker):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    response = client_for(caseworker).post(
        reverse("review:item_decide", args=[item.pk]),
        {"decision": "approve", "reason_code": "suspected_fraud"},
        follow=True,
    )
    assert "Choose a reason that fits the decision." in response.content.decode()
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.CLAIMED


def test_deciding_needs_the_claim(caseworker, other_caseworker):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    with pytest.raises(Conflict):
        services.review_item_decide(item=item, actor=other_caseworker, decision="approve", reason_code="criteria_met")


def test_escalation_returns_the_item_for_staff_with_high_priority(caseworker, staff_user):
    item = services.review_item_claim(item=ReviewItemFactory(), actor=caseworker)
    services.review_item_decide(
        item=item, actor=caseworker, decision="escalate", reason_code="legal_question", note="Residence permit question"
    )
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.ESCALATED and item.assignee is None and item.priority == 1
    with pytest.raises(Conflict):
        services.review_item_claim(item=item, actor=caseworker)
    assert services.review_item_claim(item=item, actor=staff_user).assignee == staff_user


def test_viewing_a_profile_item_logs_access(client_for, caseworker):
    item = ReviewItemFactory(candidate__given_name="Amina", candidate__family_name="Haddad")
    response = client_for(caseworker).get(reverse("review:item", args=[item.pk]))
    assert "Amina Haddad" in response.content.decode()
    log = AccessLog.objects.get(subject_candidate_id=item.candidate_id)
    assert log.actor == caseworker and log.part == "profile" and log.purpose == "review_queue"


def test_unknown_item_is_not_found(client_for, caseworker):
    assert client_for(caseworker).get(reverse("review:item", args=[999999])).status_code == 404


def test_vetting_an_organisation_goes_through_the_employers_service(caseworker):
    org = OrganisationFactory(status=Organisation.Status.PENDING)
    item = services.review_item_open(kind=ReviewItem.Kind.ORGANISATION, organisation=org, country="DE")
    services.review_item_claim(item=item, actor=caseworker)
    services.review_item_decide(item=item, actor=caseworker, decision="approve", reason_code="criteria_met")
    org.refresh_from_db()
    assert org.status == Organisation.Status.VETTED and org.vetted_by == caseworker


def test_rejecting_a_credential_claim_gives_the_candidate_the_reason(caseworker, programme):
    profile = CandidateProfileFactory()
    credential = Credential.objects.create(candidate=profile, programme=programme, title="Nursing assistant")
    item = services.review_item_open(
        kind=ReviewItem.Kind.CREDENTIAL, candidate=profile, credential=credential, programme=programme
    )
    services.review_item_claim(item=item, actor=caseworker)
    services.review_item_decide(
        item=item,
        actor=caseworker,
        decision="reject",
        reason_code="insufficient_evidence",
        note="The certificate does not name the programme.",
    )
    credential.refresh_from_db()
    assert credential.status == Credential.Status.REJECTED
    assert credential.rejection_reason == "The certificate does not name the programme."


def test_matches_item_opens_the_vacancy_page_and_keeps_its_history(client_for, caseworker):
    from tests.factories.review import ProposedMatchFactory

    match = ProposedMatchFactory()
    item = services.review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=match.vacancy, country="DE")
    client = client_for(caseworker)
    response = client.get(reverse("review:item", args=[item.pk]))
    assert response.status_code == 302 and response.url == reverse("review:vacancy_matches", args=[match.vacancy_id])
    history = client.get(reverse("review:item", args=[item.pk]), {"history": "1"}).content.decode()
    assert "opened" in history and "Record decision" not in history
