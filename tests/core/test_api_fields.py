"""The strict API fields hold the limits the OpenAPI schema states, as the client sent the value."""

from __future__ import annotations

import pytest
from rest_framework.exceptions import ValidationError

from core.api.fields import StrictCharField


def test_text_longer_than_the_limit_is_refused_even_when_trimming_would_shorten_it() -> None:
    field = StrictCharField(max_length=5)
    with pytest.raises(ValidationError) as refused:
        field.run_validation("\nabcde")
    assert refused.value.detail[0].code == "max_length"


def test_text_within_the_limit_is_trimmed_and_kept() -> None:
    assert StrictCharField(max_length=5).run_validation(" abc ") == "abc"


def test_a_number_is_not_text() -> None:
    with pytest.raises(ValidationError):
        StrictCharField(max_length=5).run_validation(12)
