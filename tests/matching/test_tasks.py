from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from matching.models import Embedding, Match, MatchDecision, RankerModel

pytestmark = pytest.mark.django_db


def test_reconciler_embeds_what_a_lost_message_left_stale(imported) -> None:  # type: ignore[no-untyped-def]
    from matching.tasks import reconcile_stale

    assert Embedding.objects.filter(stale=True).count() == 6
    reconcile_stale()
    assert not Embedding.objects.filter(stale=True).exists()
    assert not Embedding.objects.filter(vector=None).exists()
    assert set(Embedding.objects.values_list("model_name", flat=True)) == {"hashing-test-encoder"}


def test_nightly_sweep_ranks_every_published_vacancy(imported, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from matching.tasks import nightly_sweep

    with django_capture_on_commit_callbacks(execute=True):
        assert nightly_sweep() == 1
    assert Match.objects.filter(status=Match.Status.PROPOSED).exists()


def test_profile_change_re_evaluates_the_candidate_against_open_vacancies(
    imported, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from candidates.models import CandidateProfile
    from matching import hooks

    nurse = CandidateProfile.objects.get(external_id="c-nurse")
    with django_capture_on_commit_callbacks(execute=True):
        hooks.profile_changed(profile_id=nurse.id)
    assert Match.objects.filter(candidate=nurse, status=Match.Status.PROPOSED).exists()


def test_train_ranker_keeps_defaults_until_enough_decisions_then_learns(
    imported, caseworker, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from matching.tasks import nightly_sweep

    with django_capture_on_commit_callbacks(execute=True):
        nightly_sweep()
    out = io.StringIO()
    call_command("train_ranker", stdout=out)
    assert "not adopted" in out.getvalue()
    assert not RankerModel.objects.filter(is_active=True).exists()
    match = Match.objects.filter(eligible=True).first()
    for i in range(30):
        for action, skills in (("release", 0.9), ("reject", 0.1)):
            MatchDecision.objects.create(
                match=match,
                actor=caseworker,
                actor_role="caseworker",
                action=action,
                from_status="proposed",
                to_status="released",
                components={"values": {"skills": skills, "semantic": (i % 5) / 5}},
            )
    call_command("train_ranker", "--min-decisions", "50", stdout=io.StringIO())
    model = RankerModel.objects.get(is_active=True)
    assert model.n_decisions == 60 and model.weights["skills"] == max(model.weights.values())
    assert "cv_auc" in model.metrics
