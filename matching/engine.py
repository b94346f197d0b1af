"""Ranking one vacancy's candidates: hard rules, then soft scores, then the order. Pure module: no Django imports.

Order: eligible candidates first, best score first; ties by candidate id so that a replay gives the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matching.features import CandidateFeatures, MatchContext, VacancyFeatures
from matching.rules import RULES, Rule, evaluate_rules
from matching.scoring import normalise_weights, score_pair


@dataclass(frozen=True)
class RankedPair:
    candidate_id: int
    score: float
    eligible: bool
    values: dict[str, float]
    contributions: dict[str, float]
    passed_rules: tuple[str, ...]
    failed_rules: tuple[str, ...]
    matched_essential_skills: tuple[str, ...]
    missing_essential_skills: tuple[str, ...]
    verified_essential_skills: tuple[str, ...]
    cosine: float


def rank(
    vacancy: VacancyFeatures,
    candidates: Sequence[CandidateFeatures],
    cosines: Mapping[int, float],
    weights: Mapping[str, float],
    ctx: MatchContext,
    rules: Sequence[Rule] = RULES,
) -> list[RankedPair]:
    pairs: list[RankedPair] = []
    essential = sorted(vacancy.essential_skills)
    weights = normalise_weights(weights)
    for c in candidates:
        eligibility = evaluate_rules(c, vacancy, ctx, rules)
        cosine = float(cosines.get(c.id, 0.0))
        scored = score_pair(c, vacancy, cosine, weights, normalised=True)
        pairs.append(
            RankedPair(
                candidate_id=c.id,
                score=scored.score,
                eligible=eligibility.eligible,
                values=scored.values,
                contributions=scored.contributions,
                passed_rules=eligibility.passed,
                failed_rules=eligibility.failed,
                matched_essential_skills=tuple(s for s in essential if s in c.skills),
                missing_essential_skills=tuple(s for s in essential if s not in c.skills),
                verified_essential_skills=tuple(s for s in essential if s in c.verified_skills),
                cosine=round(cosine, 6),
            )
        )
    pairs.sort(key=lambda p: (not p.eligible, -p.score, p.candidate_id))
    return pairs
