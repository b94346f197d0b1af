"""Background work of the candidates app: ids and primitives only, one service call each."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="candidates.tasks.mark_dormant_profiles")
def mark_dormant_profiles() -> dict[str, int]:
    """Daily (beat): remind candidates before 90 days without confirmation; unconfirmed profiles become dormant."""
    from candidates.services.dormancy import profiles_remind_and_mark_dormant

    reminded, dormant = profiles_remind_and_mark_dormant()
    return {"reminded": reminded, "dormant": dormant}
