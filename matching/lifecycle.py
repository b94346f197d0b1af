"""A match's life as one table: which actor may take which action from which status, and where it leads.

Pure module: no Django. `matching.transitions` is the one service that applies these to rows (it locks the match,
asks `transition()`, writes the status and records the decision once); every caller — engine, caseworker,
employer, candidate, system — goes through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    PROPOSED = "proposed"
    RELEASED = "released"
    REJECTED = "rejected"
    SHORTLISTED = "shortlisted"
    INTERVIEW = "interview"
    HIRED = "hired"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # left the queue or the employer's list for a reason that may pass (engine-owned)
    NOT_INTERESTED = "not_interested"  # the candidate said no: the engine never proposes the pair again
    INELIGIBLE = "ineligible"


class Actor(StrEnum):
    ENGINE = "engine"  # a match run
    SYSTEM = "system"  # consequences of other changes: consent withdrawn, vacancy closed, organisation suspended
    CASEWORKER = "caseworker"  # caseworkers and staff
    EMPLOYER = "employer"
    CANDIDATE = "candidate"


# Statuses the engine may overwrite on its next run; any other status means a person has decided.
ENGINE_OWNED = frozenset({Status.PROPOSED, Status.INELIGIBLE, Status.WITHDRAWN})
# Statuses in which the employer sees the candidate.
VISIBLE_TO_EMPLOYER = frozenset({Status.RELEASED, Status.SHORTLISTED, Status.INTERVIEW, Status.HIRED})
_WITH_EMPLOYER = frozenset({Status.RELEASED, Status.SHORTLISTED, Status.INTERVIEW})


@dataclass(frozen=True)
class Rule:
    action: str
    actors: frozenset[Actor]
    sources: frozenset[Status | None]  # None: the pair has no match row yet
    target: Status


RULES: tuple[Rule, ...] = (
    Rule("propose", frozenset({Actor.ENGINE}), frozenset({None, *ENGINE_OWNED}), Status.PROPOSED),
    Rule("mark_ineligible", frozenset({Actor.ENGINE}), frozenset({None, *ENGINE_OWNED}), Status.INELIGIBLE),
    Rule("drop", frozenset({Actor.ENGINE}), frozenset({Status.PROPOSED}), Status.WITHDRAWN),
    Rule("add_manually", frozenset({Actor.CASEWORKER}), frozenset({None, *ENGINE_OWNED}), Status.PROPOSED),
    Rule("release", frozenset({Actor.CASEWORKER}), frozenset({Status.PROPOSED}), Status.RELEASED),
    Rule("reject", frozenset({Actor.CASEWORKER}), frozenset({Status.PROPOSED}), Status.REJECTED),
    Rule("shortlist", frozenset({Actor.EMPLOYER}), frozenset({Status.RELEASED}), Status.SHORTLISTED),
    Rule("interview", frozenset({Actor.EMPLOYER}), frozenset({Status.RELEASED, Status.SHORTLISTED}), Status.INTERVIEW),
    Rule("hire", frozenset({Actor.EMPLOYER}), _WITH_EMPLOYER, Status.HIRED),
    Rule("decline", frozenset({Actor.EMPLOYER}), _WITH_EMPLOYER, Status.DECLINED),
    Rule("not_interested", frozenset({Actor.CANDIDATE}), _WITH_EMPLOYER, Status.NOT_INTERESTED),
    # The candidate left matching or stopped sharing, the vacancy closed, the organisation was suspended: nothing
    # not yet decided for good stays in front of a caseworker or an employer.
    Rule("withdraw", frozenset({Actor.SYSTEM}), frozenset({Status.PROPOSED, *_WITH_EMPLOYER}), Status.WITHDRAWN),
)
ACTIONS: dict[str, Rule] = {rule.action: rule for rule in RULES}
# What a person's decision means for the ranker: 1 a good match, 0 a poor one; absent: no signal.
LABELS: dict[str, int] = {"release": 1, "shortlist": 1, "interview": 1, "hire": 1, "reject": 0, "decline": 0}


class TransitionRefused(Exception):
    """The action is not allowed: `reason` is "unknown_action", "not_allowed_for_actor" or "wrong_status"."""

    def __init__(self, action: str, source: str | None, actor: str, reason: str) -> None:
        super().__init__(f"{actor} may not {action} a match that is {source or 'new'} ({reason})")
        self.action, self.source, self.actor, self.reason = action, source, actor, reason


def transition(action: str, source: str | None, actor: Actor | str) -> Status:
    """The status `action` leads to from `source` for `actor`, or TransitionRefused."""
    rule = ACTIONS.get(action)
    if rule is None:
        raise TransitionRefused(action, source, str(actor), "unknown_action")
    if Actor(actor) not in rule.actors:
        raise TransitionRefused(action, source, str(actor), "not_allowed_for_actor")
    if (Status(source) if source is not None else None) not in rule.sources:
        raise TransitionRefused(action, source, str(actor), "wrong_status")
    return rule.target


def allowed_actions(source: str | None, actor: Actor | str) -> tuple[str, ...]:
    """The actions `actor` may take on a match in `source`, in table order (for buttons and the API)."""
    status = Status(source) if source is not None else None
    return tuple(rule.action for rule in RULES if Actor(actor) in rule.actors and status in rule.sources)
