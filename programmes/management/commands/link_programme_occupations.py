"""Link the bundled programmes and schemes to their ESCO occupations once the taxonomy is loaded."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from programmes import bundled_directory
from programmes.models import LegalScheme, Programme
from taxonomy.models import Occupation


class Command(BaseCommand):
    help = "Attach ESCO occupations (by URI) to the bundled programmes and schemes; safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Occupation.objects.exists():
            self.stdout.write(self.style.WARNING("No ESCO occupations loaded; run `manage.py import_esco` first."))
            return
        added = bundled_directory.link_occupations(Programme=Programme, LegalScheme=LegalScheme, Occupation=Occupation)
        self.stdout.write(self.style.SUCCESS(f"Linked {added} occupation(s)."))
