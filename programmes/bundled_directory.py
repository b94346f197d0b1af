"""The directory's bundled content: the programmes and schemes described in the inform, and the WHO safeguards list.

Loaded by data migrations so that `migrate` alone gives a usable directory. The loaders take the model classes as
arguments, so migrations can pass their historical models. They never overwrite a row that already exists: once an
administrator edits a programme, re-running the loader leaves it alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
PROGRAMMES_FILE = DATA_DIR / "programmes.json"
SAFEGUARDS_FILE = DATA_DIR / "who-safeguards-list-2023.json"

COMPONENT_FIELDS = {
    "state_cooperation": ("has_state_cooperation", "state_cooperation_note"),
    "multi_stakeholder": ("has_multi_stakeholder", "multi_stakeholder_note"),
    "training": ("has_training", "training_note"),
    "skills_recognition": ("has_skills_recognition", "skills_recognition_note"),
    "mobility": ("has_mobility", "mobility_note"),
}
PROGRAMME_FIELDS = (
    "name",
    "acronym",
    "kind",
    "status",
    "summary",
    "origin_countries",
    "destination_countries",
    "sectors",
    "funding_source",
    "start_date",
    "end_date",
    "capacity",
    "targets",
    "trained_count",
    "placed_count",
    "returned_count",
    "outcome_note",
    "sources",
    "source_note",
    "how_to_join",
)
SCHEME_FIELDS = (
    "name",
    "summary",
    "destination_country",
    "eligible_nationalities",
    "min_age",
    "max_age",
    "min_stay_months",
    "max_stay_months",
    "renewals",
    "renewal_months",
    "min_language_code",
    "min_language_level",
    "sectors",
    "isco_prefixes",
    "is_government_to_government",
    "work_allowed_pending_recognition",
    "reservation_months",
    "reserved_destinations",
    "return_required",
    "annual_quota",
    "source_note",
)


def read_programmes() -> list[dict[str, Any]]:
    return json.loads(PROGRAMMES_FILE.read_text(encoding="utf-8"))["programmes"]


def read_safeguards() -> dict[str, Any]:
    return json.loads(SAFEGUARDS_FILE.read_text(encoding="utf-8"))


def load_programmes(*, Programme: Any, LegalScheme: Any, Stakeholder: Any, ProgrammePartner: Any) -> int:
    """Create the bundled programmes, their schemes and partners that do not exist yet. Returns programmes created."""
    created_count = 0
    for entry in read_programmes():
        defaults = {field: entry[field] for field in PROGRAMME_FIELDS}
        for key, (flag, note) in COMPONENT_FIELDS.items():
            defaults[flag], defaults[note] = entry["components"][key]
        programme, created = Programme.objects.get_or_create(slug=entry["slug"], defaults=defaults)
        created_count += int(created)
        for partner in entry["partners"]:
            stakeholder, _ = Stakeholder.objects.get_or_create(
                name=partner["name"], defaults={"kind": partner["kind"], "country": partner["country"]}
            )
            ProgrammePartner.objects.get_or_create(programme=programme, stakeholder=stakeholder, role=partner["role"])
        for scheme_entry in entry["schemes"]:
            LegalScheme.objects.get_or_create(
                slug=scheme_entry["slug"],
                defaults={"programme": programme, **{field: scheme_entry[field] for field in SCHEME_FIELDS}},
            )
    return created_count


def load_safeguards(*, SafeguardListEdition: Any, SafeguardCountry: Any) -> None:
    data = read_safeguards()
    edition, _ = SafeguardListEdition.objects.get_or_create(
        edition=data["edition"],
        defaults={"published_on": data["published_on"], "source": data["source"], "is_active": True},
    )
    for row in data["countries"]:
        SafeguardCountry.objects.get_or_create(edition=edition, country=row["country"], defaults={"name": row["name"]})


def link_occupations(*, Programme: Any, LegalScheme: Any, Occupation: Any) -> int:
    """Attach the ESCO occupations named in the bundled content, where the taxonomy holds them. Returns links added."""
    added = 0
    for entry in read_programmes():
        pairs = [(Programme, entry["slug"], entry["occupation_uris"])]
        pairs += [(LegalScheme, scheme["slug"], scheme["occupation_uris"]) for scheme in entry["schemes"]]
        for model, slug, uris in pairs:
            obj = model.objects.filter(slug=slug).first()
            if obj is None or not uris:
                continue
            occupations = list(Occupation.objects.filter(uri__in=uris))
            already = set(obj.occupations.values_list("pk", flat=True))
            new = [occupation for occupation in occupations if occupation.pk not in already]
            obj.occupations.add(*new)
            added += len(new)
    return added
