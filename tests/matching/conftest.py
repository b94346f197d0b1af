from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _hashing_encoder(settings):  # type: ignore[no-untyped-def]
    """Unit and database tests of the engine use the cheap deterministic encoder, not the sentence model."""
    settings.MATCHING_ENCODER = "hashing"


@pytest.fixture
def pool(transactional_db, tmp_path, settings):  # type: ignore[no-untyped-def]
    """The dev pool imported for real (committed), for the real-service tests; returns the nurse vacancy."""
    from tests.matching.test_pipeline import _lines, _pool

    settings.MATCHING_ENCODER = "hashing"  # tests/conftest.py restores the ESCO subset after earlier flushes
    path = tmp_path / "pool.jsonl"
    path.write_text(_lines(_pool()))
    call_command("import_pool", str(path), stdout=io.StringIO())
    from employers.models import Vacancy

    return Vacancy.objects.get(external_id="v-nurse")


@pytest.fixture
def imported(tmp_path):  # type: ignore[no-untyped-def]
    """The dev pool imported without embeddings (every vector stale); returns the nurse vacancy."""
    from employers.models import Vacancy
    from tests.matching.test_pipeline import _lines, _pool

    path = tmp_path / "pool.jsonl"
    path.write_text(_lines(_pool()))
    call_command("import_pool", str(path), "--no-embed", stdout=io.StringIO())
    return Vacancy.objects.get(external_id="v-nurse")
