"""The country picker of the review pages: ISO 3166-1 alpha-2 codes, names in the interface language.

Names come from programmes.countries (pycountry's own gettext catalogues), so "Autriche" and "النمسا" are offered
to French and Arabic caseworkers; the code is what is stored, so a name can never be mistaken for another country's code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms

from programmes.countries import country_choices, is_country_code

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CountryField(forms.ChoiceField):
    """A select of countries; accepts a code in any case, refuses anything that is not an ISO code."""

    def __init__(self, *, blank_label: StrOrPromise = "", **kwargs: object) -> None:
        self.blank_label = blank_label
        super().__init__(choices=self._choices_now, **kwargs)  # type: ignore[arg-type]

    def _choices_now(self) -> list[tuple[str, StrOrPromise]]:
        blank: list[tuple[str, StrOrPromise]] = [("", self.blank_label)] if not self.required else []
        return blank + country_choices()

    def to_python(self, value: object) -> str:
        return super().to_python(value).strip().upper()

    def validate(self, value: str) -> None:
        if value and not is_country_code(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
