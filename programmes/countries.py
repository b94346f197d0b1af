"""Country codes and names (ISO 3166-1 alpha-2 via pycountry, plus Kosovo's user-assigned XK)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

EXTRA = {"XK": "Kosovo"}

# Destinations: the EU, the EEA and Switzerland (where candidates go and employers are).
EUROPE_CODES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
    "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH",
)  # fmt: skip


@lru_cache(maxsize=1)
def country_choices() -> list[tuple[str, str]]:
    names = {country.alpha_2: getattr(country, "common_name", None) or country.name for country in pycountry.countries}
    names.update(EXTRA)
    return sorted(names.items(), key=lambda item: item[1])


def country_name(code: str) -> str:
    code = (code or "").upper()
    if code in EXTRA:
        return EXTRA[code]
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def is_country_code(code: str) -> bool:
    return code.upper() in dict(country_choices())
