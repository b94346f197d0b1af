"""What the matching engine does with news from the layers below (core.events, connected in MatchingConfig.ready).

Receivers only mark state and enqueue work after commit; the outbox re-delivers an event whose receiver failed, and
`matching.work` keeps the matching still to do in the database and sends it again when a message was lost. Both are safe to run twice.
"""

from __future__ import annotations

from core import events
from employers.models import Vacancy
from matching import hooks
from matching.work import work_request


@events.receiver(events.CREDENTIAL_CHANGED)
def credential_changed(*, credential_id: int, profile_id: int) -> None:
    """A credential was verified, issued, rejected or its recognition changed: the holder is matched again."""
    hooks.profile_changed(profile_id=profile_id)


@events.receiver(events.SCHEME_CHANGED)
def scheme_changed(*, scheme_id: int) -> None:
    """A scheme's rules, quota or partners changed: every published vacancy under it runs again."""
    vacancy_ids = list(
        Vacancy.objects.filter(scheme_id=scheme_id, status=Vacancy.Status.PUBLISHED).values_list("id", flat=True)
    )
    for vacancy_id in vacancy_ids:
        work_request(kind="vacancy", object_id=vacancy_id, trigger="scheme")
