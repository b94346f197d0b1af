"""Build the occupation and skill search indexes and cache them on disk, so that no request builds one."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from taxonomy.search import indexes_warm


class Command(BaseCommand):
    help = "Build the ESCO occupation and skill search indexes (cached in var/cache, keyed by the taxonomy's content)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        sizes = indexes_warm()
        summary = ", ".join(f"{count:,} {name}" for name, count in sizes.items())
        self.stdout.write(
            self.style.SUCCESS(f"Search indexes ready ({summary}) in {time.monotonic() - started:.1f} s.")
        )
