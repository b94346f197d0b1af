"""Celery tasks of the matching engine: ids in, one call into the pipeline or a service, safe to run twice.

Late acknowledgement and re-queue on a lost worker come from the settings (CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST, prefetch 1, time limits below the visibility timeout). Transient database and
broker errors are retried with exponential backoff.
"""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError, transaction
from django.db.models import Q

TRANSIENT = (OperationalError, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="matching.tasks.embed_and_match", acks_late=True, **RETRY)
def embed_and_match(kind: str, object_id: int, rematch: bool = False) -> None:
    from matching.store import embed_objects

    embed_objects(kind=kind, ids=[object_id])
    if not rematch:
        return
    if kind == "vacancy":
        run_vacancy.delay(object_id, "published")
    else:
        rematch_candidate.delay(object_id)


@shared_task(name="matching.tasks.run_vacancy", acks_late=True, **RETRY)
def run_vacancy(vacancy_id: int, trigger: str = "manual") -> int | None:
    from matching.pipeline import run_for_vacancy

    run, _ranked = run_for_vacancy(vacancy_id=vacancy_id, trigger=trigger)
    return run.pk if run else None


@shared_task(name="matching.tasks.rematch_candidate", acks_late=True, **RETRY)
def rematch_candidate(profile_id: int) -> list[int]:
    """A profile changed: re-run the open vacancies it could fit (their runs re-rank it among the others)."""
    from matching.pipeline import open_vacancy_ids_for_candidate, run_for_vacancy

    done = []
    for vacancy_id in open_vacancy_ids_for_candidate(profile_id):
        run, _ = run_for_vacancy(vacancy_id=vacancy_id, trigger="profile")
        if run:
            done.append(vacancy_id)
    return done


@shared_task(name="matching.tasks.reconcile_stale", acks_late=True, **RETRY)
def reconcile_stale(limit: int = 500) -> int:
    """Pick up stale vectors a lost message left behind: claim them with SKIP LOCKED and embed them."""
    from matching.models import Embedding
    from matching.store import embed_objects

    total = 0
    for kind in (Embedding.Kind.VACANCY, Embedding.Kind.CANDIDATE):
        with transaction.atomic():
            ids = list(
                Embedding.objects.select_for_update(skip_locked=True)
                .filter(kind=kind)
                .filter(Q(stale=True) | Q(vector=None))
                .values_list("object_id", flat=True)[:limit]
            )
            if ids:
                total += sum(embed_objects(kind=kind, ids=ids).values())
    return total


@shared_task(name="matching.tasks.nightly_sweep", acks_late=True, **RETRY)
def nightly_sweep() -> int:
    from employers.models import Vacancy

    ids = list(
        Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, organisation__status="vetted").values_list(
            "id", flat=True
        )
    )
    for vacancy_id in ids:
        run_vacancy.delay(vacancy_id, "nightly")
    return len(ids)


@shared_task(name="matching.tasks.train_ranker", acks_late=True, **RETRY)
def train_ranker() -> int:
    from matching.services import ranker_train

    return ranker_train().pk
