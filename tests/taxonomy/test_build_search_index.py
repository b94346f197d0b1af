"""The search indexes are built at deploy time, so that no request builds one (issue 16, cold start)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from taxonomy import search

pytestmark = pytest.mark.django_db


def test_build_search_index_leaves_both_indexes_on_disk_for_the_workers(settings, tmp_path, monkeypatch) -> None:
    settings.TAXONOMY_INDEX_CACHE = tmp_path
    monkeypatch.setattr(search, "_indexes", {})
    out = io.StringIO()
    call_command("build_search_index", stdout=out)
    assert "Search indexes ready" in out.getvalue()
    assert len(list(tmp_path.glob("occupations-*.pickle"))) == 1
    assert len(list(tmp_path.glob("skills-*.pickle"))) == 1

    # A new worker process: nothing in memory, and building is not allowed — it loads what the command left.
    monkeypatch.setattr(search, "_indexes", {})

    def no_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a request built the index")

    monkeypatch.setattr(search.LabelIndex, "__init__", no_build)
    hits = search.search_occupations("nurse")
    assert hits and "nurse" in hits[0].preferred_label.lower()


def test_build_search_index_also_leaves_the_occupation_embeddings_so_no_request_encodes_them(
    settings, tmp_path, monkeypatch
) -> None:
    """Under load, the first search for a short prefix ("inf") encoded every ESCO occupation inside the request; at
    50 searches a second that took past gunicorn's 30 s timeout and the workers were killed one after another."""
    settings.TAXONOMY_INDEX_CACHE = tmp_path
    settings.TAXONOMY_SEARCH_EMBEDDINGS = True
    monkeypatch.setattr(search, "_indexes", {})
    call_command("build_search_index", stdout=io.StringIO())
    assert len(list(tmp_path.glob("occupation-vectors-*.pickle"))) == 1

    monkeypatch.setattr(search, "_indexes", {})  # a new worker
    assert search.indexes_warm(build_vectors=False)["occupation vectors"] > 100  # what the gunicorn master loads

    def no_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a request encoded the occupations")

    monkeypatch.setattr(search.OccupationVectors, "__init__", no_build)
    hits = search.search_occupations("care worker for elderly people")  # below the lexical gate: semantic rerank
    assert hits


def test_the_gunicorn_master_never_builds_the_embeddings(settings, tmp_path, monkeypatch) -> None:
    settings.TAXONOMY_INDEX_CACHE = tmp_path
    settings.TAXONOMY_SEARCH_EMBEDDINGS = True
    monkeypatch.setattr(search, "_indexes", {})

    def no_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the master ran the encoder")

    monkeypatch.setattr(search.OccupationVectors, "__init__", no_build)
    assert search.indexes_warm(build_vectors=False)["occupation vectors"] == 0
