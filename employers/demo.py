"""Demo world for the employers part: vetted and pending organisations, their members, and a few vacancies.

Idempotent: organisations by (legal name, country), vacancies by `external_id`, users by e-mail. Vacancies are
published directly (not through `vacancy_publish`) so no match run starts before the candidates' demo exists;
the matching demo runs the matching afterwards.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from core.models import User
from core.roles import Role
from employers.models import Membership, Organisation, ProgrammeParticipation, Vacancy, VacancyLanguage
from taxonomy.selectors import occupation_skill_shortlist

if TYPE_CHECKING:
    from taxonomy.models import Skill

PASSWORD = "demo-pass-2026"

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "legal_name": "Klinikum Hamburg-Nord gGmbH",
        "country": "DE",
        "registration_number": "HRB 104233",
        "sector": "Q",
        "size": "large",
        "website": "https://klinikum-nord.example",
        "address": "Langenhorner Chaussee 560, 22419 Hamburg",
        "status": Organisation.Status.VETTED,
        "members": ["employer@demo.talentpool.eu", "hr-nursing@demo.talentpool.eu"],
    },
    {
        "legal_name": "Hotel Alpenblick GmbH",
        "country": "AT",
        "registration_number": "FN 287311k",
        "sector": "I",
        "size": "small",
        "website": "https://alpenblick.example",
        "address": "Dorfstraße 12, 6370 Kitzbühel",
        "status": Organisation.Status.VETTED,
        "members": ["hotel@demo.talentpool.eu"],
    },
    {
        "legal_name": "Kraus Hochbau GmbH",
        "country": "DE",
        "registration_number": "HRB 55120",
        "sector": "F",
        "size": "medium",
        "website": "",
        "address": "Industriestraße 4, 04109 Leipzig",
        "status": Organisation.Status.PENDING,
        "members": ["builder@demo.talentpool.eu"],
    },
]

VACANCIES: list[dict[str, Any]] = [
    {
        "external_id": "demo-klinikum-nurses",
        "org": "Klinikum Hamburg-Nord gGmbH",
        "occupation": "nurse responsible for general care",
        "title": "Registered nurses for surgical and internal medicine wards",
        "description": "Full recognition as a nurse in Germany is supported: we pay the adaptation course and the B2 German course. "
        "Shift work in a team of 24; accommodation for the first six months.",
        "country": "DE",
        "city": "Hamburg",
        "sector": "Q",
        "positions": 6,
        "contract_type": Vacancy.ContractType.PERMANENT,
        "duration_months": None,
        "start_in_days": 150,
        "pay_min": 3300,
        "pay_max": 4100,
        "pay_period": Vacancy.PayPeriod.MONTH,
        "accepts_recognition_pending": True,
        "languages": [("de", "B1")],
        "programme": "triple-win",
        "scheme": "de-triple-win-nurses",
        "status": Vacancy.Status.PUBLISHED,
    },
    {
        "external_id": "demo-klinikum-care",
        "org": "Klinikum Hamburg-Nord gGmbH",
        "occupation": "social care worker",
        "title": "Care assistants (geriatric care)",
        "description": "Support older patients in daily life on our geriatric ward.",
        "country": "DE",
        "city": "Hamburg",
        "sector": "Q",
        "positions": 4,
        "contract_type": Vacancy.ContractType.FIXED_TERM,
        "duration_months": 24,
        "start_in_days": 120,
        "pay_min": 2700,
        "pay_max": 3000,
        "pay_period": Vacancy.PayPeriod.MONTH,
        "accepts_recognition_pending": True,
        "languages": [("de", "A2")],
        "programme": None,
        "scheme": None,
        "status": Vacancy.Status.DRAFT,
    },
    {
        "external_id": "demo-alpenblick-reception",
        "org": "Hotel Alpenblick GmbH",
        "occupation": "hotel receptionist",
        "title": "Hotel receptionist for the winter and summer seasons",
        "description": "Front desk of a 60-room family hotel. German and English with guests; staff room provided.",
        "country": "AT",
        "city": "Kitzbühel",
        "sector": "I",
        "positions": 2,
        "contract_type": Vacancy.ContractType.SEASONAL,
        "duration_months": 9,
        "start_in_days": 90,
        "pay_min": 2100,
        "pay_max": 2400,
        "pay_period": Vacancy.PayPeriod.MONTH,
        "accepts_recognition_pending": False,
        "languages": [("de", "B1"), ("en", "B2")],
        "programme": None,
        "scheme": None,
        "status": Vacancy.Status.PUBLISHED,
    },
    {
        "external_id": "demo-kraus-bricklayers",
        "org": "Kraus Hochbau GmbH",
        "occupation": "bricklayer",
        "title": "Bricklayers for residential construction",
        "description": "Residential building sites around Leipzig.",
        "country": "DE",
        "city": "Leipzig",
        "sector": "F",
        "positions": 5,
        "contract_type": Vacancy.ContractType.FIXED_TERM,
        "duration_months": 12,
        "start_in_days": 100,
        "pay_min": 2900,
        "pay_max": 3300,
        "pay_period": Vacancy.PayPeriod.MONTH,
        "accepts_recognition_pending": True,
        "languages": [("de", "A2")],
        "programme": None,
        "scheme": None,
        "status": Vacancy.Status.DRAFT,
    },
]


def _user(email: str, role: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"role": role, "email_verified": True})
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


def _first_member(organisation: Organisation) -> User:
    membership = organisation.memberships.order_by("joined_at").first()
    assert membership is not None  # every demo organisation is created with its members
    return membership.user


@transaction.atomic
def load(*, stdout: Any) -> None:
    from programmes.models import LegalScheme, Programme
    from review.models import ReviewItem
    from review.services import review_item_open
    from taxonomy.models import Occupation

    caseworker = _user("caseworker@demo.talentpool.eu", Role.CASEWORKER)
    organisations: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        spec = dict(spec)
        members = spec.pop("members")
        status = spec.pop("status")
        org, created = Organisation.objects.get_or_create(
            legal_name=spec["legal_name"],
            country=spec["country"],
            defaults={**spec, "status": status, "pledge_accepted_at": timezone.now()},
        )
        if created and status == Organisation.Status.VETTED:
            org.vetted_by, org.vetted_at = caseworker, timezone.now()
            org.save(update_fields=["vetted_by", "vetted_at"])
        for i, email in enumerate(members):
            Membership.objects.get_or_create(
                user=_user(email, Role.EMPLOYER), organisation=org, defaults={"is_admin": i == 0}
            )
        if org.status == Organisation.Status.PENDING:
            review_item_open(
                kind=ReviewItem.Kind.ORGANISATION, organisation=org, country=org.country, sector=org.sector
            )
        organisations[org.legal_name] = org

    today = timezone.localdate()
    made = 0
    for spec in VACANCIES:
        if Vacancy.objects.filter(external_id=spec["external_id"]).exists():
            continue
        occupation = Occupation.objects.filter(preferred_label=spec["occupation"]).first()
        programme = Programme.objects.filter(slug=spec["programme"]).first() if spec["programme"] else None
        if programme is not None:  # an employer partner of the programme, as a caseworker would record it
            ProgrammeParticipation.objects.get_or_create(
                organisation=organisations[spec["org"]], programme=programme, ended_at=None
            )
        vacancy = Vacancy.objects.create(
            organisation=organisations[spec["org"]],
            external_id=spec["external_id"],
            title=spec["title"],
            description=spec["description"],
            description_language="en",
            occupation=occupation,
            country=spec["country"],
            city=spec["city"],
            sector=spec["sector"],
            positions=spec["positions"],
            contract_type=spec["contract_type"],
            duration_months=spec["duration_months"],
            start_date=today + dt.timedelta(days=spec["start_in_days"]),
            pay_min=spec["pay_min"],
            pay_max=spec["pay_max"],
            pay_currency="EUR",
            pay_period=spec["pay_period"],
            accepts_recognition_pending=spec["accepts_recognition_pending"],
            requires_recognition=bool(occupation and occupation.is_regulated),
            programme=programme,
            scheme=LegalScheme.objects.filter(slug=spec["scheme"]).first() if spec["scheme"] else None,
            status=spec["status"],
            expires_on=today + dt.timedelta(days=60),
            published_at=timezone.now() if spec["status"] == Vacancy.Status.PUBLISHED else None,
            created_by=_first_member(organisations[spec["org"]]),
        )
        if occupation is not None:
            essential = occupation_skill_shortlist(occupation=occupation)
            optional: list[Skill] = []
            from employers.models import VacancySkill

            VacancySkill.objects.bulk_create(
                [VacancySkill(vacancy=vacancy, skill=s, is_essential=True) for s in essential]
                + [VacancySkill(vacancy=vacancy, skill=s, is_essential=False) for s in optional]
            )
        VacancyLanguage.objects.bulk_create(
            [VacancyLanguage(vacancy=vacancy, code=c, min_level=lv) for c, lv in spec["languages"]]
        )
        made += 1
    stdout.write(
        f"employers: {len(organisations)} organisations, {made} new vacancies (logins: employer@, hotel@, builder@demo.talentpool.eu)\n"
    )
