"""Checks on what a candidate enters, shared by the wizard's forms, the services and the API.

Each check raises `core.exceptions.ValidationFailed` naming the field, with a message safe to show.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ValidationFailed
from programmes import countries, languages

# Two dates, or two years: never one of each.
_DateOrYear = TypeVar("_DateOrYear", dt.date, int)

LEGAL_AGE = 18
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
# A candidate may also speak a language as her mother tongue: above C2 for every minimum (matching.features).
NATIVE = "native"
CANDIDATE_LEVELS = (*CEFR, NATIVE)
ISCED_LEVELS = tuple(range(9))
MAX_YEARS = 70


def country_codes() -> frozenset[str]:
    return countries.country_codes()


def language_codes() -> frozenset[str]:
    return languages.language_codes()


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_birth_date(value: dt.date | None, *, field: str = "birth_date") -> None:
    if value is None:
        return
    today = timezone.localdate()
    if value >= today:
        raise ValidationFailed(_("The birth date must be in the past."), field=field)
    if value.year < 1900:
        raise ValidationFailed(_("Please check the birth date: the year is too early."), field=field)
    if age_on(value, today) < LEGAL_AGE:
        raise ValidationFailed(
            _("You must be at least %(age)d years old to join the talent pool.") % {"age": LEGAL_AGE}, field=field
        )


def check_country(value: str, *, field: str, allow_blank: bool = True) -> str:
    value = (value or "").strip().upper()
    if not value:
        if allow_blank:
            return ""
        raise ValidationFailed(_("Please choose a country."), field=field)
    if value not in country_codes():
        raise ValidationFailed(_("“%(code)s” is not a known country code.") % {"code": value[:10]}, field=field)
    return value


def check_countries(values: list[str], *, field: str) -> list[str]:
    if not isinstance(values, list):
        raise ValidationFailed(_("Expected a list of country codes."), field=field)
    return sorted({check_country(str(v), field=field, allow_blank=False) for v in values})


def check_language(value: str, *, field: str = "code") -> str:
    value = (value or "").strip().lower()
    if value not in language_codes():
        raise ValidationFailed(_("“%(code)s” is not an ISO 639-1 language code.") % {"code": value[:10]}, field=field)
    return value


def check_cefr(value: str, *, field: str = "level") -> str:
    value = (value or "").strip()
    if value.lower() == NATIVE:
        return NATIVE
    value = value.upper()
    if value not in CEFR:
        raise ValidationFailed(_("The level must be one of A1, A2, B1, B2, C1, C2, or native."), field=field)
    return value


def check_date_order(start: _DateOrYear | None, end: _DateOrYear | None, *, field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationFailed(_("The end must not be before the start."), field=field)


def check_not_future(value: dt.date | None, *, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationFailed(_("This date cannot be in the future."), field=field)


def check_year(value: int | None, *, field: str) -> None:
    if value is None:
        return
    if value < 1900 or value > timezone.localdate().year + 10:
        raise ValidationFailed(
            _("Please enter a year between 1900 and %(max)d.") % {"max": timezone.localdate().year + 10}, field=field
        )


def check_years_of_practice(value: int | None, *, field: str = "years") -> None:
    if value is not None and not (0 <= value <= MAX_YEARS):
        raise ValidationFailed(_("Years must be between 0 and %(max)d.") % {"max": MAX_YEARS}, field=field)


def check_isced(value: int | None, *, field: str = "isced_level") -> None:
    if value is not None and value not in ISCED_LEVELS:
        raise ValidationFailed(_("The ISCED level must be between 0 and 8."), field=field)


def check_stay(min_months: int | None, max_months: int | None) -> None:
    for name, value in (("min_stay_months", min_months), ("max_stay_months", max_months)):
        if value is not None and not (1 <= value <= 240):
            raise ValidationFailed(_("A stay must be between 1 and 240 months."), field=name)
    if min_months is not None and max_months is not None and max_months < min_months:
        raise ValidationFailed(_("The longest stay cannot be shorter than the shortest stay."), field="max_stay_months")
