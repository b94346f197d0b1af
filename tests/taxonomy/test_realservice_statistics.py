"""After `import_esco` on PostgreSQL the planner knows how many ESCO rows there are (issue 16's load figures).

With the statistics of an empty table it hashed all ESCO skills to join a page's skill requirements (the 100-row
vacancy page: 10 ms of SQL, 1.8 ms after ANALYZE). Autovacuum catches up in time, or never where it is off."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from taxonomy.models import Skill
from tests.conftest import ESCO_MINI

pytestmark = [pytest.mark.realservice, pytest.mark.django_db(transaction=True)]


def _planner_rows(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return float(cursor.fetchone()[0])


def test_import_esco_leaves_the_planner_statistics_of_what_it_loaded() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_reset()")  # forget whatever an earlier test or autovacuum measured
        cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE relname = 'taxonomy_skill'")
    assert _planner_rows("taxonomy_skill") == -1  # "never analysed", as after a deployment's first import

    call_command("import_esco", str(ESCO_MINI), verbosity=0)

    assert Skill.objects.count() > 0
    assert _planner_rows("taxonomy_skill") == Skill.objects.count()
