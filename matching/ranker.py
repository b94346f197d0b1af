"""Learning component weights from recorded decisions. Pure module: no Django imports.

A decision is positive when a caseworker released the match or an employer shortlisted, interviewed or hired, and
negative when a caseworker rejected or an employer declined. A logistic regression on the component values gives
one coefficient per component; negative coefficients are clipped to zero and the rest normalised to add up to 1, so
the learned weights plug into `scoring.combine` unchanged. Below MIN_DECISIONS (or with a single class) nothing is
learned and the documented defaults stay in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from matching.scoring import COMPONENTS, DEFAULT_WEIGHTS

MIN_DECISIONS = 50
POSITIVE_ACTIONS = frozenset({"release", "shortlist", "interview", "hire"})
NEGATIVE_ACTIONS = frozenset({"reject", "decline"})


@dataclass(frozen=True)
class LabelledDecision:
    values: dict[str, float]
    positive: bool


@dataclass(frozen=True)
class TrainingResult:
    weights: dict[str, float]
    metrics: dict[str, float | int | str] = field(default_factory=dict)
    learned: bool = False


def label_for(action: str) -> bool | None:
    if action in POSITIVE_ACTIONS:
        return True
    if action in NEGATIVE_ACTIONS:
        return False
    return None


def train(
    decisions: Sequence[LabelledDecision], *, min_decisions: int = MIN_DECISIONS, seed: int = 0
) -> TrainingResult:
    n = len(decisions)
    positives = sum(1 for d in decisions if d.positive)
    base = {"n_decisions": n, "n_positive": positives}
    if n < min_decisions or positives in (0, n):
        return TrainingResult(
            weights=dict(DEFAULT_WEIGHTS), metrics={**base, "reason": "not enough decisions"}, learned=False
        )

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    X = np.array([[float(d.values.get(c, 0.0)) for c in COMPONENTS] for d in decisions], dtype=np.float64)
    y = np.array([1 if d.positive else 0 for d in decisions])
    model = LogisticRegression(C=1.0, max_iter=1000)
    folds = min(5, positives, n - positives)
    metrics: dict[str, float | int | str] = dict(base)
    if folds >= 2:
        proba = cross_val_predict(
            model, X, y, cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed), method="predict_proba"
        )[:, 1]
        metrics["cv_auc"] = round(float(roc_auc_score(y, proba)), 4)
        metrics["cv_accuracy"] = round(float(((proba >= 0.5) == y).mean()), 4)
        default_scores = X @ np.array([DEFAULT_WEIGHTS[c] for c in COMPONENTS])
        metrics["default_weights_auc"] = round(float(roc_auc_score(y, default_scores)), 4)
    model.fit(X, y)
    coefs = np.clip(model.coef_[0], 0.0, None)
    if coefs.sum() <= 0:
        return TrainingResult(
            weights=dict(DEFAULT_WEIGHTS), metrics={**metrics, "reason": "no positive coefficient"}, learned=False
        )
    weights = {c: round(float(w / coefs.sum()), 6) for c, w in zip(COMPONENTS, coefs, strict=False)}
    metrics["coefficients"] = ", ".join(f"{c}={w:.3f}" for c, w in zip(COMPONENTS, model.coef_[0], strict=False))
    return TrainingResult(weights=weights, metrics=metrics, learned=True)
