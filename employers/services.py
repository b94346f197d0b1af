"""Writes for organisations, memberships, invitations, fee reports, vacancies and employer decisions on matches."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_decision
from core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from core.idempotency import create_once
from core.mail import absolute_url
from core.roles import Role
from employers import participation
from employers.decisions import DECISIONS, REASON_CODES
from employers.models import FeeReport, Invitation, Membership, Organisation, Vacancy, VacancyLanguage, VacancySkill
from employers.notify import mail_members as _mail_members
from taxonomy.models import Skill
from taxonomy.selectors import occupation_skill_shortlist

VACANCY_FIELDS = (
    "title",
    "description",
    "description_language",
    "occupation",
    "country",
    "city",
    "sector",
    "positions",
    "contract_type",
    "duration_months",
    "start_date",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
    "accepts_recognition_pending",
    "requires_recognition",
    "programme",
    "scheme",
    "expires_on",
)


def _require_member(*, organisation: Organisation, actor: Any, admin: bool = False) -> Membership:
    membership = Membership.objects.filter(organisation=organisation, user=actor).first() if actor else None
    if membership is None:
        raise NotFound(_("Organisation not found."))
    if admin and not membership.is_admin:
        raise PermissionDeniedError(_("Only an administrator of the organisation can do this."))
    return membership


def _require_case_officer(actor: Any) -> None:
    if not (getattr(actor, "is_authenticated", False) and (actor.is_case_officer or actor.is_staff_role)):
        raise PermissionDeniedError(_("Only a caseworker can vet, suspend or reject an organisation."))


# --- organisations -----------------------------------------------------------------------------------------------


@transaction.atomic
def organisation_signup(
    *,
    legal_name: str,
    country: str,
    email: str,
    password: str,
    pledge_accepted: bool,
    registration_number: str = "",
    sector: str = "",
    size: str = "",
    website: str = "",
    address: str = "",
    preferred_language: str = "en",
) -> Membership | None:
    """Create a pending organisation and its first member (its administrator, inactive until they open the link
    mailed to them); queue the organisation for vetting.

    The fair recruitment pledge must be accepted. Raises Conflict when the organisation is registered already (a
    public fact). An address that already has an account gets a mail instead and nothing is created: returns None,
    and the page answers exactly as for a new account (core.services.user_signup).
    """
    from core.services import user_signup
    from review.models import ReviewItem
    from review.services import review_item_open

    if not pledge_accepted:
        raise ValidationFailed(_("The fair recruitment pledge must be accepted."), field="pledge")
    if Organisation.objects.filter(legal_name__iexact=legal_name.strip(), country=country).exists():
        raise Conflict(
            _("This organisation is already registered. Ask its administrator to invite you."), field="legal_name"
        )
    user = user_signup(email=email, password=password, role=Role.EMPLOYER, preferred_language=preferred_language)
    if user is None:
        return None
    organisation = Organisation.objects.create(
        legal_name=legal_name.strip(),
        country=country,
        registration_number=registration_number.strip(),
        sector=sector,
        size=size,
        website=website,
        address=address,
        status=Organisation.Status.PENDING,
        pledge_accepted_at=timezone.now(),
    )
    membership = Membership.objects.create(user=user, organisation=organisation, is_admin=True)
    review_item_open(
        kind=ReviewItem.Kind.ORGANISATION,
        organisation=organisation,
        country=organisation.country,
        sector=organisation.sector,
        actor=user,
    )
    return membership


@transaction.atomic
def organisation_vet(*, organisation: Organisation, actor: Any) -> Organisation:
    """A caseworker confirms the organisation: it may publish. Published vacancies of a formerly suspended
    organisation go back into matching. Members are told by e-mail."""
    _require_case_officer(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    was_suspended = organisation.status == Organisation.Status.SUSPENDED
    organisation.status = Organisation.Status.VETTED
    organisation.status_reason = ""
    organisation.vetted_by = actor
    organisation.vetted_at = timezone.now()
    organisation.save(update_fields=["status", "status_reason", "vetted_by", "vetted_at"])
    log_decision(actor=actor, subject_type="organisation", subject_id=organisation.pk, action="vet")
    if was_suspended:
        from matching import hooks

        for vacancy_id in organisation.vacancies.filter(status=Vacancy.Status.PUBLISHED).values_list("pk", flat=True):
            hooks.vacancy_changed(vacancy_id=vacancy_id)
    _mail_members(
        organisation=organisation,
        subject=_("Your organisation was vetted"),
        body=_("%(name)s was vetted by a caseworker. You can now publish vacancies.")
        % {"name": organisation.legal_name},
    )
    return organisation


def _organisation_close(
    *,
    organisation: Organisation,
    actor: Any,
    reason: str,
    status: str,
    action: str,
    missing_reason: str,
    subject: str,
    body: str,
) -> Organisation:
    """Suspend or reject: record the reason, take the vacancies out of matching, tell the members why."""
    _require_case_officer(actor)
    if not reason.strip():
        raise ValidationFailed(missing_reason, field="reason")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.status = status
    organisation.status_reason = reason.strip()
    organisation.save(update_fields=["status", "status_reason"])
    log_decision(actor=actor, subject_type="organisation", subject_id=organisation.pk, action=action, note=reason)
    _withdraw_from_matching(organisation)
    _mail_members(
        organisation=organisation,
        subject=subject,
        body=body % {"name": organisation.legal_name, "reason": organisation.status_reason},
    )
    return organisation


@transaction.atomic
def organisation_suspend(*, organisation: Organisation, actor: Any, reason: str) -> Organisation:
    """Suspend: the organisation cannot publish, its vacancies leave matching, members are e-mailed the reason."""
    return _organisation_close(
        organisation=organisation,
        actor=actor,
        reason=reason,
        status=Organisation.Status.SUSPENDED,
        action="suspend",
        missing_reason=_("Give the reason for the suspension; the members will read it."),
        subject=_("Your organisation was suspended"),
        body=_(
            "%(name)s was suspended by a caseworker. Its vacancies are hidden and no new candidates are matched.\n\n"
            "Reason: %(reason)s"
        ),
    )


@transaction.atomic
def organisation_reject(*, organisation: Organisation, actor: Any, reason: str) -> Organisation:
    """Reject a registration: the organisation cannot publish; members are e-mailed the reason."""
    return _organisation_close(
        organisation=organisation,
        actor=actor,
        reason=reason,
        status=Organisation.Status.REJECTED,
        action="reject",
        missing_reason=_("Give the reason for the rejection; the members will read it."),
        subject=_("Your organisation's registration was not accepted"),
        body=_("%(name)s was not accepted.\n\nReason: %(reason)s"),
    )


def _withdraw_from_matching(organisation: Organisation) -> None:
    from matching import hooks

    for vacancy_id in organisation.vacancies.filter(status=Vacancy.Status.PUBLISHED).values_list("pk", flat=True):
        hooks.vacancy_left_matching(vacancy_id=vacancy_id)


# --- invitations ---------------------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, actor: Any, email: str, accept_url_builder: Any = None
) -> Invitation:
    """An administrator invites a colleague by e-mail; the link carries a random token valid for 14 days.

    `accept_url_builder(token) -> str` makes the absolute link for the e-mail.
    """
    _require_member(organisation=organisation, actor=actor, admin=True)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise Conflict(_("This person is already a member."), field="email")
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, token=secrets.token_urlsafe(32), invited_by=actor
    )
    link = (
        accept_url_builder(invitation.token)
        if accept_url_builder
        else absolute_url("employers:invitation_accept", token=invitation.token)
    )
    subject = _("You are invited to join %(name)s on the Talent Pool") % {"name": organisation.legal_name}
    body = _("%(who)s invited you to join %(name)s. Open this link to create your account: %(link)s") % {
        "who": actor.email,
        "name": organisation.legal_name,
        "link": link,
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, preferred_language: str = "en") -> Membership:
    """Create the invited colleague's account and membership. An invitation works once."""
    from core.models import User
    from core.services import user_create

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation was already used."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise Conflict(_("An account with this e-mail address already exists. Log in instead."), field="email")
    user = user_create(
        email=invitation.email, password=password, role=Role.EMPLOYER, preferred_language=preferred_language
    )
    user.email_verified = True  # the invitation link proved the address
    user.save(update_fields=["email_verified"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return Membership.objects.create(user=user, organisation=invitation.organisation, is_admin=False)


# --- fee reports ---------------------------------------------------------------------------------------------------


@transaction.atomic
def fee_report_create(
    *, organisation: Organisation, reporter: Any, description: str, user: Any = None, idempotency_key: str = ""
) -> FeeReport:
    """A candidate reports a recruitment fee request; it goes to the caseworker queue with high priority. The same
    report sent twice with one `idempotency_key` (a double click, a retried API call) is recorded once."""
    from review.models import ReviewItem
    from review.services import review_item_open

    if not description.strip():
        raise ValidationFailed(_("Describe what you were asked to pay, by whom and when."), field="description")
    report, created = create_once(
        user=user,
        scope="fee_report",
        key=idempotency_key,
        model=FeeReport,
        create=lambda: FeeReport.objects.create(
            organisation=organisation, reporter=reporter, description=description.strip()
        ),
    )
    if not created:
        return report
    review_item_open(
        kind=ReviewItem.Kind.FEE_REPORT,
        fee_report=report,
        priority=1,
        country=organisation.country,
        sector=organisation.sector,
    )
    return report


# --- vacancies -----------------------------------------------------------------------------------------------------


def _set_requirements(
    vacancy: Vacancy,
    essential_skills: Iterable[Skill] | None,
    optional_skills: Iterable[Skill] | None,
    languages: Sequence[tuple[str, str]] | None,
) -> None:
    if essential_skills is not None or optional_skills is not None:
        essential = {s.pk: s for s in (essential_skills or [])}
        optional = {s.pk: s for s in (optional_skills or []) if s.pk not in essential}
        VacancySkill.objects.filter(vacancy=vacancy).delete()
        VacancySkill.objects.bulk_create(
            [VacancySkill(vacancy=vacancy, skill=s, is_essential=True) for s in essential.values()]
            + [VacancySkill(vacancy=vacancy, skill=s, is_essential=False) for s in optional.values()]
        )
    if languages is not None:
        seen: dict[str, str] = {}
        for code, level in languages:
            if code and level:
                seen[code.lower()] = level.upper()
        VacancyLanguage.objects.filter(vacancy=vacancy).delete()
        VacancyLanguage.objects.bulk_create(
            [VacancyLanguage(vacancy=vacancy, code=c, min_level=lv) for c, lv in seen.items()]
        )


def _apply_fields(vacancy: Vacancy, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(VACANCY_FIELDS)
    if unknown:
        raise ValidationFailed(_("Unknown vacancy fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        if value is None and name in {
            "title",
            "country",
            "description",
            "city",
            "sector",
            "pay_currency",
            "description_language",
            "pay_period",
            "contract_type",
        }:
            value = ""
        setattr(vacancy, name, value)


def vacancy_validate_for_publishing(vacancy: Vacancy) -> None:
    """Raise django ValidationError {field: [messages]} listing everything that stops `vacancy` being published."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    today = timezone.localdate()
    if not vacancy.title.strip():
        add("title", _("Give the vacancy a title."))
    if not vacancy.country:
        add("country", _("Choose the destination country."))
    if not vacancy.positions or vacancy.positions < 1:
        add("positions", _("At least one position is needed."))
    has_essential = vacancy.pk is not None and vacancy.skill_requirements.filter(is_essential=True).exists()
    if vacancy.occupation_id is None and not has_essential:
        add("occupation", _("Choose an ESCO occupation or at least one essential skill."))
    for name, label in (("pay_min", _("minimum pay")), ("pay_max", _("maximum pay"))):
        if getattr(vacancy, name) is None:
            add(name, _("The %(what)s is required: EU pay transparency rules ask for a pay range.") % {"what": label})
        elif getattr(vacancy, name) < 0:
            add(name, _("Pay cannot be negative."))
    if vacancy.pay_min is not None and vacancy.pay_max is not None and vacancy.pay_min > vacancy.pay_max:
        add("pay_max", _("The maximum pay must be at least the minimum pay."))
    if not vacancy.pay_currency or len(vacancy.pay_currency) != 3:
        add("pay_currency", _("Choose the pay currency."))
    if not vacancy.pay_period:
        add("pay_period", _("Choose the pay period."))
    if vacancy.start_date is None:
        add("start_date", _("Give the start date."))
    elif vacancy.start_date < today:
        add("start_date", _("The start date cannot be in the past."))
    if vacancy.expires_on is None:
        add("expires_on", _("Give the date the vacancy expires."))
    elif vacancy.expires_on <= today:
        add("expires_on", _("The expiry date must be after today."))
    elif vacancy.start_date is not None and vacancy.expires_on > vacancy.start_date + dt.timedelta(days=730):
        add("expires_on", _("The vacancy cannot stay open more than two years after the start date."))
    if vacancy.contract_type != Vacancy.ContractType.PERMANENT and not vacancy.duration_months:
        add("duration_months", _("Give the contract duration in months."))
    if (
        vacancy.scheme_id is not None
        and vacancy.scheme is not None
        and vacancy.scheme.destination_country != vacancy.country
    ):
        add("scheme", _("This legal scheme is for another destination country."))
    for field, message in participation.route_refusals(
        organisation=vacancy.organisation, programme=vacancy.programme, scheme=vacancy.scheme
    ).items():
        add(field, message)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def vacancy_create(
    *,
    organisation: Organisation,
    actor: Any,
    essential_skills: Iterable[Skill] | None = None,
    optional_skills: Iterable[Skill] | None = None,
    languages: Sequence[tuple[str, str]] | None = None,
    idempotency_key: str = "",
    update_repeat: bool = False,
    **fields: Any,
) -> Vacancy:
    """Create a draft vacancy. Any member may draft, whatever the organisation's vetting status (except rejected).

    Without explicit skills, an occupation brings its ESCO short list (taxonomy.selectors.occupation_skill_shortlist)
    as the essential skills, and no optional ones. With `idempotency_key`, a repeat of the same create (a double
    click, a retried API call) returns the vacancy the first one made instead of a second one; with
    `update_repeat` (the web form, where a repeat of the same page may carry edits) the repeat's fields are saved
    on it."""
    if idempotency_key:
        vacancy, created = create_once(
            user=actor,
            scope="vacancy",
            key=idempotency_key,
            model=Vacancy,
            create=lambda: vacancy_create(
                organisation=organisation,
                actor=actor,
                essential_skills=essential_skills,
                optional_skills=optional_skills,
                languages=languages,
                **fields,
            ),
        )
        if created or not update_repeat:
            return vacancy
        return vacancy_update(
            vacancy=vacancy,
            actor=actor,
            essential_skills=essential_skills,
            optional_skills=optional_skills,
            languages=languages,
            **fields,
        )
    _require_member(organisation=organisation, actor=actor)
    if organisation.status == Organisation.Status.REJECTED:
        raise PermissionDeniedError(_("A rejected organisation cannot post vacancies."))
    vacancy = Vacancy(organisation=organisation, created_by=actor, status=Vacancy.Status.DRAFT)
    _apply_fields(vacancy, fields)
    participation.check_route(vacancy)
    if "requires_recognition" not in fields and vacancy.occupation is not None:
        vacancy.requires_recognition = vacancy.occupation.is_regulated
    vacancy.save()
    if essential_skills is None and optional_skills is None and vacancy.occupation is not None:
        # A short list to confirm, not ESCO's 60 to 90: the rest are suggestions on the form.
        essential_skills, optional_skills = occupation_skill_shortlist(occupation=vacancy.occupation), []
    _set_requirements(vacancy, essential_skills, optional_skills, languages)
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    vacancy: Vacancy,
    actor: Any,
    essential_skills: Iterable[Skill] | None = None,
    optional_skills: Iterable[Skill] | None = None,
    languages: Sequence[tuple[str, str]] | None = None,
    **fields: Any,
) -> Vacancy:
    """Change a vacancy. A published vacancy must stay publishable (otherwise nothing changes) and is re-matched.
    Filled and closed vacancies are read-only."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _require_member(organisation=vacancy.organisation, actor=actor)
    if vacancy.status in {Vacancy.Status.FILLED, Vacancy.Status.CLOSED}:
        raise Conflict(_("A filled or closed vacancy cannot be changed."))
    route_before = (vacancy.programme_id, vacancy.scheme_id)
    _apply_fields(vacancy, fields)
    if (vacancy.programme_id, vacancy.scheme_id) != route_before:
        participation.check_route(vacancy)  # a published vacancy is checked in full below
    vacancy.save()
    _set_requirements(vacancy, essential_skills, optional_skills, languages)
    if vacancy.status == Vacancy.Status.PUBLISHED:
        if not vacancy.organisation.can_publish:
            raise PermissionDeniedError(
                _("Your organisation is not vetted or is suspended: changes cannot be published.")
            )
        vacancy_validate_for_publishing(vacancy)  # raising rolls the whole change back
        from matching import hooks

        hooks.vacancy_changed(vacancy_id=vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, actor: Any) -> Vacancy:
    """Publish a draft: needs a vetted organisation and a complete, consistent vacancy; then matching starts.

    Raises PermissionDeniedError (organisation not vetted), Conflict (not a draft) or ValidationError with
    field-level messages. Nothing is published unless everything passes.
    """
    vacancy = Vacancy.objects.select_for_update().select_related("organisation").get(pk=vacancy.pk)
    _require_member(organisation=vacancy.organisation, actor=actor)
    if not vacancy.organisation.can_publish:
        if vacancy.organisation.status == Organisation.Status.SUSPENDED:
            raise PermissionDeniedError(_("Your organisation is suspended and cannot publish vacancies."))
        raise PermissionDeniedError(_("Your organisation must be vetted by a caseworker before it can publish."))
    if vacancy.status != Vacancy.Status.DRAFT:
        raise Conflict(_("Only a draft can be published."))
    vacancy_validate_for_publishing(vacancy)
    vacancy.status = Vacancy.Status.PUBLISHED
    vacancy.published_at = timezone.now()
    vacancy.save(update_fields=["status", "published_at", "updated_at"])
    from matching import hooks

    hooks.vacancy_changed(vacancy_id=vacancy.pk)
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, actor: Any, filled: bool = False) -> Vacancy:
    """Close a vacancy (or mark it filled); its proposed matches leave the caseworker queue."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _require_member(organisation=vacancy.organisation, actor=actor)
    if vacancy.status in {Vacancy.Status.FILLED, Vacancy.Status.CLOSED}:
        raise Conflict(_("This vacancy is already closed."))
    was_published = vacancy.status == Vacancy.Status.PUBLISHED
    vacancy.status = Vacancy.Status.FILLED if filled else Vacancy.Status.CLOSED
    vacancy.save(update_fields=["status", "updated_at"])
    if was_published:
        from matching import hooks

        hooks.vacancy_left_matching(vacancy_id=vacancy.pk)
    return vacancy


# --- decisions on released matches ------------------------------------------------------------------------------


def _tell_candidate(*, match: Any, decision: str) -> None:
    """E-mail the candidate when an employer invites them to interview or hires them (they act on it in the pool)."""
    if decision not in {"interview", "hire"}:
        return
    profile = match.candidate
    address = profile.contact_email or (profile.user.email if profile.user_id else "")
    if not address:
        return
    values = {"title": match.vacancy.title, "organisation": match.vacancy.organisation.legal_name}
    if decision == "interview":
        subject = _("You are invited to an interview")
        body = (
            _(
                "%(organisation)s would like to interview you for “%(title)s”. Log in to the Talent Pool to see the "
                "details. Remember: recruitment is always free for you; report anyone who asks you to pay."
            )
            % values
        )
    else:
        subject = _("Good news: you were selected")
        body = (
            _(
                "%(organisation)s selected you for “%(title)s”. A caseworker will help you with the next steps. "
                "Recruitment is always free for you."
            )
            % values
        )
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))


def _consume_quota(*, scheme: Any, nationality: str, year: int) -> None:
    scheme_quota_consume: Callable[..., None] | None
    try:
        from programmes.services import scheme_quota_consume
    except ImportError:  # the programmes app's service not there yet: same conditional update, inline
        scheme_quota_consume = None
    if scheme_quota_consume is not None:
        scheme_quota_consume(scheme=scheme, nationality=nationality, year=year)
        return
    from programmes.models import SchemeQuota

    for row in SchemeQuota.objects.filter(scheme=scheme, year=year, nationality__in=["", nationality]):
        if not SchemeQuota.objects.filter(pk=row.pk, used__lt=F("quota")).update(used=F("used") + 1):
            raise Conflict(_("The scheme's quota for this year is used up."))


@transaction.atomic
def match_employer_decide(*, match: Any, actor: Any, decision: str, reason_code: str, note: str = "") -> Any:
    """Record an employer member's decision on a released match (shortlist, interview, hire, decline).

    Precondition: the actor sees the match through `released_matches`. Records a MatchDecision (who, when,
    components) and a DecisionLog. A hire consumes the scheme's annual quota (Conflict when used up) and, when
    every position is taken, marks the vacancy filled.
    """
    from employers.selectors import released_matches
    from matching.models import Match, MatchDecision

    if decision not in DECISIONS:
        raise ValidationFailed(_("Unknown decision."), field="decision")
    valid_codes = {code for code, _label in REASON_CODES[decision]}
    if reason_code not in valid_codes:
        raise ValidationFailed(_("Choose a reason for this decision."), field="reason_code")
    if len(note) > 2000:
        raise ValidationFailed(_("The note is too long (2000 characters at most)."), field="note")
    match = Match.objects.select_for_update().select_related("vacancy", "candidate").get(pk=match.pk)
    if not released_matches(viewer=actor, vacancy=match.vacancy).filter(pk=match.pk).exists():
        raise NotFound(_("Candidate not found."))
    if not getattr(actor, "is_employer", False):
        raise PermissionDeniedError(_("Only a member of the organisation can decide."))
    to_status, from_statuses = DECISIONS[decision]
    if match.status not in from_statuses:
        raise Conflict(
            _("This candidate is already %(status)s.") % {"status": Match.Status(match.status).label.lower()},
            field="decision",
        )
    vacancy = match.vacancy
    if decision == "hire" and vacancy.scheme_id is not None:
        _consume_quota(scheme=vacancy.scheme, nationality=match.candidate.nationality, year=timezone.localdate().year)
    from_status = match.status
    match.status = to_status
    match.save(update_fields=["status", "updated_at"])
    MatchDecision.objects.create(
        match=match,
        actor=actor,
        actor_role=actor.role,
        action=decision,
        from_status=from_status,
        to_status=to_status,
        reason_code=reason_code,
        note=note,
        components=match.components or {},
    )
    log_decision(
        actor=actor, subject_type="match", subject_id=match.pk, action=decision, reason_code=reason_code, note=note
    )
    _tell_candidate(match=match, decision=decision)
    if decision == "hire" and vacancy.status == Vacancy.Status.PUBLISHED:
        hired = Match.objects.filter(vacancy=vacancy, status=Match.Status.HIRED).count()
        if hired >= vacancy.positions:
            Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.FILLED, updated_at=timezone.now())
            from matching import hooks

            hooks.vacancy_left_matching(vacancy_id=vacancy.pk)
    return match


@transaction.atomic
def vacancies_close_expired(*, today: dt.date | None = None) -> int:
    """Close published vacancies whose expiry date has passed; they leave matching. Safe to run twice."""
    from matching import hooks

    today = today or timezone.localdate()
    ids = list(
        Vacancy.objects.select_for_update()
        .filter(status=Vacancy.Status.PUBLISHED, expires_on__lt=today)
        .values_list("pk", flat=True)
    )
    closed = Vacancy.objects.filter(pk__in=ids, status=Vacancy.Status.PUBLISHED).update(
        status=Vacancy.Status.CLOSED, updated_at=timezone.now()
    )
    for vacancy_id in ids:
        hooks.vacancy_left_matching(vacancy_id=vacancy_id)
    return closed
