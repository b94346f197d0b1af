from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.interchange import export_pool


class Command(BaseCommand):
    help = "Write every candidate and vacancy as interchange JSON Lines to standard output (or --output FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="file to write instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        out = open(options["output"], "w", encoding="utf-8") if options["output"] else self.stdout
        count = 0
        for record in export_pool():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        if options["output"]:
            out.close()
            self.stderr.write(f"exported {count} records to {options['output']}")
