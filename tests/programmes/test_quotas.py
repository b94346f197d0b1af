"""Annual quotas of a scheme: one place per hire, never past the limit, a standing quota opened on first use."""

from __future__ import annotations

import pytest

from core.exceptions import Conflict
from programmes.models import SchemeQuota
from programmes.selectors import scheme_quota_remaining
from programmes.services.quotas import scheme_quota_consume
from tests.factories.programmes import LegalSchemeFactory

pytestmark = pytest.mark.django_db


def test_quota_consume_uses_the_nationality_row_and_the_all_nationality_row(programme):
    scheme = LegalSchemeFactory(programme=programme)
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="", quota=5)
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="MA", quota=2)
    scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    assert dict(SchemeQuota.objects.values_list("nationality", "used")) == {"": 1, "MA": 1}
    assert scheme_quota_remaining(scheme=scheme, nationality="MA", year=2027) == 1
    assert scheme_quota_remaining(scheme=scheme, nationality="TN", year=2027) == 4


def test_full_nationality_quota_refuses_and_consumes_nothing(programme):
    scheme = LegalSchemeFactory(programme=programme)
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="", quota=5)
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="MA", quota=1, used=1)
    with pytest.raises(Conflict):
        scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    assert SchemeQuota.objects.get(nationality="").used == 0


def test_standing_annual_quota_opens_the_year_and_stops_at_the_limit(programme):
    scheme = LegalSchemeFactory(programme=programme, annual_quota=2)
    assert scheme_quota_remaining(scheme=scheme, nationality="CV", year=2030) == 2
    scheme_quota_consume(scheme=scheme, nationality="CV", year=2030)
    scheme_quota_consume(scheme=scheme, nationality="CV", year=2030)
    with pytest.raises(Conflict):
        scheme_quota_consume(scheme=scheme, nationality="CV", year=2030)
    assert SchemeQuota.objects.get(scheme=scheme, year=2030).used == 2


def test_scheme_without_quota_has_no_limit(programme):
    scheme = LegalSchemeFactory(programme=programme)
    assert scheme_quota_remaining(scheme=scheme, nationality="MA", year=2027) is None
    scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    assert not SchemeQuota.objects.exists()
