"""Vector retrieval. An interface with an exact numpy implementation over L2-normalised float32 vectors (the
default); approximate indexes (HNSW, pgvector) can implement the same interface for very large pools.
Pure module: no Django imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


def normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


class VectorIndex(Protocol):
    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]: ...

    def similarity(self, query: np.ndarray, ids: Sequence[int]) -> dict[int, float]: ...


class ExactIndex:
    """Brute-force inner product over normalised vectors: exact cosine top-k, ties broken by id."""

    def __init__(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        self.ids = np.asarray(list(ids), dtype=np.int64)
        self.matrix = normalise(vectors) if len(self.ids) else np.zeros((0, 0), dtype=np.float32)
        self._row = {int(i): n for n, i in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids) or k <= 0:
            return []
        q = normalise(query)[0]
        sims = self.matrix @ q
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k] if k < len(sims) else np.arange(len(sims))
        order = sorted(top.tolist(), key=lambda n: (-float(sims[n]), int(self.ids[n])))
        return [(int(self.ids[n]), float(sims[n])) for n in order]

    def similarity(self, query: np.ndarray, ids: Sequence[int]) -> dict[int, float]:
        if not len(self.ids):
            return {}
        q = normalise(query)[0]
        rows = [(i, self._row[i]) for i in ids if i in self._row]
        if not rows:
            return {}
        sims = self.matrix[[r for _, r in rows]] @ q
        return {i: float(s) for (i, _), s in zip(rows, sims, strict=False)}
