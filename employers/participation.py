"""Which programmes and legal schemes an organisation may recruit through, and who says so.

A programme's route, and the legal schemes tied to a programme or agreed between governments, carry rules that
protect candidates (the WHO safeguard list for government-to-government recruitment of health workers, the
anti-poaching reservation, quotas). An employer may not attach them to a vacancy at will: only an organisation taking
part in the programme (a `ProgrammeParticipation` a caseworker or the programme's administrator recorded) or named
on the scheme as a reserved employer may. A scheme tied to no programme and agreed by no government (a general legal
pathway such as the EU Blue Card) is open to every vetted employer.

The check runs in the services on create, update and publish; ending a participation takes the organisation's
published vacancies that relied on it back to draft, out of matching, and tells its members.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import NotFound, ValidationFailed
from core.permissions import require
from employers.models import Organisation, ProgrammeParticipation, Vacancy
from employers.notify import mail_members
from matching import hooks
from programmes.models import LegalScheme, Programme


def active_programme_ids(organisation: Organisation) -> set[int]:
    return set(
        ProgrammeParticipation.objects.filter(organisation=organisation, ended_at__isnull=True).values_list(
            "programme_id", flat=True
        )
    )


def active_organisation_ids(programme: Programme) -> set[int]:
    return set(
        ProgrammeParticipation.objects.filter(programme=programme, ended_at__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )


def scheme_is_open(scheme: LegalScheme) -> bool:
    """A general legal pathway: tied to no programme and not a government-to-government agreement."""
    return scheme.programme_id is None and not scheme.is_government_to_government


def route_refusals(
    *, organisation: Organisation, programme: Programme | None, scheme: LegalScheme | None
) -> dict[str, str]:
    """{field: message} for the programme and scheme `organisation` may not recruit through; empty when both may."""
    refusals: dict[str, str] = {}
    if programme is None and scheme is None:
        return refusals
    taking_part = active_programme_ids(organisation)
    if programme is not None and programme.pk not in taking_part:
        refusals["programme"] = _(
            "Your organisation does not take part in this programme. Ask the programme or a caseworker to add it."
        )
    if scheme is not None and not scheme_is_open(scheme):
        reserved = scheme.reserved_employers.filter(pk=organisation.pk).exists()
        if not reserved and scheme.programme_id not in taking_part:
            refusals["scheme"] = _(
                "This legal scheme is reserved for the employers taking part in its programme or agreement; "
                "your organisation is not one of them."
            )
    return refusals


def check_route(vacancy: Vacancy) -> None:
    """Raise ValidationFailed (first refused field) when the vacancy's programme or scheme is not the employer's."""
    refusals = route_refusals(organisation=vacancy.organisation, programme=vacancy.programme, scheme=vacancy.scheme)
    for field, message in refusals.items():
        raise ValidationFailed(message, field=field)


def usable_schemes(organisation: Organisation | None) -> Any:
    """The schemes `organisation` may choose for a vacancy (for forms)."""
    from django.db.models import Q

    schemes = LegalScheme.objects.all()
    if organisation is None:
        return schemes.filter(programme__isnull=True, is_government_to_government=False)
    return schemes.filter(
        Q(programme__isnull=True, is_government_to_government=False)
        | Q(reserved_employers=organisation)
        | Q(programme_id__in=active_programme_ids(organisation))
    ).distinct()


def usable_programmes(organisation: Organisation | None) -> Any:
    if organisation is None:
        return Programme.objects.none()
    return Programme.objects.filter(pk__in=active_programme_ids(organisation)).exclude(status=Programme.Status.ENDED)


def _require_may_manage(actor: Any, programme: Programme) -> None:
    """Caseworkers, staff and the programme's own administrators; the directory is public, so others get 403."""
    require(actor, "employers.manage_participation", programme, visible="programmes.view_programme")


@transaction.atomic
def participation_add(*, organisation: Organisation, programme: Programme, actor: Any) -> ProgrammeParticipation:
    """Record that `organisation` takes part in `programme` (idempotent: an active participation is returned)."""
    _require_may_manage(actor, programme)
    if organisation.status in (Organisation.Status.REJECTED, Organisation.Status.SUSPENDED):
        raise ValidationFailed(_("A rejected or suspended organisation cannot join a programme."), field="organisation")
    existing = ProgrammeParticipation.objects.filter(
        organisation=organisation, programme=programme, ended_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    return ProgrammeParticipation.objects.create(organisation=organisation, programme=programme, added_by=actor)


@transaction.atomic
def participation_end(*, participation: ProgrammeParticipation, actor: Any) -> list[Vacancy]:
    """End a participation; every published vacancy of the organisation that now uses a programme or scheme it may
    not use goes back to draft (its proposed matches leave the queue) and the members are told. Returns those."""
    participation = ProgrammeParticipation.objects.select_for_update().get(pk=participation.pk)
    _require_may_manage(actor, participation.programme)
    if participation.ended_at is not None:
        raise NotFound(_("This participation has already ended."))
    participation.ended_at = timezone.now()
    participation.ended_by = actor
    participation.save(update_fields=["ended_at", "ended_by"])
    organisation = participation.organisation
    affected = []
    published = (
        Vacancy.objects.select_for_update()
        .select_related("programme", "scheme")
        .filter(organisation=organisation, status=Vacancy.Status.PUBLISHED)
    )
    for vacancy in published:
        if route_refusals(organisation=organisation, programme=vacancy.programme, scheme=vacancy.scheme):
            vacancy.status = Vacancy.Status.DRAFT
            vacancy.save(update_fields=["status", "updated_at"])
            hooks.vacancy_left_matching(vacancy_id=vacancy.pk)
            affected.append(vacancy)
    if affected:
        titles = "\n".join(f"- {v.title}" for v in affected)
        mail_members(
            organisation=organisation,
            subject=_("Vacancies back to draft: your organisation left %(programme)s")
            % {"programme": participation.programme},
            body=_(
                "Your organisation no longer takes part in %(programme)s, so these vacancies cannot recruit "
                "through it and are drafts again. Choose another route and publish them again:\n%(titles)s"
            )
            % {"programme": participation.programme, "titles": titles},
        )
    return affected
