"""ESCO search feeds autocomplete: a person typing is not throttled like a scraper (issue 16, 84 % answered 429)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_autocomplete_typing_for_two_minutes_worth_of_pauses_is_not_throttled(client) -> None:
    # 130 searches from one address within the minute: above the old anonymous 120/minute, within the search rate.
    answers = [client.get("/api/v1/occupations/", {"q": "infirm"[: 3 + i % 4]}).status_code for i in range(130)]
    assert answers == [200] * 130


def test_the_search_rate_still_stops_a_flood(client, settings) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    rate = ScopedRateThrottle.THROTTLE_RATES["search"]
    limit = int(rate.split("/")[0])
    answers = [client.get("/api/v1/skills/", {"q": "care"}).status_code for _ in range(limit + 2)]
    assert answers[:limit] == [200] * limit and answers[limit:] == [429, 429]
