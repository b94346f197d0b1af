"""The match lifecycle table: pure, so tested without Django, by example and by property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.lifecycle import (
    ACTIONS,
    ENGINE_OWNED,
    Actor,
    Status,
    TransitionRefused,
    allowed_actions,
    transition,
)

sources = st.sampled_from([None, *Status])
actors = st.sampled_from(list(Actor))
actions = st.sampled_from(list(ACTIONS))


def test_a_caseworker_releases_a_proposed_match():
    assert transition("release", "proposed", Actor.CASEWORKER) == Status.RELEASED


def test_an_employer_cannot_release_and_a_caseworker_cannot_hire():
    with pytest.raises(TransitionRefused) as refused:
        transition("release", "proposed", Actor.EMPLOYER)
    assert refused.value.reason == "not_allowed_for_actor"
    with pytest.raises(TransitionRefused):
        transition("hire", "released", Actor.CASEWORKER)


def test_an_employer_never_acts_on_a_match_no_caseworker_released():
    for action in ("shortlist", "interview", "hire", "decline"):
        with pytest.raises(TransitionRefused) as refused:
            transition(action, "proposed", Actor.EMPLOYER)
        assert refused.value.reason == "wrong_status"


def test_the_engine_never_overwrites_a_persons_decision():
    for source in set(Status) - ENGINE_OWNED:
        assert allowed_actions(source, Actor.ENGINE) == ()


def test_a_candidate_who_said_no_is_never_proposed_again():
    assert transition("not_interested", "released", Actor.CANDIDATE) == Status.NOT_INTERESTED
    assert Status.NOT_INTERESTED not in ENGINE_OWNED
    with pytest.raises(TransitionRefused):
        transition("propose", "not_interested", Actor.ENGINE)


@given(action=actions, source=sources, actor=actors)
def test_transition_and_allowed_actions_agree(action, source, actor):
    allowed = action in allowed_actions(source, actor)
    try:
        target = transition(action, source, actor)
    except TransitionRefused:
        assert not allowed
    else:
        assert allowed
        assert target in Status


@given(source=sources, actor=actors)
def test_only_the_engine_and_caseworkers_create_matches(source, actor):
    if source is None and allowed_actions(None, actor):
        assert actor in (Actor.ENGINE, Actor.CASEWORKER)


def test_unknown_actions_are_refused():
    with pytest.raises(TransitionRefused) as refused:
        transition("promote", "proposed", Actor.CASEWORKER)
    assert refused.value.reason == "unknown_action"
