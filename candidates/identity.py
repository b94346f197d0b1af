"""Names and identity document numbers: one normal form for storing them and one key for comparing them.

Duplicate detection (candidates.services.duplicates) must not be evaded by text that looks the same and differs in
code points: a zero-width space, a Cyrillic "о" for a Latin "o", full-width digits. And a name must be something a
caseworker can read: not only invisible characters, and no bidirectional control characters, which reorder what is
displayed around them (U+202E RIGHT-TO-LEFT OVERRIDE before "adbA" makes it read "Abda").

* `normalise_identifier`: NFKC (full-width and other compatibility forms become plain letters and digits), every
  decimal digit of any script becomes 0-9, upper case, Cyrillic and Greek look-alikes of Latin letters become those
  letters (`CONFUSABLES`), and only letters and digits are kept (spaces, hyphens, and format characters such as
  U+200B ZERO WIDTH SPACE go). Letters are not folded into digits: "O" and "0" stay different, as on the documents.
* `clean_person_name`: refuses bidirectional controls and names without a letter; otherwise NFKC, format characters
  (Unicode category Cf) removed except a ZERO WIDTH NON-JOINER or JOINER between two letters of a script that uses
  them (Arabic and Persian, Syriac, N'Ko, Mongolian, the Indic scripts: Persian writes a ZWNJ inside many
  words and names), control characters and runs of white space made one space. Arabic, accented Latin, Romanian ș/ț, German ß, hyphens and apostrophes are kept.
* `name_key`: what two names are compared by: the cleaned name without any format character, with look-alikes
  folded, case-folded. The stored name keeps its own script; only the key is folded.

The look-alike table is written out here rather than taken from a package: the maintained options on PyPI either
only detect confusables (confusable-homoglyphs) or transliterate (anyascii, which reads Cyrillic "Р" as "R", not the
"P" it looks like). It covers the Cyrillic and Greek letters that Unicode's confusables list (UTS #39) gives as
look-alikes of a single Latin letter.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from core.exceptions import ValidationFailed

# Look-alikes of capital Latin letters, applied after upper-casing (so lower-case "о", "р", "с"... are covered).
CONFUSABLES_UPPER = {
    # Cyrillic
    "\u0410": "A",  # А
    "\u0412": "B",  # В
    "\u0415": "E",  # Е
    "\u041a": "K",  # К
    "\u041c": "M",  # М
    "\u041d": "H",  # Н
    "\u041e": "O",  # О
    "\u0420": "P",  # Р
    "\u0421": "C",  # С
    "\u0422": "T",  # Т
    "\u0423": "Y",  # У
    "\u0425": "X",  # Х
    "\u0405": "S",  # Ѕ
    "\u0406": "I",  # І
    "\u0408": "J",  # Ј
    "\u04ae": "Y",  # Ү
    "\u04c0": "I",  # Ӏ
    "\u051a": "Q",  # Ԛ
    "\u051c": "W",  # Ԝ
    # Greek
    "\u0391": "A",  # Α
    "\u0392": "B",  # Β
    "\u0395": "E",  # Ε
    "\u0396": "Z",  # Ζ
    "\u0397": "H",  # Η
    "\u0399": "I",  # Ι
    "\u039a": "K",  # Κ
    "\u039c": "M",  # Μ
    "\u039d": "N",  # Ν
    "\u039f": "O",  # Ο
    "\u03a1": "P",  # Ρ
    "\u03a4": "T",  # Τ
    "\u03a5": "Y",  # Υ
    "\u03a7": "X",  # Χ
}
# Small letters whose capital looks like another Latin letter (Greek "ν" looks like "v", its capital "Ν" like "N"):
# folded before upper-casing.
CONFUSABLES_LOWER = {
    "\u03bd": "v",  # ν
    "\u03c5": "u",  # υ
    "\u04bb": "h",  # һ
    "\u0501": "d",  # ԁ
    "\u04cf": "l",  # ӏ
    "\u0261": "g",  # ɡ (Latin script small g)
    "\u0251": "a",  # ɑ
}
_UPPER_TABLE = str.maketrans(CONFUSABLES_UPPER)
_LOWER_TABLE = str.maketrans(CONFUSABLES_LOWER)

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZWNJ, ZWJ = "\u200c", "\u200d"
# Letters that render as nothing and are not format characters (Hangul fillers): invisible, so never a name.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# Scripts that write ZWNJ/ZWJ inside words: Arabic (with Persian, Urdu...), Syriac, N'Ko, the Indic scripts from
# Devanagari to Sinhala, Mongolian, and the Arabic presentation forms.
JOINING_SCRIPT_RANGES = (
    (0x0600, 0x06FF),
    (0x0700, 0x074F),
    (0x0750, 0x077F),
    (0x07C0, 0x07FF),
    (0x0870, 0x08FF),
    (0x0900, 0x0DFF),
    (0x1800, 0x18AF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_SPACES = re.compile(r"\s+")


def fold_confusables(text: str) -> str:
    """Upper-cased text with Cyrillic and Greek look-alikes of Latin letters replaced by those letters."""
    return text.translate(_LOWER_TABLE).upper().translate(_UPPER_TABLE)


def normalise_identifier(value: str) -> str:
    """An identity document number as it is stored and compared: "x 1234-567", "Х１２３４５６７" (Cyrillic Х,
    full-width digits) and "X1234\u200b567" all give "X1234567"."""
    text = fold_confusables(unicodedata.normalize("NFKC", value or ""))
    out = []
    for ch in text:
        digit = unicodedata.decimal(ch, None)
        if digit is not None:
            out.append(str(digit))
        elif ch.isalnum():
            out.append(ch)
    return "".join(out)


def _in_joining_script(ch: str) -> bool:
    if not ch or unicodedata.category(ch)[0] not in "LM":
        return False
    point = ord(ch)
    return any(low <= point <= high for low, high in JOINING_SCRIPT_RANGES)


def _strip_invisible(text: str) -> str:
    """Drop format characters, keeping ZWNJ/ZWJ between two letters of a joining script."""
    kept: list[str] = []
    for index, ch in enumerate(text):
        if ch in INVISIBLE_LETTERS:
            continue
        category = unicodedata.category(ch)
        if category == "Cf":
            if ch in (ZWNJ, ZWJ):
                before = kept[-1] if kept else ""
                after = next((c for c in text[index + 1 :] if unicodedata.category(c) != "Cf"), "")
                if _in_joining_script(before) and _in_joining_script(after):
                    kept.append(ch)
            continue
        if category == "Cc":
            kept.append(" " if ch.isspace() else "")
            continue
        kept.append(ch)
    return "".join(kept)


def clean_person_name(value: str, *, field: str, max_length: int = 150) -> str:
    """The name as stored; raise ValidationFailed naming `field` if it has bidi controls or no visible letter."""
    if any(ch in BIDI_CONTROLS for ch in value):
        raise ValidationFailed(
            _(
                "The name contains hidden characters that change the direction of text. "
                "Please type it again without them."
            ),
            field=field,
        )
    text = _SPACES.sub(" ", _strip_invisible(unicodedata.normalize("NFKC", value))).strip()
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        raise ValidationFailed(_("A name must contain at least one visible letter."), field=field)
    if len(text) > max_length:  # NFKC can lengthen text (one ligature may become several letters)
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": max_length}, field=field)
    return text


def name_key(value: str) -> str:
    """What two names are compared by (see the module docstring)."""
    text = unicodedata.normalize("NFKC", value or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc") and ch not in INVISIBLE_LETTERS)
    return _SPACES.sub(" ", fold_confusables(text)).strip().casefold()
