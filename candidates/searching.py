"""What a caseworker's candidate search compares: the profile's own words, folded once when they are written.

"Réceptionniste", "RECEPTIONNISTE" and "receptionniste" fold to the same key (lower case, accents and punctuation
gone: taxonomy's `normalize_label`, the form ESCO labels are stored in), so one `contains` finds them on SQLite and
PostgreSQL alike without a database extension. Whoever writes the headline, the current title or the desired
occupations' text stores `profile_search_text` with them.
"""

from __future__ import annotations

import re
from typing import Any

from taxonomy.importer import normalize_label

# The code shown on the review pages is "Candidate 1A2B3C4D" ("Candidat …", "المرشح …"): one word in the reader's
# language, then the first 8 hex digits of the pseudonym.
_CODE = re.compile(r"^(?:[^\W\d_]+\s*|#)?([0-9a-f]{8})$", re.IGNORECASE)


def search_key(text: str) -> str:
    return normalize_label(text or "")


def profile_search_text(profile: Any) -> str:
    parts = [profile.headline, profile.current_title, *(profile.desired_occupations_text or [])]
    return " | ".join(key for key in (search_key(part) for part in parts) if key)


def pseudonym_prefix(query: str) -> str | None:
    """The 8 hex digits of a typed candidate code ("Candidate 1A2B3C4D", "Candidat 1a2b3c4d", "1a2b3c4d"), or None."""
    found = _CODE.match((query or "").strip())
    return found.group(1).lower() if found else None
