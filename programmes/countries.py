"""Country codes and names (ISO 3166-1 alpha-2 via pycountry, plus Kosovo's user-assigned XK).

This is the one source of country names: every list, select and label asks `country_name` or `country_choices`,
so a country is spelt the same everywhere. Names are pycountry's short names ("South Korea", not "Korea, Republic
of") in the interface language, from pycountry's own gettext catalogue (iso3166-1); choices sort by that name.
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

import pycountry
from django.utils.translation import get_language

# Not in ISO 3166-1, so not in pycountry's catalogues: named here in each interface language.
EXTRA = {"XK": {"en": "Kosovo", "fr": "Kosovo", "ar": "كوسوفو"}}

# Destinations: the EU, the EEA and Switzerland (where candidates go and employers are).
EUROPE_CODES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH",
)  # fmt: skip


def interface_language(language: str | None = None) -> str:
    return (language or get_language() or "en")[:2].lower()


def sort_key(name: str) -> str:
    """Sort "Égypte" with the E's: compare without accents and case."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    return {country.alpha_2: getattr(country, "common_name", None) or country.name for country in pycountry.countries}


@lru_cache(maxsize=8)
def _names(language: str) -> dict[str, str]:
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    names = {code: catalogue.gettext(name) for code, name in _english_names().items()}
    names.update({code: spelling.get(language, spelling["en"]) for code, spelling in EXTRA.items()})
    return names


@lru_cache(maxsize=8)
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_names(language).items(), key=lambda item: sort_key(item[1])))


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every country, named and sorted in the interface language (or `language`)."""
    return list(_choices(interface_language(language)))


def europe_choices(language: str | None = None) -> list[tuple[str, str]]:
    """The destinations (EU, EEA, Switzerland), named and sorted in the interface language."""
    return [(code, name) for code, name in _choices(interface_language(language)) if code in EUROPE_CODES]


def country_name(code: str, language: str | None = None) -> str:
    code = (code or "").upper()
    return _names(interface_language(language)).get(code, code)


def country_codes() -> frozenset[str]:
    return frozenset(_english_names()) | frozenset(EXTRA)


def is_country_code(code: str) -> bool:
    return (code or "").upper() in country_codes()
