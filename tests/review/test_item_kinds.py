"""What a decision does is looked up per kind of item; a kind refuses decisions that would do nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.exceptions import Conflict, NotFound, ValidationFailed
from employers.models import Organisation
from review import services
from review.models import ReviewItem
from review.services.item_kinds import KINDS, decisions_for
from tests.factories.core import UserFactory
from tests.factories.employers import OrganisationFactory
from tests.factories.review import ReviewItemFactory

pytestmark = pytest.mark.django_db


def test_every_kind_of_item_has_an_entry_in_the_registry():
    assert set(KINDS) == set(ReviewItem.Kind.values)


def test_an_organisation_cannot_be_sent_back_for_changes_that_nobody_would_read(caseworker):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    item = services.review_item_claim(
        item=ReviewItemFactory(kind=ReviewItem.Kind.ORGANISATION, candidate=None, organisation=organisation),
        actor=caseworker,
    )
    with pytest.raises(ValidationFailed, match="vetted or rejected"):
        services.review_item_decide(
            item=item, actor=caseworker, decision="request_changes", reason_code="missing_information", note="?"
        )
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.CLAIMED


def test_the_decision_form_offers_only_what_the_kind_accepts(client_for, caseworker):
    item = services.review_item_claim(
        item=ReviewItemFactory(kind=ReviewItem.Kind.DUPLICATE, other_candidate=ReviewItemFactory().candidate),
        actor=caseworker,
    )
    body = client_for(caseworker).get(reverse("review:item", args=[item.pk])).content.decode()
    assert 'value="approve"' in body and 'value="escalate"' in body
    assert 'value="request_changes"' not in body
    assert decisions_for(ReviewItem.Kind.PROFILE) == ["approve", "reject", "request_changes", "escalate"]


def test_approving_an_organisation_vets_it_through_the_employers_service(caseworker):
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    item = services.review_item_claim(
        item=ReviewItemFactory(kind=ReviewItem.Kind.ORGANISATION, candidate=None, organisation=organisation),
        actor=caseworker,
    )
    services.review_item_decide(item=item, actor=caseworker, decision="approve", reason_code="criteria_met")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VETTED and organisation.vetted_by == caseworker


def test_a_caseworker_cannot_take_an_escalated_item_but_staff_can(caseworker, staff_user):
    item = ReviewItemFactory(status=ReviewItem.Status.ESCALATED)
    assert not caseworker.has_perm("review.claim_reviewitem", item)
    with pytest.raises(Conflict):
        services.review_item_claim(item=item, actor=caseworker)
    assert services.review_item_claim(item=item, actor=staff_user).assignee == staff_user


@pytest.mark.parametrize("role", ["candidate", "employer", "programme_admin"])
def test_other_roles_cannot_work_the_queue_through_the_services(role):

    user = UserFactory(role=role)
    item = ReviewItemFactory()
    with pytest.raises(NotFound):
        services.review_item_claim(item=item, actor=user)
    with pytest.raises(NotFound):
        services.review_item_claim_next(actor=user)
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.OPEN
