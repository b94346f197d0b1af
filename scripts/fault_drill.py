"""Fault drill (issue 16; not part of CI, about 12 minutes): real Celery worker and beat, real PostgreSQL behind a
proxy this script controls, a private Redis without persistence. Three faults, each with matching work in flight:

  A. Redis killed and restarted empty while runs are queued and no worker is up;
  B. PostgreSQL cut for OUTAGE seconds (default 150) while runs are sent;
  C. the whole worker killed (SIGKILL to its process group) in the middle of its runs.

For each: how many vacancy runs were owed, how many were done in the end (none lost, none twice), and how long
after the fault ended the last one finished. Figures go to BENCHMARKS.md by hand.

    .venv/bin/python scripts/fault_drill.py [--outage 150] [--vacancies 12]

Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and `redis-server` on the PATH; makes a scratch database
`talentpool_drill` and drops it at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG = "postgres://postgres@127.0.0.1:5432"
DB = "talentpool_drill"
QUEUE = "drill"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--outage", type=int, default=150)
    parser.add_argument("--vacancies", type=int, default=12)
    args = parser.parse_args()

    from tests.faults.servers import PrivateRedis, Proxy

    subprocess.run(["psql", PG + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=True)
    subprocess.run(["psql", PG + "/postgres", "-qc", f"CREATE DATABASE {DB}"], check=True)
    scratch = Path(tempfile.mkdtemp(prefix="drill-"))
    redis_server = PrivateRedis(scratch, aof=False)
    redis_server.start()
    proxy = Proxy(5432)
    common = {
        "DJANGO_SETTINGS_MODULE": "matching.realservice_settings",
        "CELERY_BROKER_URL": redis_server.url,
        "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
        "MATCHING_ENCODER": "hashing",
        "MATCHING_WORK_CLAIM_TIMEOUT_SECONDS": "210",  # production: MATCHING_TASK_TIME_LIMIT (180) + 30
        "MATCHING_WORK_RESEND_SECONDS": "180",
    }
    os.environ.update(common, DATABASE_URL=f"{PG}/{DB}")  # this script talks to PostgreSQL directly
    worker_env = {**os.environ, **common, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{proxy.port}/{DB}"}
    # realservice_settings derives the task limits from the visibility timeout: an hour, as in production.
    worker_env["CELERY_VISIBILITY_TIMEOUT"] = "3600"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from config.celery import app

    call_command("migrate", verbosity=0)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = redis_server.url
    app.conf.task_default_queue = QUEUE
    app.conf.task_routes = {}

    from employers.models import Vacancy
    from matching import hooks
    from matching.models import MatchingWork, MatchRun

    vacancy_ids = list(
        Vacancy.objects.filter(status="published", organisation__status="vetted").values_list("id", flat=True)
    )[: args.vacancies]
    print(f"{len(vacancy_ids)} published vacancies in the demo world", flush=True)

    procs: dict[str, subprocess.Popen[bytes]] = {}

    def start(name: str, *extra: str, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-m", "celery", "-A", "config", *extra]
        procs[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or worker_env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(scratch / f"{name}.log", "ab"),
        )

    def stop(name: str, sig: int = signal.SIGTERM) -> None:
        proc = procs.pop(name, None)
        if proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            proc.wait(timeout=60)

    def worker(delay: float = 0) -> None:
        env = {**worker_env, "MATCHING_RUN_WRITE_DELAY_SECONDS": str(delay)}
        start("worker", "worker", "-Q", QUEUE, "--concurrency", "2", "-l", "warning", "--without-gossip",
              "--without-mingle", env=env)  # fmt: skip

    def beat() -> None:
        start("beat", "beat", "-l", "warning", "--schedule", str(scratch / "beat-schedule"))

    def request_all() -> object:
        since = timezone.now()
        for vacancy_id in vacancy_ids:
            hooks.vacancy_changed(vacancy_id=vacancy_id)
        return since

    def wait_done(since: object, timeout: float) -> tuple[int, int, float]:
        """(vacancies with a run done since `since`, runs done since then, seconds waited)."""
        started = time.monotonic()
        while True:
            done = set(
                MatchRun.objects.filter(vacancy_id__in=vacancy_ids, status="done", finished_at__gte=since).values_list(
                    "vacancy_id", flat=True
                )
            )
            if (len(done) == len(vacancy_ids) and not MatchingWork.objects.exists()) or (
                time.monotonic() - started > timeout
            ):
                runs = MatchRun.objects.filter(vacancy_id__in=vacancy_ids, status="done", finished_at__gte=since)
                return len(done), runs.count(), time.monotonic() - started
            time.sleep(2)
            connection.close()

    results = []
    try:
        # A. Redis restarted empty while the runs wait in it.
        since = request_all()
        redis_server.kill()
        redis_server.start()
        worker()
        beat()
        done, runs, took = wait_done(since, timeout=600)
        results.append(("Redis killed and restarted without persistence, runs queued", done, runs, took))
        print(results[-1], flush=True)

        # B. PostgreSQL cut for the outage while runs are sent.
        proxy.set_mode("down")
        since = request_all()
        time.sleep(args.outage)
        proxy.set_mode("pass")
        done, runs, took = wait_done(since, timeout=900)
        results.append((f"PostgreSQL cut for {args.outage} s while runs were sent", done, runs, took))
        print(results[-1], flush=True)

        # C. The whole worker killed in the middle of its runs (each run holds its write step 20 s).
        stop("worker")
        worker(delay=20)
        since = request_all()
        deadline = time.monotonic() + 120
        while not MatchingWork.objects.filter(claimed_at__isnull=False).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(2)
        stop("worker", signal.SIGKILL)
        worker()
        done, runs, took = wait_done(since, timeout=900)
        results.append(("whole worker killed mid-run (visibility timeout 1 h)", done, runs, took))
        print(results[-1], flush=True)
    finally:
        for name in list(procs):
            stop(name, signal.SIGKILL)
        redis_server.kill()
        proxy.close()
        connection.close()
        subprocess.run(["psql", PG + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)"], check=False)

    print("\n| fault | vacancy runs owed | done in the end | runs written | recovered after the fault |")
    print("|---|---|---|---|---|")
    for what, done, runs, took in results:
        print(f"| {what} | {len(vacancy_ids)} | {done} | {runs} | {took:.0f} s |")
    return 0 if all(done == len(vacancy_ids) for _, done, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
