"""Writes of the matching app that other apps call (through `matching.hooks`) or that tasks and commands run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from matching.models import Embedding, Match

if TYPE_CHECKING:
    from matching.models import RankerModel


@transaction.atomic
def embedding_mark_stale_and_enqueue(*, kind: str, object_id: int, rematch: bool) -> None:
    """Mark the object's vector stale in the database and, after commit, enqueue embedding; with `rematch` record the
    matching work too (`matching.work`), so a lost message is sent again. A broker that is down never fails the
    caller: the stale flag and the work row carry the change until `reconcile_stale` / `requeue_work` pick it up."""
    if kind not in Embedding.Kind.values:
        raise ValueError(f"unknown embedding kind {kind!r}")
    updated = Embedding.objects.filter(kind=kind, object_id=object_id).update(stale=True)
    if not updated:
        Embedding.objects.get_or_create(kind=kind, object_id=object_id, defaults={"stale": True})
    from matching.work import send_embedding, work_request

    if rematch:
        trigger = "published" if kind == Embedding.Kind.VACANCY else "profile"
        work_request(kind=kind, object_id=object_id, trigger=trigger)
    else:
        transaction.on_commit(lambda: send_embedding(kind=kind, object_id=object_id), robust=True)


@transaction.atomic
def matches_withdraw_for_candidate(*, profile_id: int, with_employers: bool = False) -> int:
    """Every PROPOSED match of the candidate leaves the queue at once (consent withdrawn, dormant, erased).

    With `with_employers` (the candidate stopped sharing their profile, or withdrew keeping it at all) the matches an
    employer holds and has not decided for good (released, shortlisted, interview) are withdrawn too, each with a
    system decision on record, so the employer's list and API stop showing the candidate at once.
    """
    from matching.lifecycle import ACTIONS, Actor, transition
    from matching.models import MatchDecision

    sources = [str(s) for s in ACTIONS["withdraw"].sources] if with_employers else [Match.Status.PROPOSED]
    matches = list(Match.objects.select_for_update().filter(candidate_id=profile_id, status__in=sources))
    now = timezone.now()
    decisions = []
    for match in matches:
        target = transition("withdraw", match.status, Actor.SYSTEM)
        if match.status != Match.Status.PROPOSED:
            decisions.append(
                MatchDecision(
                    match=match,
                    actor=None,
                    actor_role="system",
                    action="withdraw",
                    from_status=match.status,
                    to_status=str(target),
                    reason_code="consent_withdrawn",
                )
            )
    Match.objects.filter(pk__in=[m.pk for m in matches]).update(status=Match.Status.WITHDRAWN, updated_at=now)
    MatchDecision.objects.bulk_create(decisions)
    return len(matches)


@transaction.atomic
def matches_withdraw_for_vacancy(*, vacancy_id: int) -> int:
    """The vacancy closed, filled or its organisation was suspended: its PROPOSED matches leave the queue."""
    return Match.objects.filter(vacancy_id=vacancy_id, status=Match.Status.PROPOSED).update(
        status=Match.Status.WITHDRAWN, updated_at=timezone.now()
    )


@transaction.atomic
def ranker_train(*, min_decisions: int | None = None) -> RankerModel:
    """Fit component weights on recorded decisions; store the model with its metrics. It becomes the active one
    only when something was learned; otherwise the defaults stay in force."""
    from matching import ranker
    from matching.models import MatchDecision, RankerModel

    labelled = []
    rows = MatchDecision.objects.values_list("action", "components", "match__explanation").order_by("id")
    for action, components, explanation in rows.iterator(chunk_size=2000):
        label = ranker.label_for(action)
        if label is None:
            continue
        # Component *values* are the features: taken from the decision when it recorded them, else from the match's
        # stored explanation (decisions that only copied the weighted contributions).
        vals = (components or {}).get("values") if isinstance(components, dict) else None
        if not isinstance(vals, dict):
            vals = (explanation or {}).get("values") if isinstance(explanation, dict) else None
        if not isinstance(vals, dict):
            continue
        labelled.append(
            ranker.LabelledDecision(
                values={k: float(vals.get(k, 0.0) or 0.0) for k in ranker.COMPONENTS}, positive=label
            )
        )
    kwargs = {"min_decisions": min_decisions} if min_decisions is not None else {}
    result = ranker.train(labelled, **kwargs)
    model = RankerModel.objects.create(
        weights=result.weights, metrics=result.metrics, n_decisions=len(labelled), is_active=result.learned
    )
    if result.learned:
        RankerModel.objects.exclude(pk=model.pk).filter(is_active=True).update(is_active=False)
    return model
