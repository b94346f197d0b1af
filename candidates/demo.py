"""Demo candidates: a Tunisian nurse (the demo login), a Moroccan hotel receptionist, a Moldovan software developer,
an Egyptian waiter and a Senegalese social care worker — with ESCO-linked skills, CEFR languages, education,
experience, mobility wishes, consents and, where a programme trained them, a credential.

Idempotent: users by e-mail, one profile per user, items only created for a profile that has none yet.
Embeddings and matches are made by the matching demo, which runs after this one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from candidates.consents import CONSENT_TEXTS
from candidates.esco_link import link_occupation, link_skill
from candidates.models import CandidateLanguage, CandidateProfile, CandidateSkill, Consent, Education, Experience
from candidates.searching import profile_search_text
from core.models import User
from core.roles import Role

PASSWORD = "demo-pass-2026"

PEOPLE: list[dict[str, Any]] = [
    {
        "email": "candidate@demo.talentpool.eu",
        "given_name": "Salma",
        "family_name": "Ben Youssef",
        "birth": dt.date(1998, 4, 2),
        "nationality": "TN",
        "gender": "female",
        "lang": "fr",
        "occupation": "nurse responsible for general care",
        "title": "infirmière polyvalente",
        "skills": [
            ("hygiene in a health care setting", 5),
            ("safe management of medicines", 4),
            ("soins palliatifs", 2),
        ],
        "languages": [("ar", "C2", ""), ("fr", "C1", ""), ("de", "B1", "Goethe-Zertifikat B1")],
        "education": (
            6,
            "Sciences infirmières",
            "Institut Supérieur des Sciences Infirmières de Sousse",
            "TN",
            2016,
            2019,
        ),
        "experience": (
            "nurse responsible for general care",
            "Hôpital Sahloul",
            "TN",
            dt.date(2019, 9, 1),
            "Infirmière en médecine interne, 30 lits.",
        ),
        "destinations": ["DE", "BE"],
        "sectors": ["Q"],
        "status": CandidateProfile.Status.VERIFIED,
        "programme": "thamm",
    },
    {
        "email": "youssef.candidate@demo.talentpool.eu",
        "given_name": "Youssef",
        "family_name": "El Amrani",
        "birth": dt.date(2000, 11, 20),
        "nationality": "MA",
        "gender": "male",
        "lang": "fr",
        "occupation": "hotel receptionist",
        "title": "réceptionniste",
        "skills": [("welcome guests", 3), ("check-in guests", 3)],
        "languages": [("ar", "C2", ""), ("fr", "C1", ""), ("de", "A2", "")],
        "education": (4, "Hôtellerie", "ISTAH Agadir", "MA", 2018, 2020),
        "experience": (
            "hotel receptionist",
            "Hôtel Atlas Agadir",
            "MA",
            dt.date(2020, 10, 1),
            "Accueil et réservations.",
        ),
        "destinations": ["DE"],
        "sectors": ["I"],
        "status": CandidateProfile.Status.SUBMITTED,
        "programme": "thamm",
    },
    {
        "email": "ion.candidate@demo.talentpool.eu",
        "given_name": "Ion",
        "family_name": "Rusu",
        "birth": dt.date(1997, 6, 8),
        "nationality": "MD",
        "gender": "undisclosed",
        "lang": "en",
        "occupation": "software developer",
        "title": "backend developer",
        "skills": [("Haskell", 1), ("Python (computer programming)", 5)],
        "languages": [("ro", "C2", ""), ("en", "B2", ""), ("ru", "C1", "")],
        "education": (6, "Computer science", "Technical University of Moldova", "MD", 2015, 2019),
        "experience": (
            "software developer",
            "Chisinau software studio",
            "MD",
            dt.date(2019, 7, 1),
            "REST APIs and data pipelines.",
        ),
        "destinations": ["SK", "BE"],
        "sectors": ["J"],
        "status": CandidateProfile.Status.VERIFIED,
        "programme": None,
    },
    {
        "email": "mona.candidate@demo.talentpool.eu",
        "given_name": "Mona",
        "family_name": "Hassan",
        "birth": dt.date(2001, 1, 15),
        "nationality": "EG",
        "gender": "female",
        "lang": "ar",
        "occupation": "waiter/waitress",
        "title": "نادلة",
        "skills": [("serve food in table service", 2)],
        "languages": [("ar", "C2", ""), ("en", "B1", "")],
        "education": (3, "Tourism", "Hurghada secondary school", "EG", 2015, 2018),
        "experience": ("waiter/waitress", "Red Sea resort", "EG", dt.date(2019, 5, 1), "خدمة المطعم والبار."),
        "destinations": [],
        "sectors": ["I"],
        "status": CandidateProfile.Status.DRAFT,
        "programme": None,
    },
    {
        "email": "awa.candidate@demo.talentpool.eu",
        "given_name": "Awa",
        "family_name": "Diop",
        "birth": dt.date(1996, 9, 30),
        "nationality": "SN",
        "gender": "female",
        "lang": "fr",
        "occupation": "social care worker",
        "title": "aide sociale",
        "skills": [("social work", 4)],
        "languages": [("wo", "C2", ""), ("fr", "C2", ""), ("it", "A2", "")],
        "education": (5, "Travail social", "ENTSS Dakar", "SN", 2015, 2017),
        "experience": (
            "social care worker",
            "Centre social de Pikine",
            "SN",
            dt.date(2017, 10, 1),
            "Accompagnement des familles.",
        ),
        "destinations": ["IT", "BE"],
        "sectors": ["Q"],
        "status": CandidateProfile.Status.SUBMITTED,
        "programme": None,
    },
]


def _user(email: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"role": Role.CANDIDATE, "email_verified": True})
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(*, stdout: Any) -> None:
    created = 0
    now = timezone.now()
    for person in PEOPLE:
        user = _user(person["email"])
        if user.preferred_language != person["lang"]:
            User.objects.filter(pk=user.pk).update(preferred_language=person["lang"])
        profile, new = CandidateProfile.objects.get_or_create(user=user, defaults={"contact_email": user.email})
        if not new and profile.skills.exists():
            continue
        created += 1
        occupation = link_occupation(person["occupation"])
        exp_title, employer, exp_country, start, description = person["experience"]
        for field, value in {
            "given_name": person["given_name"],
            "family_name": person["family_name"],
            "birth_date": person["birth"],
            "nationality": person["nationality"],
            "residence_country": person["nationality"],
            "gender": person["gender"],
            "desired_occupations_text": [person["occupation"]],
            "current_title": person["title"],
            "current_occupation": occupation,
            "text_language": person["lang"],
            "destinations": person["destinations"],
            "sectors": person["sectors"],
            "available_from": timezone.localdate() + dt.timedelta(days=120),
            "min_stay_months": 12,
            "max_stay_months": 36,
            "circular_migration_interest": True,
            "status": person["status"],
            "wizard_step": "review" if person["status"] != CandidateProfile.Status.DRAFT else "languages",
            "last_confirmed_at": now if person["status"] != CandidateProfile.Status.DRAFT else None,
            "submitted_at": now if person["status"] != CandidateProfile.Status.DRAFT else None,
        }.items():
            setattr(profile, field, value)
        profile.search_text = profile_search_text(profile)
        profile.save()
        if occupation is not None:
            profile.desired_occupations.add(occupation)
        for label, years in person["skills"]:
            CandidateSkill.objects.create(
                profile=profile, label=label, skill=link_skill(label), years=years, label_language=person["lang"]
            )
        for code, level, certificate in person["languages"]:
            CandidateLanguage.objects.get_or_create(
                profile=profile, code=code, defaults={"level": level, "certificate": certificate}
            )
        isced, field_, institution, country, start_year, end_year = person["education"]
        Education.objects.create(
            profile=profile,
            isced_level=isced,
            field=field_,
            institution=institution,
            country=country,
            start_year=start_year,
            end_year=end_year,
            text_language=person["lang"],
        )
        Experience.objects.create(
            profile=profile,
            title=exp_title,
            occupation=link_occupation(exp_title),
            employer_name=employer,
            country=exp_country,
            start=start,
            description=description,
            text_language=person["lang"],
        )
        if person["status"] != CandidateProfile.Status.DRAFT:
            for purpose, (version, _text) in CONSENT_TEXTS.items():
                Consent.objects.get_or_create(
                    profile=profile,
                    purpose=purpose,
                    withdrawn_at=None,
                    defaults={"text_version": version, "granted_at": now},
                )
        if person["programme"]:
            _credential(profile, person["programme"])
    stdout.write(f"candidates: {created} demo profiles created ({len(PEOPLE)} in the demo world)\n")


def _credential(profile: CandidateProfile, slug: str) -> None:
    from programmes.models import Credential, CredentialRecognition, Programme

    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        return
    cohort = programme.cohorts.order_by("start_date").first()
    credential, _ = Credential.objects.get_or_create(
        candidate=profile,
        programme=programme,
        defaults={
            "cohort": cohort,
            "title": f"{programme.acronym or programme.name} graduate",
            "status": Credential.Status.VERIFIED
            if profile.status == CandidateProfile.Status.VERIFIED
            else Credential.Status.CLAIMED,
            "completed_on": dt.date(2025, 12, 15),
        },
    )
    # Graduates of a programme have their recognition applied for in its destinations: in progress, not yet full.
    for country in programme.destination_countries:
        if country in profile.destinations:
            CredentialRecognition.objects.get_or_create(
                credential=credential,
                destination_country=country,
                defaults={"status": CredentialRecognition.Status.PENDING},
            )
