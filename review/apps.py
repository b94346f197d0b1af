from __future__ import annotations

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"

    def ready(self) -> None:
        # Registers the queue's receivers of core.events (profile submitted, document uploaded, matches proposed, ...).
        from review import receivers  # noqa: F401
