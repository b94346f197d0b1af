"""One holder at a time across every worker process: PostgreSQL session advisory locks.

The lock lives as long as the holder's database connection, so a worker killed while holding it releases it with
its connection. SQLite (the embedded default) runs tasks in one process and needs none: the lock is always granted.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def _key(name: str) -> int:
    return zlib.crc32(name.encode()) - 2**31  # a signed 32-bit key, stable across processes


@contextmanager
def held_alone(name: str) -> Iterator[bool]:
    """Yield True while this process holds the lock `name`, False at once when another process holds it."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(name)])
        acquired = bool(cursor.fetchone()[0])
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
