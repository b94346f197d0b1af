"""Double submits at the same moment on the real PostgreSQL (issue 16): the same vacancy form posted twice at once
makes one draft, and two events opening the same queue item at once make one item."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from employers.models import Vacancy
from review.models import ReviewItem
from tests.employers.conftest import valid_vacancy_post
from tests.factories.candidates import CandidateProfileFactory

pytestmark = [pytest.mark.realservice, pytest.mark.django_db(transaction=True)]


def _at_once(count: int, work) -> list:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(count)
    results: list = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # recorded, so the test shows it instead of a silent thread death
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_the_same_vacancy_form_posted_twice_at_once_makes_one_draft(employer_member, nurse, matching_hooks) -> None:  # type: ignore[no-untyped-def]
    data = {**valid_vacancy_post(nurse), "creation_key": "double-click-0001"}

    def post():  # type: ignore[no-untyped-def]
        client = Client()
        client.force_login(employer_member.user, backend="django.contrib.auth.backends.ModelBackend")
        return client.post(reverse("employers:vacancy_create"), data).status_code

    assert _at_once(4, post) == [302] * 4
    assert Vacancy.objects.filter(organisation=employer_member.organisation).count() == 1


def test_two_events_opening_the_same_queue_item_at_once_make_one_item() -> None:
    from review.services import review_item_open

    profile = CandidateProfileFactory(status="submitted")

    def open_item() -> int:
        with transaction.atomic():  # as its callers do: inside the transaction of the change
            return review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=profile).pk

    results = _at_once(4, open_item)
    assert all(isinstance(pk, int) for pk in results), results
    assert len(set(results)) == 1
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.PROFILE, candidate=profile).count() == 1
