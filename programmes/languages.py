"""Language codes and names (ISO 639-1 via pycountry) and the CEFR levels in words.

The one source of language names: forms, cards and summaries ask `language_name` or `language_choices`, named in
the interface language from pycountry's own gettext catalogue (iso639-3) and sorted by that name.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from programmes.countries import interface_language, sort_key

# The CEFR's own global scale: A1 and A2 basic, B1 and B2 independent, C1 and C2 proficient users.
CEFR_WORDS = {
    "A1": _("beginner"),
    "A2": _("elementary"),
    "B1": _("intermediate"),
    "B2": _("upper intermediate"),
    "C1": _("advanced"),
    "C2": _("mastery"),
}


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    return {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@lru_cache(maxsize=8)
def _names(language: str) -> dict[str, str]:
    catalogue = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    return {code: catalogue.gettext(name) for code, name in _english_names().items()}


@lru_cache(maxsize=8)
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(_names(language).items(), key=lambda item: sort_key(item[1])))


def language_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) of every ISO 639-1 language, named and sorted in the interface language (or `language`)."""
    return list(_choices(interface_language(language)))


def language_name(code: str, language: str | None = None) -> str:
    code = (code or "").lower()
    return _names(interface_language(language)).get(code, code.upper())


def language_codes() -> frozenset[str]:
    return frozenset(_english_names())


def cefr_label(level: str) -> str:
    """ "B1 · intermediate" (in the interface language); an unknown level is shown as it is."""
    if (level or "").lower() == "native":
        return str(_("native speaker"))
    level = (level or "").upper()
    words = CEFR_WORDS.get(level)
    return f"{level} · {words}" if words else level


def cefr_choices(*, native: bool = False) -> list[tuple[str, str]]:
    """The CEFR levels in words; with `native`, also "native speaker" (what a candidate may say of herself; a vacancy's
    minimum is a CEFR level)."""
    levels = [(level, cefr_label(level)) for level in CEFR_WORDS]
    return [*levels, ("native", cefr_label("native"))] if native else levels


def untranslated_note(content_language: str) -> str:
    """What a reader is told when texts are in another language than the interface; empty when they match."""
    content_language = (content_language or "").lower()
    if not content_language or content_language == interface_language():
        return ""
    return translation.gettext(
        "The programme's texts, in the language they were written in (%(language)s); not translated."
    ) % {"language": language_name(content_language)}
