from __future__ import annotations

from typing import Any

from django import template

from programmes.countries import country_name as _country_name
from programmes.languages import cefr_label
from programmes.languages import language_name as _language_name

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return _country_name(code)


@register.filter
def country_names(codes: list[str] | None) -> str:
    return ", ".join(_country_name(code) for code in codes or [])


@register.filter
def language_name(code: str) -> str:
    return _language_name(code)


@register.filter
def cefr(level: str) -> str:
    return cefr_label(level)


@register.filter
def nace_sections(codes: list[str] | None) -> str:
    """NACE section letters as their titles in the interface language ("Q · Human health and social work")."""
    from taxonomy.nace import NACE_SECTIONS

    titles = dict(NACE_SECTIONS)
    return ", ".join(str(titles.get(code, code)) for code in codes or [])


@register.filter
def esco_labels(concepts: Any) -> str:
    """ESCO occupations or skills as their labels in the interface language (English where ESCO has none)."""
    from taxonomy.selectors import labels_for

    items = list(concepts or [])
    labels = labels_for([item.uri for item in items])
    return ", ".join(labels.get(item.uri, item.preferred_label) for item in items)
