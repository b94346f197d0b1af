"""Grow the demo world to a size where per-row costs show (issue 16's load figures; not part of CI).

Run with the deployment's settings and database, after `load_demo`, e.g. through the production smoke:

    .venv/bin/python scripts/smoke_production.py --demo --seed --serve &

It copies the demo employer's first vacancy (with its skill and language requirements) until the employer has
`--vacancies` of them, copies a demo candidate `--candidates` times (each with her languages and consents and a
profile item in the review queue), and releases `--released` of the copies to the first vacancy as a caseworker
would (a release decision on record). Copies go straight to the database: no matching runs for them.
"""

from __future__ import annotations

import argparse
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vacancies", type=int, default=100)
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--released", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from candidates.models import CandidateProfile
    from core.models import User
    from employers.models import Membership, Vacancy
    from matching.models import Match, MatchDecision
    from review.models import ReviewItem
    from review.services import review_item_open

    member = Membership.objects.select_related("organisation").get(user__email="employer@demo.talentpool.eu")
    caseworker = User.objects.get(email="caseworker@demo.talentpool.eu")
    template = Vacancy.objects.filter(organisation=member.organisation).order_by("pk").first()
    assert template is not None, "load_demo first: the demo employer has no vacancy"
    skills = list(template.skill_requirements.all())
    languages = list(template.languages.all())
    with transaction.atomic():
        have = Vacancy.objects.filter(organisation=member.organisation).count()
        for i in range(max(0, args.vacancies - have)):
            copy = Vacancy.objects.get(pk=template.pk)
            copy.pk = None
            copy.external_id = None
            copy.title = f"{template.title} ({i + 2})"
            copy.save()
            for row in skills:
                row.pk, row.vacancy = None, copy
                row.save()
            for row in languages:
                row.pk, row.vacancy = None, copy
                row.save()
    source = CandidateProfile.objects.filter(user__email="candidate@demo.talentpool.eu").first()
    assert source is not None, "load_demo first: no demo candidate"
    source_languages, source_consents = list(source.languages.all()), list(source.consents.all())
    copies = []
    with transaction.atomic():
        for i in range(args.candidates):
            profile = CandidateProfile.objects.get(pk=source.pk)
            profile.pk, profile.user, profile.external_id, profile.pseudonym = None, None, None, uuid.uuid4()
            profile.given_name = f"{source.given_name} {i + 1}"
            profile.status = CandidateProfile.Status.SUBMITTED
            profile.save()
            for row in source_languages:
                row.pk, row.profile = None, profile
                row.save()
            for row in source_consents:
                row.pk, row.profile = None, profile
                row.save()
            review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=profile, country=profile.nationality)
            copies.append(profile)
        now = timezone.now()
        for rank, profile in enumerate(copies[: args.released], start=1):
            match = Match.objects.create(
                vacancy=template,
                candidate=profile,
                status=Match.Status.RELEASED,
                score=0.8,
                rank=rank,
                released_at=now,
                released_by=caseworker,
            )
            MatchDecision.objects.create(
                match=match,
                actor=caseworker,
                actor_role=caseworker.role,
                action="release",
                from_status="proposed",
                to_status="released",
            )
    from django.apps import apps

    from core.db import refresh_statistics

    refresh_statistics(*apps.get_models())  # as autovacuum would have by the time such a world is in use
    print(
        f"seeded: {Vacancy.objects.filter(organisation=member.organisation).count()} vacancies for the demo employer,"
        f" {ReviewItem.objects.filter(status='open').count()} open queue items,"
        f" {Match.objects.filter(vacancy=template, status='released').count()} released to vacancy {template.pk}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
