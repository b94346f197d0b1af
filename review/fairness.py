"""Selection rates and impact ratios per group at each stage of the funnel. Pure: counts in, frozen results out.

A stage's selection rate for a group is how many of the group's members who reached the previous stage also reached
this one. The impact ratio compares each group's rate with the best group's (the "four-fifths" rule of thumb): a ratio
under 0.8 is a warning sign, but only where both groups are large enough for the figure to mean something.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

STAGES: tuple[str, ...] = ("proposed", "released", "shortlisted", "hired")
MIN_GROUP_SIZE = 30
IMPACT_THRESHOLD = 0.8


@dataclass(frozen=True)
class GroupRate:
    group: str
    base: int  # members who reached the previous stage
    selected: int  # of them, how many reached this stage
    rate: float | None
    impact_ratio: float | None
    large_enough: bool
    warning: bool


@dataclass(frozen=True)
class StageReport:
    stage: str
    previous: str
    best_group: str | None
    rows: tuple[GroupRate, ...]

    @property
    def warnings(self) -> tuple[GroupRate, ...]:
        return tuple(row for row in self.rows if row.warning)


def stage_report(
    counts: Mapping[str, Mapping[str, int]],
    *,
    previous: str,
    stage: str,
    min_group_size: int = MIN_GROUP_SIZE,
    threshold: float = IMPACT_THRESHOLD,
) -> StageReport:
    """Compare groups on the step `previous` → `stage`. `counts[group][stage]` is how many members reached a stage."""
    rates: dict[str, tuple[int, int, float | None]] = {}
    for group, row in counts.items():
        base = int(row.get(previous, 0))
        selected = min(int(row.get(stage, 0)), base)
        rates[group] = (base, selected, selected / base if base else None)

    large = {g: r for g, r in rates.items() if r[2] is not None and r[0] >= min_group_size}
    pool = large or {g: r for g, r in rates.items() if r[2] is not None}
    best_group = max(sorted(pool), key=lambda g: pool[g][2]) if pool else None  # type: ignore[arg-type,return-value]
    best_rate = rates[best_group][2] if best_group is not None else None
    best_large = best_group in large

    rows = []
    for group in sorted(rates):
        base, selected, rate = rates[group]
        if rate is None or best_rate is None:
            ratio = None
        elif best_rate == 0:
            ratio = 1.0
        else:
            ratio = rate / best_rate
        large_enough = base >= min_group_size
        warning = bool(ratio is not None and ratio < threshold and large_enough and best_large)
        rows.append(
            GroupRate(
                group=group,
                base=base,
                selected=selected,
                rate=rate,
                impact_ratio=ratio,
                large_enough=large_enough,
                warning=warning,
            )
        )
    return StageReport(stage=stage, previous=previous, best_group=best_group, rows=tuple(rows))


def funnel_report(
    counts: Mapping[str, Mapping[str, int]],
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    threshold: float = IMPACT_THRESHOLD,
) -> tuple[StageReport, ...]:
    """One report per step of the funnel (proposed → released → shortlisted → hired) and the whole funnel."""
    steps = [*list(itertools.pairwise(STAGES)), (STAGES[0], STAGES[-1])]
    return tuple(
        stage_report(counts, previous=prev, stage=stage, min_group_size=min_group_size, threshold=threshold)
        for prev, stage in steps
    )
