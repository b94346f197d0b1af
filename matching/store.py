"""Database side of embeddings: build each object's text, hash it, embed only what changed, store the vector with
the model's name and version. Used by tasks, commands and the pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch

from matching.embeddings import Encoder, from_bytes, get_encoder, to_bytes
from matching.models import Embedding
from matching.texts import ProfileText, VacancyText, content_hash, profile_text, vacancy_text

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from matching.index import ExactIndex


def current_encoder() -> Encoder:
    return get_encoder(getattr(settings, "MATCHING_ENCODER", "minilm"))


def profile_texts(ids: Iterable[int]) -> dict[int, str]:
    from candidates.models import CandidateProfile, CandidateSkill, Experience

    profiles = (
        CandidateProfile.objects.filter(id__in=list(ids))
        .select_related("current_occupation")
        .prefetch_related(
            Prefetch("skills", queryset=CandidateSkill.objects.select_related("skill")),
            Prefetch("experience", queryset=Experience.objects.select_related("occupation")),
            "desired_occupations",
        )
    )
    texts: dict[int, str] = {}
    for p in profiles:
        occupations = [o.preferred_label for o in p.desired_occupations.all()]
        if p.current_occupation:
            occupations.append(p.current_occupation.preferred_label)
        occupations += [e.occupation.preferred_label for e in p.experience.all() if e.occupation]
        texts[p.id] = profile_text(
            ProfileText(
                headline=p.headline,
                current_title=p.current_title if p.current_title != p.headline else "",
                occupation_labels=tuple(occupations),
                skill_labels=tuple(s.skill.preferred_label if s.skill else s.label for s in p.skills.all()),
                experience=tuple((e.title, e.description) for e in p.experience.all()),
                summary=p.summary,
            )
        )
    return texts


def vacancy_texts(ids: Iterable[int]) -> dict[int, str]:
    from employers.models import Vacancy, VacancySkill

    vacancies = (
        Vacancy.objects.filter(id__in=list(ids))
        .select_related("occupation")
        .prefetch_related(Prefetch("skill_requirements", queryset=VacancySkill.objects.select_related("skill")))
    )
    texts: dict[int, str] = {}
    for v in vacancies:
        reqs = list(v.skill_requirements.all())
        texts[v.id] = vacancy_text(
            VacancyText(
                title=v.title,
                occupation_label=v.occupation.preferred_label if v.occupation else "",
                essential_skill_labels=tuple(r.skill.preferred_label for r in reqs if r.is_essential),
                optional_skill_labels=tuple(r.skill.preferred_label for r in reqs if not r.is_essential),
                description=v.description,
            )
        )
    return texts


TEXT_BUILDERS: dict[str, Callable[[Iterable[int]], dict[int, str]]] = {
    Embedding.Kind.CANDIDATE: profile_texts,
    Embedding.Kind.VACANCY: vacancy_texts,
}


def embed_objects(
    *,
    kind: str,
    ids: Iterable[int] | None = None,
    batch_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Embed the given objects (or every stale one of `kind`). A text whose hash and model are unchanged is not
    embedded again. Returns counts {"embedded", "unchanged", "missing"}. Safe to run twice."""
    if kind not in TEXT_BUILDERS:
        raise ValueError(f"unknown embedding kind {kind!r}")
    if ids is not None:
        ids = list(ids)
        if not ids:
            return {"embedded": 0, "unchanged": 0, "missing": 0}
    encoder = current_encoder()
    size: int = batch_size if batch_size else getattr(settings, "EMBEDDING_BATCH_SIZE", 64)
    if ids is None:
        ids = list(Embedding.objects.filter(kind=kind, stale=True).values_list("object_id", flat=True))
    ids = sorted({int(i) for i in ids})
    counts = {"embedded": 0, "unchanged": 0, "missing": 0}
    for start in range(0, len(ids), max(size * 4, 1)):
        chunk = ids[start : start + size * 4]
        texts = TEXT_BUILDERS[kind](chunk)
        counts["missing"] += len(set(chunk) - set(texts))
        existing = {e.object_id: e for e in Embedding.objects.filter(kind=kind, object_id__in=chunk)}
        todo: list[tuple[int, str, str]] = []
        unchanged: list[int] = []
        for object_id, text in texts.items():
            digest = content_hash(text, model=f"{encoder.name}@{encoder.version}")
            row = existing.get(object_id)
            if row is not None and row.text_hash == digest and row.vector:
                unchanged.append(object_id)
            else:
                todo.append((object_id, text, digest))
        vectors: npt.NDArray[np.float32] | list[npt.NDArray[np.float32]] = (
            encoder.encode([t for _, t, _ in todo], batch_size=size) if todo else []
        )
        now_rows = []
        for (object_id, _text, digest), vector in zip(todo, vectors, strict=False):
            now_rows.append(
                Embedding(
                    kind=kind,
                    object_id=object_id,
                    stale=False,
                    text_hash=digest,
                    model_name=encoder.name,
                    model_version=encoder.version,
                    dim=encoder.dim,
                    vector=to_bytes(vector),
                )
            )
        with transaction.atomic():
            if now_rows:
                Embedding.objects.bulk_create(
                    now_rows,
                    update_conflicts=True,
                    unique_fields=["kind", "object_id"],
                    update_fields=["stale", "text_hash", "model_name", "model_version", "dim", "vector", "updated_at"],
                )
            if unchanged:
                Embedding.objects.filter(kind=kind, object_id__in=unchanged, stale=True).update(stale=False)
            gone = set(chunk) - set(texts)
            if gone:
                Embedding.objects.filter(kind=kind, object_id__in=gone).delete()
        counts["embedded"] += len(now_rows)
        counts["unchanged"] += len(unchanged)
        if progress:
            progress(len(chunk))
    return counts


def vector_for(kind: str, object_id: int) -> np.ndarray | None:
    row = Embedding.objects.filter(kind=kind, object_id=object_id).only("vector", "dim").first()
    return from_bytes(row.vector, row.dim) if row else None


_INDEX_CACHE: dict[str, tuple[tuple[str, str, int, str], ExactIndex]] = {}


def candidate_index() -> ExactIndex:
    """An exact index over every embedded candidate vector of the current model, cached per process and rebuilt
    when the stored vectors change (count or newest update)."""
    import numpy as np
    from django.db.models import Count, Max

    from matching.index import ExactIndex

    encoder = current_encoder()
    rows = Embedding.objects.filter(
        kind=Embedding.Kind.CANDIDATE, model_name=encoder.name, model_version=encoder.version
    )
    stamp = rows.aggregate(n=Count("id"), latest=Max("updated_at"))
    key = (
        encoder.name,
        encoder.version,
        stamp["n"],
        (stamp["latest"] or dt.datetime.min.replace(tzinfo=dt.UTC)).isoformat(),
    )
    cached = _INDEX_CACHE.get("candidates")
    if cached is not None and cached[0] == key:
        return cached[1]
    ids: list[int] = []
    vectors: list[np.ndarray] = []
    for object_id, data, dim in (
        rows.exclude(vector=None).values_list("object_id", "vector", "dim").iterator(chunk_size=5000)
    ):
        vector = from_bytes(data, dim)
        if vector is not None:
            ids.append(object_id)
            vectors.append(vector)
    matrix = np.vstack(vectors) if vectors else np.zeros((0, encoder.dim), dtype=np.float32)
    index = ExactIndex(ids, matrix)
    _INDEX_CACHE["candidates"] = (key, index)
    return index
