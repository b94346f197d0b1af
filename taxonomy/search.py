"""Occupation and skill search: link free-text job titles and skills, as people write them, to ESCO.

Lexical part: character n-gram TF-IDF over every label (preferred, alternative and hidden, in English and 20 more
languages), plus word-level evidence (exact label, all query words present). An occupation's score combines its best
label with the support of its other labels, so "nurse" lands on the general nurse (thirteen nurse labels) rather than
on "nursery nurse". Semantic part (optional, setting TAXONOMY_SEARCH_EMBEDDINGS): the query's sentence embedding
against each occupation's preferred label, mixed in for re-ranking the lexical candidates and for queries with no
lexical anchor ("care worker for elderly").

The index is built once per process from the database and cached on disk, keyed by the taxonomy's content.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Max

from taxonomy.importer import normalize_label
from taxonomy.models import Occupation, OccupationLabel, Skill

# Abbreviations and short forms people type that ESCO labels spell out.
ABBREVIATIONS: dict[str, str] = {
    "rn": "registered nurse general nurse",
    "dev": "developer",
    "devs": "developers",
    "eng": "engineer",
    "mgr": "manager",
    "asst": "assistant",
    "admin": "administrator",
    "tech": "technician",
    "sw": "software",
    "hr": "human resources",
    "it": "ict",
    "qa": "quality assurance",
    "cna": "nursing assistant",
    "lpn": "licensed practical nurse",
    "hgv": "heavy goods vehicle lorry",
}


@dataclass(frozen=True)
class OccupationHit:
    occupation: Occupation
    uri: str
    preferred_label: str
    matched_label: str
    score: float


@dataclass(frozen=True)
class SkillHit:
    skill: Skill
    uri: str
    preferred_label: str
    matched_label: str
    score: float


def expand_query(text: str) -> str:
    words = normalize_label(text).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


class LabelIndex:
    """TF-IDF character n-grams over distinct normalised labels; each label maps to (concept id, language, preferred)."""

    def __init__(self, entries: list[tuple[int, str, str, str, bool]]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        by_label: dict[str, list[tuple[int, str, str, bool]]] = defaultdict(list)
        for concept_id, normalized, label, language, preferred in entries:
            if normalized:
                by_label[normalized].append((concept_id, label, language, preferred))
        self.labels = sorted(by_label)
        self.owners = [by_label[label] for label in self.labels]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, dtype=np.float32)
        matrix = self.vectorizer.fit_transform(self.labels)
        self.matrix_t = matrix.T.tocsr()  # n-gram × label: a query touches only its own n-gram rows
        self.label_words = [frozenset(label.split()) for label in self.labels]

    def label_scores(self, query: str, top: int = 200) -> list[tuple[int, float]]:
        vector = self.vectorizer.transform([query])
        if vector.nnz == 0:
            return []
        product = (vector @ self.matrix_t).tocsr()  # sparse: only labels sharing an n-gram with the query
        candidates, values = product.indices, product.data
        if len(values) == 0:
            return []
        count = min(top, len(values))
        best = np.argpartition(-values, count - 1)[:count]
        query_words = set(query.split())
        results = []
        for position in best:
            index, score = int(candidates[position]), float(values[position])
            words = self.label_words[index]
            if self.labels[index] == query:
                score += 0.5
            elif query_words and query_words <= words:
                score += 0.2 * len(query_words) / len(words)
            results.append((int(index), score))
        results.sort(key=lambda item: -item[1])
        return results


_lock = threading.Lock()
_indexes: dict[str, Any] = {}


def _fingerprint(model: type[Occupation] | type[Skill], label_model: type[OccupationLabel] | None) -> str:
    """Identify the taxonomy's content by its largest ids: two primary-key lookups, cheap enough for every search."""
    last = model.objects.aggregate(last=Max("id"))["last"]
    extra = label_model.objects.aggregate(last=Max("id"))["last"] if label_model else None
    db = settings.DATABASES["default"]
    key = f"{db['ENGINE']}:{db['NAME']}:{model.__name__}:{last}:{extra}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _cache_dir() -> Path:
    return Path(getattr(settings, "TAXONOMY_INDEX_CACHE", settings.BASE_DIR / "var" / "cache"))


def _load_or_build(name: str, fingerprint: str, build: Any) -> Any:
    """The index `name` for this content: from memory, else from the disk cache, else built (and cached). With
    `build=None` it is never built: None when neither memory nor disk has it."""
    with _lock:
        cached = _indexes.get(name)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        path = _cache_dir() / f"{name}-{fingerprint}.pickle"
        index = None
        if path.exists():
            try:
                index = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache file in var/
            except Exception:  # a corrupt or incompatible cache is rebuilt
                index = None
        if index is None:
            if build is None:
                return None
            index = build()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
                tmp.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
                tmp.replace(path)
            except OSError:
                pass
        _indexes[name] = (fingerprint, index)
        return index


def occupation_index() -> LabelIndex:
    def build() -> LabelIndex:
        rows = OccupationLabel.objects.values_list("occupation_id", "normalized", "label", "language", "is_preferred")
        return LabelIndex(list(rows.iterator(chunk_size=20000)))

    return _load_or_build("occupations", _fingerprint(Occupation, OccupationLabel), build)


def skill_index() -> LabelIndex:
    def build() -> LabelIndex:
        entries = []
        for skill_id, preferred, alts in Skill.objects.values_list("id", "preferred_label", "alt_labels").iterator(
            chunk_size=5000
        ):
            entries.append((skill_id, normalize_label(preferred), preferred, "en", True))
            entries.extend((skill_id, normalize_label(alt), alt, "en", False) for alt in alts or [])
        return LabelIndex(entries)

    return _load_or_build("skills", _fingerprint(Skill, None), build)


def _rank_concepts(index: LabelIndex, query: str, *, language: str | None, limit: int) -> list[tuple[int, float, str]]:
    """Aggregate label scores per concept: best label plus a little of the support of its other matching labels."""
    per_concept: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for label_index, score in index.label_scores(query):
        for concept_id, label, label_language, preferred in index.owners[label_index]:
            bonus = 0.0
            if preferred:
                bonus += 0.02
            if language and label_language == language:
                bonus += 0.05
            per_concept[concept_id].append((score + bonus, label))
    ranked = []
    for concept_id, scored in per_concept.items():
        scored.sort(key=lambda item: -item[0])
        best_score, best_label = scored[0]
        support = sum(score for score, _ in scored[1:4]) / 3
        ranked.append((concept_id, best_score + 0.15 * support, best_label))
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


def search_occupations(text: str, *, limit: int = 10, language: str | None = None) -> list[OccupationHit]:
    """Best ESCO occupations for a free-text job title, best first. Empty for empty text."""
    query = expand_query(text)
    if not query:
        return []
    ranked = _rank_concepts(occupation_index(), query, language=language, limit=max(limit, 50))
    ranked = _semantic_rerank(text, ranked, limit)
    occupations = Occupation.objects.in_bulk([concept_id for concept_id, _, _ in ranked])
    return [
        OccupationHit(
            occupation=occupations[cid],
            uri=occupations[cid].uri,
            preferred_label=occupations[cid].preferred_label,
            matched_label=label,
            score=round(score, 4),
        )
        for cid, score, label in ranked
        if cid in occupations
    ]


def search_skills(text: str, *, limit: int = 10) -> list[SkillHit]:
    query = expand_query(text)
    if not query:
        return []
    ranked = _rank_concepts(skill_index(), query, language=None, limit=max(limit, 1))
    skills = Skill.objects.in_bulk([concept_id for concept_id, _, _ in ranked])
    return [
        SkillHit(
            skill=skills[cid],
            uri=skills[cid].uri,
            preferred_label=skills[cid].preferred_label,
            matched_label=label,
            score=round(score, 4),
        )
        for cid, score, label in ranked
        if cid in skills
    ]


def link_occupation(text: str, *, language: str | None = None, threshold: float = 0.45) -> Occupation | None:
    """The occupation a free-text title most likely means, or None when nothing is close enough."""
    hits = search_occupations(text, limit=1, language=language)
    return hits[0].occupation if hits and hits[0].score >= threshold else None


def link_skill(text: str, *, threshold: float = 0.6) -> Skill | None:
    hits = search_skills(text, limit=1)
    return hits[0].skill if hits and hits[0].score >= threshold else None


SEMANTIC_WEIGHT = 0.3  # measured in BENCHMARKS.md ("Occupation search"); 0 turns the semantic part off
SEMANTIC_CANDIDATES = 20
# The sentence model costs ~50 ms per query on this CPU; it is consulted only when no label matches well
# (best lexical score below this gate), which is where it helps: paraphrases such as "care worker for elderly".
SEMANTIC_GATE = 1.0


class OccupationVectors:
    """Sentence embeddings of every occupation's English preferred label, normalised, row i ↔ ids[i]."""

    def __init__(self, ids: list[int], labels: list[str]) -> None:
        from taxonomy.encoder import encode

        self.ids = np.asarray(ids, dtype=np.int64)
        self.position = {concept_id: row for row, concept_id in enumerate(ids)}
        self.matrix = encode(labels) if labels else np.zeros((0, 384), dtype=np.float32)


def occupation_vectors(*, build: bool = True) -> OccupationVectors | None:
    """The occupations' embeddings (encoding them all takes about a minute on this CPU: `build_search_index` does it
    at deploy time). With `build=False`, None unless they are in memory or on disk."""

    def make() -> OccupationVectors:
        pairs = list(Occupation.objects.order_by("id").values_list("id", "preferred_label"))
        return OccupationVectors([p[0] for p in pairs], [p[1] for p in pairs])

    return _load_or_build("occupation-vectors", _fingerprint(Occupation, None), make if build else None)


def semantic_enabled() -> bool:
    return SEMANTIC_WEIGHT > 0 and getattr(settings, "TAXONOMY_SEARCH_EMBEDDINGS", True)


def _semantic_rerank(text: str, ranked: list[tuple[int, float, str]], limit: int) -> list[tuple[int, float, str]]:
    """Add SEMANTIC_WEIGHT × cosine(query, occupation) to the lexical candidates and the nearest semantic ones."""
    if not semantic_enabled() or (ranked and ranked[0][1] >= SEMANTIC_GATE):
        return ranked[:limit]
    from taxonomy.encoder import encode_query

    vectors = occupation_vectors()
    if vectors is None or len(vectors.ids) == 0:
        return ranked[:limit]
    similarity = vectors.matrix @ encode_query(text)
    combined: dict[int, tuple[float, str]] = {cid: (score, label) for cid, score, label in ranked}
    nearest = np.argsort(-similarity)[:SEMANTIC_CANDIDATES]
    preferred = dict(
        Occupation.objects.filter(id__in=[int(vectors.ids[i]) for i in nearest]).values_list("id", "preferred_label")
    )
    for row in nearest:
        combined.setdefault(int(vectors.ids[row]), (0.0, preferred.get(int(vectors.ids[row]), "")))
    rescored = []
    for cid, (score, label) in combined.items():
        row = vectors.position.get(cid)
        cosine = float(similarity[row]) if row is not None else 0.0
        rescored.append((cid, score + SEMANTIC_WEIGHT * cosine, label))
    rescored.sort(key=lambda item: (-item[1], item[0]))
    return rescored[:limit]


def indexes_warm(*, build_vectors: bool = True) -> dict[str, int]:
    """Load (or build and cache on disk) the search indexes in this process: the label indexes and, where the search
    uses them, the occupations' embeddings. Run at deploy time by `manage.py build_search_index`, and in the gunicorn
    master before it forks (config/gunicorn.py, `build_vectors=False`: the master never runs the encoder, which
    must not be forked), so that no request ever waits for a build and the workers share the loaded pages."""
    sizes = {"occupation labels": len(occupation_index().labels), "skill labels": len(skill_index().labels)}
    if semantic_enabled():
        vectors = occupation_vectors(build=build_vectors)
        sizes["occupation vectors"] = len(vectors.ids) if vectors is not None else 0
    return sizes
