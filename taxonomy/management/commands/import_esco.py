from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.db import refresh_statistics
from taxonomy.importer import BUNDLED_DIR, EscoImportError, import_esco


class Command(BaseCommand):
    help = "Import ESCO v1.1.x CSV files (the official zip download or a folder). Without PATH, the bundled copy."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", nargs="?", default=str(BUNDLED_DIR), help="zip file or folder of ESCO CSV files")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        steps = ["ISCO groups", "occupations", "skills", "occupation–skill relations", "multilingual labels", "writing"]
        bar = tqdm(total=len(steps), desc="ESCO import", unit="step", disable=options.get("verbosity", 1) == 0)

        def progress(step: str) -> None:
            bar.set_postfix_str(step)
            bar.update(1)

        try:
            report = import_esco(Path(path), progress=progress)
        except EscoImportError as exc:
            raise CommandError(f"ESCO import failed, nothing was changed: {exc}") from exc
        finally:
            bar.close()
        refresh_statistics(*apps.get_app_config("taxonomy").get_models())
        self.stdout.write(self.style.SUCCESS(f"ESCO imported: {report}"))
