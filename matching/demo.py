"""Demo data for matching: embed every demo profile and vacancy, then rank each published vacancy once, so the
caseworker queue has proposed matches with explanations. Idempotent: a vacancy already ranked since its last change
is not ranked again, and unchanged texts are not embedded again."""

from __future__ import annotations

from typing import Any

from django.db.models import Max


def load(*, stdout: Any) -> None:
    from candidates.models import CandidateProfile
    from employers.models import Vacancy
    from matching.models import MatchRun
    from matching.pipeline import run_for_vacancy
    from matching.store import embed_objects

    embedded = embed_objects(kind="candidate", ids=list(CandidateProfile.objects.values_list("id", flat=True)))
    embed_objects(kind="vacancy", ids=list(Vacancy.objects.values_list("id", flat=True)))
    last_runs = dict(
        MatchRun.objects.filter(status=MatchRun.Status.DONE)
        .values("vacancy_id")
        .annotate(at=Max("created_at"))
        .values_list("vacancy_id", "at")
    )
    ranked = 0
    for vacancy in Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED).order_by("id"):
        last = last_runs.get(vacancy.id)
        if last is not None and last >= vacancy.updated_at:
            continue
        run, _pairs = run_for_vacancy(vacancy_id=vacancy.id, trigger=MatchRun.Trigger.MANUAL)
        ranked += run is not None
    stdout.write(f"matching: {embedded['embedded']} profiles embedded, {ranked} vacancies ranked\n")
