from __future__ import annotations

import pytest
from django.urls import reverse

from matching.models import Match
from programmes.selectors import programme_funnel
from tests.factories.employers import VacancyFactory
from tests.factories.programmes import CredentialFactory

pytestmark = pytest.mark.django_db


def funnel_values(programme) -> dict[str, int | None]:  # type: ignore[no-untyped-def]
    return {stage.key: stage.value for stage in programme_funnel(programme=programme)}


def test_funnel_counts_graduates_through_the_pool(programme):
    hired = CredentialFactory(programme=programme, status="issued").candidate
    released = CredentialFactory(programme=programme, status="verified").candidate
    CredentialFactory(programme=programme, status="claimed")
    CredentialFactory(programme=programme, status="rejected")
    Match.objects.create(vacancy=VacancyFactory(), candidate=hired, status=Match.Status.HIRED)
    Match.objects.create(vacancy=VacancyFactory(), candidate=released, status=Match.Status.RELEASED)
    Match.objects.create(vacancy=VacancyFactory(), candidate=released, status=Match.Status.PROPOSED)
    assert funnel_values(programme) == {"trained": 3, "registered": 2, "matched": 2, "placed": 1, "returned": None}


def test_reported_figures_take_precedence_where_the_programme_gave_them(programme):
    programme.trained_count, programme.placed_count, programme.returned_count = 600, 40, 5
    programme.save()
    assert funnel_values(programme) == {"trained": 600, "registered": 0, "matched": 0, "placed": 40, "returned": 5}


def test_detail_page_shows_the_figures_behind_the_chart(client, programme):
    programme.trained_count = 127
    programme.save()
    body = client.get(reverse("programmes:detail", kwargs={"slug": programme.slug})).content.decode()
    assert "<td>Trained</td><td>127</td>" in body.replace("\n", "")
    assert '"values": [127, 0, 0, 0, 0]' in body
