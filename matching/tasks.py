"""Celery tasks of the matching engine: ids in, one call into the pipeline or a service, safe to run twice.

Late acknowledgement and re-queue on a lost worker come from the settings (CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST, prefetch 1, time limits below the visibility timeout). Transient database and
broker errors are retried with a capped exponential backoff (about 20 minutes in all); what is still undone after
that stays in `MatchingWork`, and `requeue_work` sends it again once the database is back (see matching/work.py).
"""

from __future__ import annotations

import contextlib
import time

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Q

TRANSIENT = (OperationalError, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    # Read when the tasks are registered (Django is set up first); the real-service tests give up sooner.
    "max_retries": getattr(settings, "MATCHING_TASK_MAX_RETRIES", 12),
}
RECONCILE_BATCH = 32
RECONCILE_BUDGET_SECONDS = 240.0  # well inside the 600 s soft limit: a backlog is cleared over several runs


def _released_on_failure(kind: str, object_id: int) -> None:
    from matching.work import work_release

    with contextlib.suppress(Exception):  # the database is down: the stale claim is re-sent after the claim timeout
        work_release(kind=kind, object_id=object_id)


@shared_task(name="matching.tasks.embed_and_match", bind=True, acks_late=True, **RETRY)
def embed_and_match(self, kind: str, object_id: int, rematch: bool = False, token: str | None = None) -> None:
    """Embed one object; with `rematch`, consume its matching work: a vacancy runs, a candidate's open vacancies
    are requested (one coalesced run each, however many profiles changed)."""
    from matching.pipeline import run_for_vacancy
    from matching.store import embed_objects
    from matching.work import work_claim, work_done

    if not rematch:
        embed_objects(kind=kind, ids=[object_id])
        return
    started = work_claim(kind=kind, object_id=object_id, token=token, retry=bool(self.request.retries))
    if started is None:
        return
    try:
        embed_objects(kind=kind, ids=[object_id])
        if kind == "vacancy":
            run_for_vacancy(vacancy_id=object_id, trigger="published")
        else:
            _request_runs_of_open_vacancies(object_id)
        work_done(kind=kind, object_id=object_id, started=started)
    except Exception:
        _released_on_failure(kind, object_id)
        raise


@shared_task(name="matching.tasks.run_vacancy", bind=True, acks_late=True, **RETRY)
def run_vacancy(self, vacancy_id: int, trigger: str = "manual", token: str | None = None) -> int | None:
    from matching.pipeline import run_for_vacancy
    from matching.work import work_claim, work_done

    started = work_claim(kind="vacancy", object_id=vacancy_id, token=token, retry=bool(self.request.retries))
    if started is None:
        return None
    try:
        run, _ranked = run_for_vacancy(vacancy_id=vacancy_id, trigger=trigger)
        work_done(kind="vacancy", object_id=vacancy_id, started=started)
    except Exception:
        _released_on_failure("vacancy", vacancy_id)
        raise
    return run.pk if run else None


@shared_task(name="matching.tasks.rematch_candidate", acks_late=True, **RETRY)
def rematch_candidate(profile_id: int) -> list[int]:
    """A profile changed: request a run of each open vacancy it could fit (their runs re-rank it among the others)."""
    return _request_runs_of_open_vacancies(profile_id)


def _request_runs_of_open_vacancies(profile_id: int) -> list[int]:
    """One coalesced run request for each open vacancy the profile could fit, sent after commit."""
    from matching.pipeline import open_vacancy_ids_for_candidate
    from matching.work import work_request

    with transaction.atomic():
        vacancy_ids = open_vacancy_ids_for_candidate(profile_id)
        for vacancy_id in vacancy_ids:
            work_request(kind="vacancy", object_id=vacancy_id, trigger="profile")
    return vacancy_ids


@shared_task(name="matching.tasks.requeue_work", acks_late=True, **RETRY)
def requeue_work() -> int:
    """Send again the matching work a lost message, a killed worker or a task given up left behind."""
    from core.locks import held_alone
    from matching.work import work_requeue_due

    with held_alone("matching.requeue_work") as alone:
        return work_requeue_due() if alone else 0


@shared_task(name="matching.tasks.reconcile_stale", acks_late=True, **RETRY)
def reconcile_stale(
    limit: int = 2000, batch: int = RECONCILE_BATCH, budget_seconds: float = RECONCILE_BUDGET_SECONDS
) -> int:
    """Embed stale vectors a lost message left behind, in small batches each committed on its own, one reconciler
    at a time, until `limit` rows or the time budget is spent (the next run goes on). Holds no row lock while the
    encoder works, so imports and profile edits are never blocked by it."""
    from core.locks import held_alone
    from matching.models import Embedding
    from matching.store import embed_objects

    deadline = time.monotonic() + budget_seconds
    total = 0
    with held_alone("matching.reconcile_stale") as alone:
        if not alone:
            return 0
        for kind in (Embedding.Kind.VACANCY, Embedding.Kind.CANDIDATE):
            done: set[int] = set()
            while total < limit:
                ids = list(
                    Embedding.objects.filter(kind=kind)
                    .filter(Q(stale=True) | Q(vector=None))
                    .exclude(object_id__in=done)
                    .order_by("object_id")
                    .values_list("object_id", flat=True)[: min(batch, limit - total)]
                )
                if not ids:
                    break
                done.update(ids)
                total += sum(embed_objects(kind=kind, ids=ids).values())
                if time.monotonic() >= deadline:
                    return total
    return total


@shared_task(name="matching.tasks.nightly_sweep", acks_late=True, **RETRY)
def nightly_sweep() -> int:
    from employers.models import Vacancy
    from matching.work import work_request

    with transaction.atomic():
        ids = list(
            Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, organisation__status="vetted").values_list(
                "id", flat=True
            )
        )
        for vacancy_id in ids:
            work_request(kind="vacancy", object_id=vacancy_id, trigger="nightly")
    return len(ids)


@shared_task(name="matching.tasks.train_ranker", acks_late=True, **RETRY)
def train_ranker() -> int:
    from matching.services import ranker_train

    return ranker_train().pk
