"""Quota usage cannot exceed the quota under concurrent hires (real PostgreSQL, one connection per thread)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from core.exceptions import Conflict
from programmes.models import SchemeQuota
from programmes.services.quotas import scheme_quota_consume
from tests.factories.programmes import LegalSchemeFactory


@pytest.mark.realservice
@pytest.mark.django_db(transaction=True)
def test_concurrent_hires_never_exceed_the_quota():
    assert connection.vendor == "postgresql"
    scheme = LegalSchemeFactory()
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="", quota=5)
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="MA", quota=3)
    start = threading.Barrier(12)
    outcomes: list[str] = []
    lock = threading.Lock()

    def hire(nationality: str) -> None:
        from django.db import connections

        try:
            start.wait()
            scheme_quota_consume(scheme=scheme, nationality=nationality, year=2027)
            result = "ok"
        except Conflict:
            result = "full"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(f"{nationality}:{result}")

    threads = [threading.Thread(target=hire, args=("MA" if i % 2 else "TN",)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    rows = {row.nationality: row for row in SchemeQuota.objects.filter(scheme=scheme)}
    assert rows[""].used == 5 and rows["MA"].used <= 3
    assert outcomes.count("MA:ok") + outcomes.count("TN:ok") == 5
    assert outcomes.count("MA:ok") == rows["MA"].used
