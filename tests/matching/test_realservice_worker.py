"""A real `celery -A config worker` against real Redis and PostgreSQL (runs in the PostgreSQL pass)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, transaction

from matching.models import Match, MatchRun

pytestmark = [pytest.mark.realservice]

ROOT = Path(__file__).resolve().parents[2]
BROKER = "redis://127.0.0.1:6379/13"
QUEUE = "matching-realservice"


def _db_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _start_worker(
    *,
    delay: float = 0.0,
    visibility: int = 3600,
    broker: str = BROKER,
    db_url: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "matching.realservice_settings",
        "DATABASE_URL": db_url or _db_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
        "CELERY_VISIBILITY_TIMEOUT": str(visibility),
        "MATCHING_ENCODER": "hashing",
        "MATCHING_RUN_WRITE_DELAY_SECONDS": str(delay),
        **(extra_env or {}),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            QUEUE,
            "--concurrency",
            "1",
            "--pool",
            "prefork",
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill(worker: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def _wait_for(predicate, timeout: float = 90.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@contextlib.contextmanager
def sending_to(url: str) -> Iterator[None]:
    """This process sends its tasks to `url`, on the test queue, instead of running them in-process."""
    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue, app.conf.task_routes)
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.task_default_queue = QUEUE
    app.conf.task_routes = {}
    _forget_connections(app)
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue, app.conf.task_routes = saved
        _forget_connections(app)


def _forget_connections(app) -> None:  # type: ignore[no-untyped-def]
    """Drop the cached broker connections and producers, as Celery does after a fork."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(settings):  # type: ignore[no-untyped-def]
    """Send this process's tasks to the test broker and queue (not eagerly), restore afterwards."""
    import redis

    from config.celery import app

    redis.Redis.from_url(BROKER).flushdb()
    with sending_to(BROKER):
        yield app
    redis.Redis.from_url(BROKER).flushdb()


def _state(vacancy) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(
        Match.objects.filter(vacancy=vacancy)
        .order_by("candidate_id")
        .values_list("candidate__external_id", "status", "score", "rank", "eligible", "failed_rules")
    )


def test_task_enqueued_after_commit_is_run_by_a_real_worker(pool, broker) -> None:  # type: ignore[no-untyped-def]
    from matching import hooks

    worker = _start_worker()
    try:
        with transaction.atomic():
            hooks.vacancy_changed(vacancy_id=pool.id)
        assert _wait_for(lambda: MatchRun.objects.filter(vacancy=pool, status="done").exists())
        top = Match.objects.filter(vacancy=pool, eligible=True).order_by("rank").first()
        assert top.candidate.external_id == "c-nurse"
    finally:
        _kill(worker)


def test_worker_killed_mid_run_still_gives_exactly_one_complete_set(pool, broker) -> None:  # type: ignore[no-untyped-def]
    from matching.pipeline import run_for_vacancy

    # The expected result, computed in-process and then removed again.
    _run, _ranked = run_for_vacancy(vacancy_id=pool.id)
    expected = _state(pool)
    Match.objects.all().delete()
    MatchRun.objects.all().delete()

    slow = _start_worker(delay=30, visibility=20)
    try:
        broker.send_task("matching.tasks.run_vacancy", args=[pool.id, "manual"], queue=QUEUE)

        def in_transaction() -> bool:
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND state = 'idle in transaction' AND pid <> pg_backend_pid()",
                    [connection.settings_dict["NAME"]],
                )
                return cur.fetchone()[0] > 0

        assert _wait_for(in_transaction, timeout=60), "the worker never reached the write step"
    finally:
        _kill(slow)
    assert not Match.objects.filter(vacancy=pool).exists()  # nothing half-written
    fresh = _start_worker(visibility=20)
    try:
        assert _wait_for(lambda: MatchRun.objects.filter(vacancy=pool).exists(), timeout=120)
        time.sleep(2)
    finally:
        _kill(fresh)
    assert MatchRun.objects.filter(vacancy=pool).count() == 1
    assert _state(pool) == expected


def test_running_the_same_task_twice_leaves_the_same_state(pool, broker) -> None:  # type: ignore[no-untyped-def]
    worker = _start_worker()
    try:
        broker.send_task("matching.tasks.run_vacancy", args=[pool.id, "manual"], queue=QUEUE)
        assert _wait_for(lambda: MatchRun.objects.filter(vacancy=pool).count() == 1)
        first = _state(pool)
        broker.send_task("matching.tasks.run_vacancy", args=[pool.id, "manual"], queue=QUEUE)
        assert _wait_for(lambda: MatchRun.objects.filter(vacancy=pool).count() == 2)
        assert _state(pool) == first
        assert len(first) == Match.objects.filter(vacancy=pool).values("candidate").distinct().count()
    finally:
        _kill(worker)
