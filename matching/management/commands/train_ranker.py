from __future__ import annotations

import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Learn component weights from recorded caseworker and employer decisions (defaults stay below the minimum)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--min-decisions", type=int, default=None)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        from matching.services import ranker_train

        model = ranker_train(min_decisions=options["min_decisions"])
        state = "active" if model.is_active else "not adopted (defaults remain)"
        self.stdout.write(
            f"ranker {model.pk}: {state}; weights {json.dumps(model.weights)}; metrics {json.dumps(model.metrics)}"
        )
