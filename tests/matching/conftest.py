from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _hashing_encoder(settings):  # type: ignore[no-untyped-def]
    """Unit and database tests of the engine use the cheap deterministic encoder, not the sentence model."""
    settings.MATCHING_ENCODER = "hashing"
