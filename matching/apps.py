from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self) -> None:
        # Registers the engine's receivers of core.events (credential changed, scheme changed).
        from matching import receivers  # noqa: F401
