from __future__ import annotations

import io

import pytest

from matching.models import Match, MatchRun

pytestmark = pytest.mark.django_db


def test_demo_ranks_published_vacancies_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from matching import demo
    from tests.matching.test_pipeline import _lines, _pool

    path = tmp_path / "pool.jsonl"
    path.write_text(_lines(_pool()))
    call_command("import_pool", str(path), "--no-embed", stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert Match.objects.filter(status=Match.Status.PROPOSED).exists()
    runs = MatchRun.objects.count()
    demo.load(stdout=io.StringIO())
    assert MatchRun.objects.count() == runs
