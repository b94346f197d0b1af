"""Partners of a programme: the organisations behind it, each in a role (funder, training provider, ...)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ValidationFailed
from programmes.models import Programme, ProgrammePartner, Stakeholder
from programmes.services.common import emit_scheme_changed, require_change


def _schemes_of(programme: Programme) -> list[int]:
    return list(programme.schemes.values_list("pk", flat=True))


@transaction.atomic
def programme_partner_add(
    *, programme: Programme, actor: Any, name: str, kind: str, role: str, country: str = "", website: str = ""
) -> ProgrammePartner:
    """Add a partner in a role. The stakeholder is found by name or created; an existing one keeps its details.

    A new partnership sends SCHEME_CHANGED for each of the programme's schemes; adding one twice changes nothing.
    """
    require_change(actor, programme)
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the organisation's name."), field="name")
    if role not in ProgrammePartner.Role.values:
        raise ValidationFailed(_("Unknown role."), field="role")
    stakeholder = Stakeholder.objects.filter(name__iexact=name).first()
    if stakeholder is None:
        if kind not in Stakeholder.Kind.values:
            raise ValidationFailed(_("Unknown kind of organisation."), field="kind")
        stakeholder = Stakeholder(name=name[:300], kind=kind, country=country.upper(), website=website)
        stakeholder.full_clean()
        stakeholder.save()
    partner, created = ProgrammePartner.objects.get_or_create(programme=programme, stakeholder=stakeholder, role=role)
    if created:
        emit_scheme_changed(scheme_ids=_schemes_of(programme))
    return partner


@transaction.atomic
def programme_partner_remove(*, programme: Programme, actor: Any, partner_id: int) -> None:
    """Remove one partnership of the programme; SCHEME_CHANGED goes up for each of its schemes."""
    require_change(actor, programme)
    removed, _details = ProgrammePartner.objects.filter(programme=programme, pk=partner_id).delete()
    if not removed:
        raise ValidationFailed(_("This partner is not part of the programme."), field="partner")
    emit_scheme_changed(scheme_ids=_schemes_of(programme))
