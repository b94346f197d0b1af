from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm


class Command(BaseCommand):
    help = "Embed profile and vacancy texts: stale ones, or --all (unchanged texts are skipped by their hash)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="every profile and vacancy, not only stale ones")

    def handle(self, *args: Any, **options: Any) -> None:
        from candidates.models import CandidateProfile
        from employers.models import Vacancy
        from matching.models import Embedding
        from matching.store import embed_objects

        for kind, model in (("candidate", CandidateProfile), ("vacancy", Vacancy)):
            if options["all"]:
                ids = list(model.objects.values_list("id", flat=True))
            else:
                ids = list(Embedding.objects.filter(kind=kind, stale=True).values_list("object_id", flat=True))
            with tqdm(total=len(ids), desc=f"embedding {kind}s", unit="text", file=self.stderr) as bar:
                counts = embed_objects(kind=kind, ids=ids, progress=bar.update)
            self.stdout.write(f"{kind}: {counts['embedded']} embedded, {counts['unchanged']} unchanged")
