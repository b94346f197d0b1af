"""Faults on the real deployment path (issue 16): Redis restarted with and without its append-only file, PostgreSQL
cut and stalled through a proxy the test controls, a whole worker killed. Matching work lives in the database
(`matching.MatchingWork`), so none of these loses a run: the reconciler (`matching.tasks.requeue_work`, every minute
from beat) sends again what the broker lost or a dead worker left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import redis
from django.db import connection

from candidates.models import CandidateProfile
from matching import hooks
from matching.models import Embedding, MatchingWork, MatchRun
from tests.factories.core import UserFactory
from tests.faults.servers import PrivateRedis, Proxy, free_port
from tests.matching.test_realservice_worker import (
    QUEUE,
    ROOT,
    _db_url,
    _kill,
    _start_worker,
    _wait_for,
    sending_to,
)

pytestmark = [pytest.mark.realservice]


def _start_from_scratch() -> None:
    MatchingWork.objects.all().delete()
    MatchRun.objects.all().delete()


def _run_done(vacancy) -> bool:  # type: ignore[no-untyped-def]
    return MatchRun.objects.filter(vacancy=vacancy, status="done").exists()


def _proxied_db_url(proxy: Proxy) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@127.0.0.1:{proxy.port}/{s['NAME']}"


@pytest.fixture
def private_redis(tmp_path, request):  # type: ignore[no-untyped-def]
    server = PrivateRedis(tmp_path, aof=getattr(request, "param", False))
    server.start()
    yield server
    server.kill()


@pytest.fixture
def pg_proxy():  # type: ignore[no-untyped-def]
    proxy = Proxy(int(connection.settings_dict["PORT"] or 5432))
    yield proxy
    proxy.close()


@pytest.mark.parametrize("private_redis", [True, False], ids=["aof", "no-persistence"], indirect=True)
def test_a_redis_restart_loses_no_matching(pool, private_redis, settings) -> None:  # type: ignore[no-untyped-def]
    _start_from_scratch()
    queue = redis.Redis.from_url(private_redis.url)
    with sending_to(private_redis.url):
        hooks.vacancy_changed(vacancy_id=pool.id)  # committed at once, message sent after commit
        assert queue.llen(QUEUE) == 1
        private_redis.restart()
        queue = redis.Redis.from_url(private_redis.url)
        assert queue.llen(QUEUE) == (1 if private_redis.aof else 0)  # without persistence the message is gone
        worker = _start_worker(broker=private_redis.url)
        try:
            if not private_redis.aof:
                assert not _wait_for(lambda: _run_done(pool), timeout=8)  # nothing will come by itself
                settings.MATCHING_WORK_RESEND_SECONDS = 0
                from matching.tasks import requeue_work

                assert requeue_work() == 1
            assert _wait_for(lambda: _run_done(pool), timeout=90)
            assert _wait_for(lambda: not MatchingWork.objects.exists(), timeout=10)
        finally:
            _kill(worker)
    assert MatchRun.objects.filter(vacancy=pool).count() == 1


def test_a_run_given_up_during_a_database_outage_runs_once_the_database_is_back(pool, pg_proxy, settings) -> None:  # type: ignore[no-untyped-def]
    _start_from_scratch()
    server = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    server.flushdb()
    with sending_to("redis://127.0.0.1:6379/13"):
        pg_proxy.set_mode("down")
        worker = _start_worker(db_url=_proxied_db_url(pg_proxy), extra_env={"MATCHING_TASK_MAX_RETRIES": "1"})
        try:
            hooks.vacancy_changed(vacancy_id=pool.id)
            # The worker takes the message, fails to reach the database, retries once and gives up.
            assert _wait_for(lambda: server.llen(QUEUE) == 0 and server.hlen("unacked") == 0, timeout=60)
            time.sleep(5)
            assert server.llen(QUEUE) == 0 and server.hlen("unacked") == 0
            assert not _run_done(pool)
            assert MatchingWork.objects.filter(kind="vacancy", object_id=pool.id).exists()  # the work is still owed
            pg_proxy.set_mode("pass")
            settings.MATCHING_WORK_RESEND_SECONDS = 0
            from matching.tasks import requeue_work

            assert requeue_work() == 1
            assert _wait_for(lambda: _run_done(pool), timeout=90)
            assert _wait_for(lambda: not MatchingWork.objects.exists(), timeout=10)
        finally:
            _kill(worker)
            server.flushdb()


def test_a_run_killed_with_its_whole_worker_is_sent_again_within_minutes(pool, settings) -> None:  # type: ignore[no-untyped-def]
    _start_from_scratch()
    server = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    server.flushdb()
    with sending_to("redis://127.0.0.1:6379/13"):
        slow = _start_worker(delay=60)  # the visibility timeout stays at an hour
        try:
            hooks.vacancy_changed(vacancy_id=pool.id)
            assert _wait_for(
                lambda: MatchingWork.objects.filter(object_id=pool.id, claimed_at__isnull=False).exists(), timeout=60
            )
        finally:
            _kill(slow)
        assert not _run_done(pool)
        fresh = _start_worker()
        try:
            assert not _wait_for(lambda: _run_done(pool), timeout=5)  # the broker keeps it unacked for an hour
            settings.MATCHING_WORK_CLAIM_TIMEOUT_SECONDS = 1  # in production: the task hard limit + 30 s
            time.sleep(1.5)
            from matching.tasks import requeue_work

            assert requeue_work() == 1
            assert _wait_for(lambda: _run_done(pool), timeout=90)
            assert _wait_for(lambda: not MatchingWork.objects.exists(), timeout=10)
        finally:
            _kill(fresh)
            server.flushdb()
    assert MatchRun.objects.filter(vacancy=pool, status="done").count() == 1


def test_only_one_reconciler_runs_at_a_time(pool) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    from core.locks import _key
    from matching.tasks import reconcile_stale

    Embedding.objects.update(stale=True)
    stale = Embedding.objects.filter(stale=True).count()
    assert stale
    with psycopg.connect(_db_url(), autocommit=True) as other:  # another worker's reconciler holds the lock
        other.execute("SELECT pg_try_advisory_lock(%s)", [_key("matching.reconcile_stale")])
        assert reconcile_stale() == 0
        assert Embedding.objects.filter(stale=True).count() == stale
        other.execute("SELECT pg_advisory_unlock(%s)", [_key("matching.reconcile_stale")])  # the other one finished
    assert reconcile_stale() == stale
    assert not Embedding.objects.filter(stale=True).exists()


def test_a_saved_profile_change_is_kept_and_matched_although_the_broker_is_down(
    pool, private_redis, client_for
) -> None:  # type: ignore[no-untyped-def]
    _start_from_scratch()
    nurse = CandidateProfile.objects.get(external_id="c-nurse")
    nurse.user = UserFactory(email="nurse@example.org")
    nurse.status = CandidateProfile.Status.SUBMITTED
    nurse.save(update_fields=["user", "status"])
    client = client_for(nurse.user)
    with sending_to(private_redis.url):
        private_redis.kill()
        started = time.monotonic()
        response = client.patch(
            "/api/v1/me/profile/",
            {"current_title": "Pflegefachfrau auf der Intensivstation"},
            content_type="application/json",
        )
        elapsed = time.monotonic() - started
        assert response.status_code == 200, response.content
        assert elapsed < 10, f"the request waited {elapsed:.1f} s for the broker"  # it waited 20.7 s before
        nurse.refresh_from_db()
        assert nurse.current_title == "Pflegefachfrau auf der Intensivstation"
        assert MatchingWork.objects.filter(kind="candidate", object_id=nurse.pk).exists()
        private_redis.start()
        worker = _start_worker(broker=private_redis.url)
        try:
            from django.test import override_settings

            from matching.tasks import requeue_work

            assert MatchingWork.objects.get().enqueued_at is None  # recorded as not sent
            with override_settings(MATCHING_WORK_RESEND_SECONDS=0):
                assert requeue_work() == 1
            assert _wait_for(lambda: _run_done(pool), timeout=90)  # the candidate's vacancy ran again
            assert _wait_for(lambda: not MatchingWork.objects.exists(), timeout=30)
        finally:
            _kill(worker)


def _get_json(url: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read()), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read()), time.monotonic() - started


def test_healthz_answers_503_in_seconds_when_the_database_stalls(pg_proxy, transactional_db) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "matching.realservice_settings",
        "DATABASE_URL": _proxied_db_url(pg_proxy),
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
    }
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/healthz"
    try:

        def answers() -> bool:
            try:
                return _get_json(url)[0] == 200
            except OSError:
                return False

        assert _wait_for(answers, timeout=60)
        pg_proxy.set_mode("stall")
        for _ in range(3):  # a stuck probe does not make the next call wait longer
            status, body, elapsed = _get_json(url)
            assert status == 503 and body["database"] == "error: not answering"
            assert elapsed < 5, f"/healthz took {elapsed:.1f} s"
        pg_proxy.set_mode("down")  # the stuck connection is dropped; a new one is refused
        assert _wait_for(lambda: _get_json(url)[0] == 503 and _get_json(url)[1]["database"].startswith("error"), 20)
        pg_proxy.set_mode("pass")
        assert _wait_for(answers, timeout=30)
    finally:
        _kill(web)
