"""Claim next on real PostgreSQL: many caseworkers claiming at once never get the same item."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection

from core.roles import Role
from review import services
from review.models import ReviewEvent, ReviewItem
from tests.factories.core import UserFactory
from tests.factories.review import ReviewItemFactory

pytestmark = [pytest.mark.realservice, pytest.mark.django_db(transaction=True)]

CLAIMERS = 12
ITEMS = 40


def test_concurrent_claimers_never_share_an_item():
    assert connection.vendor == "postgresql"
    items = [ReviewItemFactory() for _ in range(ITEMS)]
    workers = [UserFactory(email=f"cw{i}@pes.example", role=Role.CASEWORKER) for i in range(CLAIMERS)]
    start = threading.Barrier(CLAIMERS)
    claims: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(user) -> None:  # type: ignore[no-untyped-def]
        from django.db import connection as thread_connection

        try:
            start.wait()
            while True:
                item = services.review_item_claim_next(actor=user)
                if item is None:
                    break
                with lock:
                    claims.append((item.pk, user.pk))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work, args=(user,)) for user in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    per_item = Counter(pk for pk, _user in claims)
    assert sorted(per_item) == sorted(item.pk for item in items)
    assert set(per_item.values()) == {1}
    claimed_events = Counter(ReviewEvent.objects.filter(action="claimed").values_list("item_id", flat=True))
    assert set(claimed_events.values()) == {1} and len(claimed_events) == ITEMS
    for pk, user_pk in claims:
        assert ReviewItem.objects.get(pk=pk).assignee_id == user_pk
