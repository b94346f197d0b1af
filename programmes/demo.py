"""Demo world for the programme directory: the bundled programmes (as a fresh install has them, with occupations
linked), a programme administrator for THAMM and PALIM, training institutes, cohorts, and this year's quota rows.

Idempotent: users by e-mail, stakeholders by name, cohorts by (programme, name), quotas by (scheme, year, nationality).
Candidates and their credentials belong to the candidates' demo, which runs after this one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from core.models import User
from core.roles import Role
from programmes import bundled_directory
from programmes.models import (
    Cohort,
    LegalScheme,
    Programme,
    ProgrammePartner,
    SafeguardCountry,
    SafeguardListEdition,
    SchemeQuota,
    Stakeholder,
)
from taxonomy.models import Occupation, Skill

PASSWORD = "demo-pass-2026"
ADMIN_EMAIL = "programme-admin@demo.talentpool.eu"

TRAINING_INSTITUTES = [
    # (programme slug, stakeholder name, country, cohort name, size, start, end, status, curriculum skill labels)
    (
        "thamm",
        "Institut Spécialisé de Technologie Appliquée Hôtelière, Agadir (demo)",
        "MA",
        "Hospitality Agadir 2026",
        40,
        dt.date(2026, 3, 1),
        dt.date(2026, 12, 15),
        Cohort.Status.TRAINING,
        ["welcome guests", "check-in guests"],
    ),
    (
        "thamm",
        "Institut Spécialisé de Technologie Appliquée Hôtelière, Agadir (demo)",
        "MA",
        "Hospitality Agadir 2027",
        40,
        dt.date(2027, 3, 1),
        dt.date(2027, 12, 15),
        Cohort.Status.OPEN,
        ["welcome guests"],
    ),
    (
        "palim",
        "ICT training centre Casablanca (demo)",
        "MA",
        "ICT Casablanca 2020",
        20,
        dt.date(2020, 1, 15),
        dt.date(2020, 9, 30),
        Cohort.Status.COMPLETED,
        [],
    ),
]


def _user(email: str, role: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"role": role, "email_verified": True})
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(*, stdout: Any) -> None:
    bundled_directory.load_programmes(
        Programme=Programme, LegalScheme=LegalScheme, Stakeholder=Stakeholder, ProgrammePartner=ProgrammePartner
    )
    bundled_directory.load_safeguards(SafeguardListEdition=SafeguardListEdition, SafeguardCountry=SafeguardCountry)
    linked = bundled_directory.link_occupations(Programme=Programme, LegalScheme=LegalScheme, Occupation=Occupation)

    admin = _user(ADMIN_EMAIL, Role.PROGRAMME_ADMIN)
    for slug in ("thamm", "palim"):
        Programme.objects.get(slug=slug).administrators.add(admin)

    for slug, name, country, cohort_name, size, start, end, status, skill_labels in TRAINING_INSTITUTES:
        programme = Programme.objects.get(slug=slug)
        institute, _ = Stakeholder.objects.get_or_create(
            name=name, defaults={"kind": Stakeholder.Kind.TRAINING_INSTITUTE, "country": country}
        )
        ProgrammePartner.objects.get_or_create(
            programme=programme, stakeholder=institute, role=ProgrammePartner.Role.TRAINING_PROVIDER
        )
        cohort, _ = Cohort.objects.get_or_create(
            programme=programme,
            name=cohort_name,
            defaults={
                "training_provider": institute,
                "size": size,
                "start_date": start,
                "end_date": end,
                "status": status,
            },
        )
        skills = [skill for label in skill_labels for skill in Skill.objects.filter(preferred_label=label)[:1]]
        cohort.curriculum.add(*skills)

    year = timezone.localdate().year
    for scheme in LegalScheme.objects.exclude(annual_quota=None):
        assert scheme.annual_quota is not None  # excluded above
        SchemeQuota.objects.get_or_create(
            scheme=scheme, year=year, nationality="", defaults={"quota": scheme.annual_quota}
        )

    stdout.write(
        f"programmes: {Programme.objects.count()} programmes, {LegalScheme.objects.count()} schemes, "
        f"{linked} occupation link(s) added; {ADMIN_EMAIL} administers THAMM and PALIM\n"
    )
