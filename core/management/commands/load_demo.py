"""Build the small, realistic demo world the README's first command shows. Idempotent: run it as often as you like."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.models import User
from core.roles import Role
from taxonomy.models import Occupation

DEMO_PASSWORD = "demo-pass-2026"
DEMO_APPS = ["programmes", "employers", "candidates", "matching", "review"]


class Command(BaseCommand):
    help = "Load ESCO (bundled copy, if the taxonomy is empty) and the demo world: programmes, employers, candidates, matches, queue."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Occupation.objects.exists():
            self.stdout.write("Importing the bundled ESCO vocabulary (about half a minute, once)…")
            call_command("import_esco", verbosity=options.get("verbosity", 1))
        staff, created = User.objects.get_or_create(
            email="staff@demo.talentpool.eu",
            defaults={"role": Role.STAFF, "is_staff": True, "is_superuser": True, "email_verified": True},
        )
        if created:
            staff.set_password(DEMO_PASSWORD)
            staff.save(update_fields=["password"])
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            self.stdout.write(f"Demo data: {app}")
            module.load(stdout=self.stdout)
        self.stdout.write("Building the occupation and skill search indexes (cached in var/cache)…")
        call_command("build_search_index", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo world ready. Log in with any demo account, password {DEMO_PASSWORD}.")
        )
