from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.models import MatchRun


class Command(BaseCommand):
    help = "Rank the pool for vacancies and print one JSON line per vacancy (see INTERCHANGE.md, Ranked output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("vacancies", nargs="*", help="vacancy external ids")
        parser.add_argument("--all", action="store_true", help="every published vacancy")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="JSON lines (the default output)")
        parser.add_argument("--include-ineligible", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from candidates.models import CandidateProfile
        from employers.models import Vacancy
        from matching.pipeline import run_for_vacancy

        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        if options["all"]:
            vacancies = list(Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED).order_by("external_id", "id"))
        elif options["vacancies"]:
            found = {v.external_id: v for v in Vacancy.objects.filter(external_id__in=options["vacancies"])}
            missing = [x for x in options["vacancies"] if x not in found]
            if missing:
                raise CommandError(f"unknown vacancy external id(s): {', '.join(missing)}")
            vacancies = [found[x] for x in options["vacancies"]]
        else:
            raise CommandError("name vacancy external ids or use --all")
        top = options["top"]
        for vacancy in vacancies:
            run, ranked = run_for_vacancy(vacancy_id=vacancy.id, trigger=MatchRun.Trigger.COMMAND)
            if run is None:
                self.stderr.write(
                    f"{vacancy.external_id}: not matched (not published, organisation not vetted, or paused)"
                )
                line: dict[str, Any] = {"vacancy": vacancy.external_id, "run": None, "matches": []}
                self.stdout.write(json.dumps(line))
                continue
            eligible = [p for p in ranked if p.eligible][:top]
            shown = eligible + ([p for p in ranked if not p.eligible][:top] if options["include_ineligible"] else [])
            ext = dict(
                CandidateProfile.objects.filter(id__in=[p.candidate_id for p in shown]).values_list("id", "external_id")
            )
            matches = [
                {
                    "candidate": ext.get(p.candidate_id) or f"profile-{p.candidate_id}",
                    "rank": n,
                    "score": p.score,
                    "eligible": p.eligible,
                    "components": p.contributions,
                    "matched_essential_skills": list(p.matched_essential_skills),
                    "missing_essential_skills": list(p.missing_essential_skills),
                    "failed_rules": list(p.failed_rules),
                }
                for n, p in enumerate(shown, start=1)
            ]
            self.stdout.write(json.dumps({"vacancy": vacancy.external_id, "run": str(run.pk), "matches": matches}))
