from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Learn component weights from recorded caseworker and employer decisions (defaults stay below the minimum)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--min-decisions", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        from matching.services import ranker_train

        model = ranker_train(min_decisions=options["min_decisions"])
        state = "active" if model.is_active else "not adopted (defaults remain)"
        self.stdout.write(
            f"ranker {model.pk}: {state}; weights {json.dumps(model.weights)}; metrics {json.dumps(model.metrics)}"
        )
