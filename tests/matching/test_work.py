"""The matching outbox on the embedded default: requests coalesce, a duplicate message does nothing, the reconciler
sends what was never sent, and stale vectors are embedded in small batches committed one by one."""

from __future__ import annotations

import pytest

from matching.models import Embedding, MatchingWork, MatchRun

pytestmark = pytest.mark.django_db


def test_repeated_changes_of_a_vacancy_leave_one_row_and_one_run(imported, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from matching import hooks

    MatchRun.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as sends, transaction.atomic():
        for _ in range(3):
            hooks.vacancy_changed(vacancy_id=imported.id)
    assert MatchingWork.objects.filter(kind="vacancy", object_id=imported.id).count() == 1
    for send in sends:  # three wake-up calls arrive; the first does the work, the others find nothing left
        send()
    assert MatchRun.objects.filter(vacancy=imported).count() == 1
    assert not MatchingWork.objects.exists()


def test_a_message_that_arrives_after_its_work_was_done_does_nothing(
    imported, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from matching import hooks
    from matching.tasks import run_vacancy

    with django_capture_on_commit_callbacks(execute=False):
        hooks.vacancy_changed(vacancy_id=imported.id)
    token = MatchingWork.objects.get().requested_at.isoformat()
    MatchRun.objects.all().delete()
    assert run_vacancy.apply(args=[imported.id, "published"], kwargs={"token": token}).get() is not None
    assert run_vacancy.apply(args=[imported.id, "published"], kwargs={"token": token}).get() is None  # duplicate
    assert MatchRun.objects.filter(vacancy=imported).count() == 1
    assert run_vacancy.apply(args=[imported.id, "manual"]).get() is not None  # a manual run always runs


def test_work_never_sent_is_sent_by_the_reconciler(imported, django_capture_on_commit_callbacks, settings) -> None:  # type: ignore[no-untyped-def]
    from matching import hooks
    from matching.tasks import requeue_work

    with django_capture_on_commit_callbacks(execute=False):  # the process died before its after-commit send
        hooks.vacancy_changed(vacancy_id=imported.id)
    MatchRun.objects.all().delete()
    assert requeue_work() == 0  # within the grace, the send after commit may still come
    settings.MATCHING_WORK_RESEND_SECONDS = 0
    assert requeue_work() == 1
    assert MatchRun.objects.filter(vacancy=imported, status="done").count() == 1
    assert not MatchingWork.objects.exists()


def test_a_profile_change_requests_one_run_per_open_vacancy_it_could_fit(
    imported, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from candidates.models import CandidateProfile
    from matching import hooks

    nurse = CandidateProfile.objects.get(external_id="c-nurse")
    MatchRun.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        hooks.profile_changed(profile_id=nurse.id)
    assert MatchRun.objects.filter(vacancy=imported, trigger="profile", status="done").count() == 1
    assert not MatchingWork.objects.exists()


def test_the_reconciler_commits_each_small_batch_and_stops_at_its_budget(imported) -> None:  # type: ignore[no-untyped-def]
    from matching.tasks import reconcile_stale

    stale = Embedding.objects.filter(stale=True).count()
    assert stale > 2
    vacancies = Embedding.objects.filter(stale=True, kind="vacancy").count()
    first = reconcile_stale(batch=2, budget_seconds=0)  # one batch, committed; the rest waits for the next run
    assert first == min(2, vacancies)
    assert Embedding.objects.filter(stale=True).count() == stale - first
    assert reconcile_stale(batch=2) == stale - first
    assert not Embedding.objects.filter(stale=True).exists()
