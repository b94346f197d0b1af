"""The outbox: news commits with the change, is delivered after commit, and a failed delivery is retried."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from core import events
from core.models import OutboxEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inbox():
    """A receiver on DOCUMENT_UPLOADED that records what it got; it fails while `inbox["fail"]` is set."""
    got: dict = {"calls": [], "fail": False}

    def record(**payload):
        if got["fail"]:
            raise ConnectionError("broker down")
        got["calls"].append(payload)

    events.receiver(events.DOCUMENT_UPLOADED)(record)
    yield got
    events._receivers[events.DOCUMENT_UPLOADED].remove(record)


def test_news_is_delivered_only_after_the_change_commits(inbox):
    with transaction.atomic():
        events.emit(events.DOCUMENT_UPLOADED, document_id=7)
        assert inbox["calls"] == []
    assert inbox["calls"] == [{"document_id": 7}]
    assert OutboxEvent.objects.get().delivered_at is not None


def test_news_of_a_rolled_back_change_is_never_delivered(inbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit(events.DOCUMENT_UPLOADED, document_id=7)
        raise RuntimeError("the change failed")
    assert inbox["calls"] == []
    assert not OutboxEvent.objects.exists()


def test_a_failed_delivery_stays_due_and_the_dispatcher_delivers_it_later(inbox):
    inbox["fail"] = True
    with transaction.atomic():
        events.emit(events.DOCUMENT_UPLOADED, document_id=8)
    row = OutboxEvent.objects.get()
    assert row.delivered_at is None
    assert row.attempts == 1
    assert row.last_error == "ConnectionError"
    assert row.next_attempt_at > timezone.now()

    inbox["fail"] = False
    assert events.dispatch_pending() == 0  # not due yet: backoff
    OutboxEvent.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert events.dispatch_pending() == 1
    assert inbox["calls"] == [{"document_id": 8}]
    assert events.dispatch_pending() == 0  # delivered once, not again


def test_a_delivered_event_is_not_delivered_twice(inbox):
    event = events.emit(events.DOCUMENT_UPLOADED, document_id=9)
    assert events.dispatch(event.pk) is True
    assert inbox["calls"] == [{"document_id": 9}]


def test_payloads_must_match_the_catalogue():
    with pytest.raises(ValueError, match="unknown event"):
        events.emit("no_such_event", x=1)
    with pytest.raises(ValueError, match="takes"):
        events.emit(events.DOCUMENT_UPLOADED, profile_id=1)
    with pytest.raises(ValueError, match="id or a short code"):
        events.emit(events.DOCUMENT_UPLOADED, document_id=[1, 2])
    assert not OutboxEvent.objects.exists()


def test_delivered_rows_are_purged_after_a_week(inbox):
    events.emit(events.DOCUMENT_UPLOADED, document_id=1)
    OutboxEvent.objects.update(delivered_at=timezone.now() - timedelta(days=8))
    events.emit(events.DOCUMENT_UPLOADED, document_id=2)
    assert events.purge_delivered() == 1
    assert list(OutboxEvent.objects.values_list("payload", flat=True)) == [{"document_id": 2}]
