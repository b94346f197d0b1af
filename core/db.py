"""Database chores shared by the bulk loaders."""

from __future__ import annotations

from django.db import connection
from django.db.models import Model


def refresh_statistics(*models: type[Model]) -> None:
    """Re-read the planner's statistics for tables a bulk load just filled (PostgreSQL's ANALYZE).

    Autovacuum does it in time, but not before the first requests after a deployment's import, and not at all where
    it is switched off: with the statistics of an empty table the planner joins a page's 1,000 skill requirements by
    hashing all 14,000 ESCO skills (10 ms for the 100-row vacancy page, 1.8 ms after ANALYZE; BENCHMARKS.md)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
