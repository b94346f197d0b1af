"""Ranking quality on a labelled pool: nDCG@10, MAP and ineligible candidates in top 10, for the full engine and for
two text-only baselines (TF-IDF cosine, embedding cosine) measured in the same run. Metric functions are pure."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    def dcg(gains: Sequence[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))

    ideal = dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([grades.get(c, 0) for c in ranking[:k]]) / ideal


def average_precision(ranking: Sequence[str], grades: Mapping[str, int], relevant_grade: int = 2) -> float:
    relevant = {c for c, g in grades.items() if g >= relevant_grade}
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, c in enumerate(ranking, start=1):
        if c in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def ineligible_in_top(ranking: Sequence[str], judged_ineligible: set[str], k: int = 10) -> int:
    return sum(1 for c in ranking[:k] if c in judged_ineligible)


def read_qrels(lines: Sequence[str]) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    for line in lines:
        parts = line.strip().split("\t")
        if len(parts) != 3 or parts[0] == "vacancy":
            continue
        try:
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
        except ValueError:
            continue
    return qrels
