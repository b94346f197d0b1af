"""Soft scores: how well an eligible candidate fits a vacancy. Pure module: no Django imports.

Each component is a value in [0, 1]; the score is the weighted sum with weights that are non-negative and add up
to 1, so the score is in [0, 1] and the per-component contributions (weight × value) add up to it exactly as stored.

Components (see `component_values`):
- semantic: cosine similarity of the profile and vacancy texts, rescaled so that unrelated texts (cosine ≤ 0.2 for
  the sentence model) give 0 and near-identical ones (≥ 0.8) give 1.
- skills: coverage of the vacancy's ESCO skills, essential ones weighing 80 % and optional ones 20 %; a skill
  certified by a programme credential counts fully, a self-declared one 85 %.
- occupation: the closest ESCO occupation the candidate holds or seeks — the same occupation 1.0, the same ISCO unit
  group (4 digits) 0.7, the same minor group (3 digits) 0.4, sub-major group 0.2, major group 0.05.
- experience: months of experience weighted by the closeness of each job's occupation, saturating at five years.
- language: margin above the required CEFR minimum, averaged over required languages (two levels above = 1);
  1 when the vacancy requires no language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from matching.features import CandidateFeatures, VacancyFeatures, cefr_rank

COMPONENTS = ("semantic", "skills", "occupation", "experience", "language")

# Documented defaults: ESCO evidence (skills, occupation) carries most weight because it is language-independent and
# what the employer asked for; the text similarity adds what the structured data misses.
DEFAULT_WEIGHTS: dict[str, float] = {
    "semantic": 0.15,
    "skills": 0.40,
    "occupation": 0.30,
    "experience": 0.10,
    "language": 0.05,
}

SEMANTIC_FLOOR = 0.2
SEMANTIC_CEILING = 0.8
ESSENTIAL_SHARE = 0.8
SELF_DECLARED_WEIGHT = 0.85
EXPERIENCE_SATURATION_MONTHS = 60
LANGUAGE_MARGIN_LEVELS = 2
OCCUPATION_CLOSENESS = (1.0, 0.7, 0.4, 0.2, 0.05)  # same URI, ISCO 4, 3, 2, 1 digits


def occupation_closeness(uri_a: str, isco_a: str, uri_b: str, isco_b: str) -> float:
    if uri_a and uri_a == uri_b:
        return OCCUPATION_CLOSENESS[0]
    if not isco_a or not isco_b:
        return 0.0
    for digits, value in zip((4, 3, 2, 1), OCCUPATION_CLOSENESS[1:], strict=False):
        if len(isco_a) >= digits and isco_a[:digits] == isco_b[:digits]:
            return value
    return 0.0


def _coverage(required: frozenset[str], c: CandidateFeatures) -> float:
    if not required:
        return 0.0
    total = 0.0
    for skill in required:
        if skill in c.verified_skills:
            total += 1.0
        elif skill in c.skills:
            total += SELF_DECLARED_WEIGHT
    return total / len(required)


def skill_value(c: CandidateFeatures, v: VacancyFeatures) -> float:
    if v.essential_skills and v.optional_skills:
        return ESSENTIAL_SHARE * _coverage(v.essential_skills, c) + (1 - ESSENTIAL_SHARE) * _coverage(
            v.optional_skills, c
        )
    return _coverage(v.essential_skills or v.optional_skills, c)


def occupation_value(c: CandidateFeatures, v: VacancyFeatures) -> float:
    held = list(c.occupations) + [(e.occupation_uri, e.isco_group) for e in c.experience]
    return max((occupation_closeness(uri, isco, v.occupation_uri, v.isco_group) for uri, isco in held), default=0.0)


def experience_value(c: CandidateFeatures, v: VacancyFeatures) -> float:
    months = sum(
        max(e.months, 0) * occupation_closeness(e.occupation_uri, e.isco_group, v.occupation_uri, v.isco_group)
        for e in c.experience
    )
    return min(1.0, months / EXPERIENCE_SATURATION_MONTHS)


def language_value(c: CandidateFeatures, v: VacancyFeatures) -> float:
    if not v.languages:
        return 1.0
    margins = [
        min(1.0, max(0.0, (c.language_level(code) - cefr_rank(level)) / LANGUAGE_MARGIN_LEVELS))
        for code, level in v.languages
    ]
    return sum(margins) / len(margins)


def semantic_value(cosine: float) -> float:
    if cosine != cosine:  # NaN from an empty vector
        return 0.0
    return min(1.0, max(0.0, (cosine - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR)))


def component_values(c: CandidateFeatures, v: VacancyFeatures, cosine: float) -> dict[str, float]:
    return {
        "semantic": semantic_value(cosine),
        "skills": skill_value(c, v),
        "occupation": occupation_value(c, v),
        "experience": experience_value(c, v),
        "language": language_value(c, v),
    }


def normalise_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Non-negative weights over exactly COMPONENTS, adding up to 1; unusable input falls back to the defaults."""
    if not weights:
        return dict(DEFAULT_WEIGHTS)
    cleaned = {name: max(0.0, float(weights.get(name, 0.0))) for name in COMPONENTS}
    total = sum(cleaned.values())
    if not total or total != total:
        return dict(DEFAULT_WEIGHTS)
    return {name: value / total for name, value in cleaned.items()}


@dataclass(frozen=True)
class Score:
    score: float
    values: dict[str, float]
    contributions: dict[str, float]


def combine(values: Mapping[str, float], weights: Mapping[str, float], *, normalised: bool = False) -> Score:
    """Weighted sum. Contributions are rounded to 6 places and the score is their sum, so they add up as shown.
    Pass `normalised=True` when `weights` already come from `normalise_weights` (saves the work per pair)."""
    w = weights if normalised else normalise_weights(weights)
    contributions = {name: round(w[name] * min(1.0, max(0.0, values.get(name, 0.0))), 6) for name in COMPONENTS}
    score = round(sum(contributions.values()), 6)
    if score > 1.0:
        # Rounding each part can overshoot 1 by a few millionths (0.22963 + 0.414815 + 0.355556): take the excess
        # from the largest part, so that the parts shown still add up to the score.
        largest = max(COMPONENTS, key=lambda name: contributions[name])
        contributions[largest] = round(contributions[largest] - (score - 1.0), 6)
        score = 1.0
    return Score(score=score, values={k: round(values.get(k, 0.0), 6) for k in COMPONENTS}, contributions=contributions)


def score_pair(
    c: CandidateFeatures, v: VacancyFeatures, cosine: float, weights: Mapping[str, float], *, normalised: bool = False
) -> Score:
    return combine(component_values(c, v, cosine), weights, normalised=normalised)
