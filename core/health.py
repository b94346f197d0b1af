"""Health probes that answer within a bound even when a dependency hangs.

A stalled database (connections open, nothing answered) blocks a query forever: no client-side timeout covers a
server that accepts and never replies. The probe therefore runs in one background thread and the caller waits at
most `HEALTH_TIMEOUT_SECONDS`; while a probe is still stuck, later calls report "not answering" at once instead of
starting another thread each.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.db import connections

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="healthz")
_lock = threading.Lock()
_probe: Future[str] | None = None


def _check_database() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # report, never crash
        return f"error: {type(exc).__name__}"
    finally:
        connections.close_all()  # this thread's own connections


def database_status() -> str:
    global _probe  # noqa: PLW0603 (one probe per process, by design)
    with _lock:
        if _probe is None or _probe.done():
            _probe = _executor.submit(_check_database)
        probe = _probe
    try:
        return probe.result(timeout=getattr(settings, "HEALTH_TIMEOUT_SECONDS", 2.0))
    except FutureTimeout:
        return "error: not answering"


def broker_status() -> str:
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"
