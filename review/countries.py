"""The country picker of the review pages: ISO 3166-1 alpha-2 codes, names in the interface language.

Names come from pycountry's own gettext catalogues (iso3166-1), so "Autriche" and "النمسا" are offered to French and
Arabic caseworkers; the code is what is stored, so a name can never be mistaken for another country's code.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django import forms
from django.utils.translation import get_language

from programmes.countries import country_choices, is_country_code


@lru_cache(maxsize=8)
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def localised_country_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = _catalogue((language or get_language() or "en")[:2])
    return sorted(((code, names.gettext(name)) for code, name in country_choices()), key=lambda pair: pair[1])


class CountryField(forms.ChoiceField):
    """A select of countries; accepts a code in any case, refuses anything that is not an ISO code."""

    def __init__(self, *, blank_label: str = "", **kwargs: object) -> None:
        self.blank_label = blank_label
        super().__init__(choices=self._choices_now, **kwargs)  # type: ignore[arg-type]

    def _choices_now(self) -> list[tuple[str, str]]:
        blank = [("", self.blank_label)] if not self.required else []
        return blank + localised_country_choices()

    def to_python(self, value: object) -> str:
        return super().to_python(value).strip().upper()

    def validate(self, value: str) -> None:
        if value and not is_country_code(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
