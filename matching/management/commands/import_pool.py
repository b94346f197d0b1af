from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.interchange import import_pool


class Command(BaseCommand):
    help = "Import candidates and vacancies from a JSON Lines interchange file (see INTERCHANGE.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="JSON Lines file, or - for standard input")
        parser.add_argument(
            "--no-embed", action="store_true", help="Only mark vectors stale (the reconciler embeds them)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        if path == "-":
            lines = sys.stdin
        else:
            if not Path(path).is_file():
                raise CommandError(f"{path}: no such file")
            lines = Path(path).open(encoding="utf-8")
        report = import_pool(lines, may_verify=True)  # the command line is a staff tool
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        for error in report.errors:
            self.stderr.write(f"error: {error}")
        if not options["no_embed"]:
            from matching.store import embed_objects

            embed_objects(kind="candidate", ids=report.candidate_ids)
            embed_objects(kind="vacancy", ids=report.vacancy_ids)
        self.stdout.write(
            f"imported: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} errors, {len(report.warnings)} warnings"
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} record(s) rejected")
