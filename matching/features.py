"""Frozen inputs of the pure matching engine: what the rules and scores know about a candidate and a vacancy.

Pure module: imports nothing from Django. The pipeline (`matching.pipeline`) builds these from the database in a
few queries; tests build them directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CEFR_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "NATIVE": 7}


def cefr_rank(level: str | None) -> int:
    """A1 → 1 … C2 → 6, a native speaker 7 (meets every minimum); unknown or missing → 0 (below any minimum)."""
    return CEFR_ORDER.get((level or "").upper(), 0)


@dataclass(frozen=True)
class Reservation:
    """An anti-poaching window: until `until`, the graduate may only be matched to the reserved parties."""

    programme_id: int
    until: dt.date
    destinations: tuple[str, ...] = ()
    employer_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ExperienceItem:
    occupation_uri: str
    isco_group: str
    months: int


@dataclass(frozen=True)
class CandidateFeatures:
    id: int
    external_id: str = ""
    active: bool = True
    matching_consent: bool = True
    nationality: str = ""
    birth_date: dt.date | None = None
    destinations: tuple[str, ...] = ()
    available_from: dt.date | None = None
    languages: tuple[tuple[str, str], ...] = ()  # (ISO 639-1 code, CEFR level)
    skills: frozenset[str] = frozenset()  # ESCO skill URIs held (self-declared or certified)
    verified_skills: frozenset[str] = frozenset()  # ESCO skill URIs certified by a verified/issued credential
    occupations: tuple[tuple[str, str], ...] = ()  # (ESCO occupation URI, 4-digit ISCO group) held or sought
    experience: tuple[ExperienceItem, ...] = ()
    reservations: tuple[Reservation, ...] = ()
    recognitions: tuple[tuple[str, str], ...] = ()  # (destination country, best recognition status)

    def language_level(self, code: str) -> int:
        return max((cefr_rank(level) for c, level in self.languages if c == code), default=0)


@dataclass(frozen=True)
class SchemeFeatures:
    id: int
    eligible_nationalities: tuple[str, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    max_stay_months: int | None = None
    # Remaining annual places per nationality ("" = the all-nationality figure); None = no quota set.
    quota_remaining: tuple[tuple[str, int | None], ...] = ()

    def remaining_for(self, nationality: str) -> int | None:
        table = dict(self.quota_remaining)
        if nationality in table:
            return table[nationality]
        return table.get("")


@dataclass(frozen=True)
class VacancyFeatures:
    id: int
    country: str
    external_id: str = ""
    organisation_id: int = 0
    occupation_uri: str = ""
    isco_group: str = ""
    essential_skills: frozenset[str] = frozenset()
    optional_skills: frozenset[str] = frozenset()
    languages: tuple[tuple[str, str], ...] = ()  # (code, minimum CEFR level)
    start_date: dt.date | None = None
    duration_months: int | None = None
    requires_recognition: bool = False
    accepts_recognition_pending: bool = False
    programme_id: int | None = None
    government_to_government: bool = False
    scheme: SchemeFeatures | None = None

    @property
    def is_health_occupation(self) -> bool:
        return self.isco_group[:2] in {"22", "32"}


@dataclass(frozen=True)
class MatchContext:
    """Everything a rule needs beyond the pair: the date of evaluation, the WHO list, legal working ages."""

    today: dt.date
    safeguard_countries: frozenset[str] = frozenset()
    legal_working_age: tuple[tuple[str, int], ...] = ()  # per destination; DEFAULT_LEGAL_AGE otherwise
    default_legal_age: int = 18

    def legal_age(self, country: str) -> int:
        return dict(self.legal_working_age).get(country, self.default_legal_age)

    @property
    def reference_fields(self) -> dict[str, object]:
        return {"today": self.today.isoformat(), "safeguard_countries": sorted(self.safeguard_countries)}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
