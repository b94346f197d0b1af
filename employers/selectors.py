"""Role-scoped reads of organisations, vacancies and the matches an employer may see."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from employers.models import (
    Invitation,
    Membership,
    Organisation,
    ProgrammeParticipation,
    Vacancy,
    VacancyLanguage,
    VacancySkill,
)

if TYPE_CHECKING:
    from programmes.models import Programme
    from taxonomy.search import OccupationHit, SkillHit

logger = logging.getLogger(__name__)

# The match statuses an employer can ever see (after a caseworker released the match).
EMPLOYER_VISIBLE_STATUSES = ("released", "shortlisted", "interview", "hired", "declined")
INVITATION_VALID_DAYS = 14


def _is_case_officer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_case_officer or user.is_staff_role))


def organisations_for(*, viewer: Any) -> QuerySet[Organisation]:
    """Organisations the viewer may see: their own as a member; every one for caseworkers and staff."""
    if not getattr(viewer, "is_authenticated", False):
        return Organisation.objects.none()
    if _is_case_officer(viewer):
        return Organisation.objects.all()
    if viewer.is_employer:
        return Organisation.objects.filter(pk__in=_member_organisations(viewer))
    return Organisation.objects.none()


def _member_organisations(user: Any) -> QuerySet[Membership, Mapping[str, Any]]:
    """The viewer's organisations as a subquery: a filter through it needs no DISTINCT, which over a page of wide
    rows costs more than the rest of the query (the 100-row vacancy page: 12 ms of its SQL)."""
    return Membership.objects.filter(user=user).values("organisation")


def membership_for(*, user: Any) -> Membership | None:
    """The user's membership (an employer member belongs to one organisation in practice; the oldest wins)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("organisation").filter(user=user).order_by("joined_at", "pk").first()


def vacancies_for(*, viewer: Any) -> QuerySet[Vacancy]:
    """Vacancies the viewer may see and act on: their organisations' (all statuses); every one for case officers."""
    if not getattr(viewer, "is_authenticated", False):
        return Vacancy.objects.none()
    if _is_case_officer(viewer):
        qs = Vacancy.objects.all()
    elif viewer.is_employer:
        qs = Vacancy.objects.filter(organisation__in=_member_organisations(viewer))
    else:
        return Vacancy.objects.none()
    return qs.select_related("organisation", "occupation", "programme", "scheme")


def attach_requirements(vacancies: list[Vacancy]) -> list[Vacancy]:
    """A page of vacancies with their skill and language requirements as plain rows, two queries for the page and no
    model instance per row (a 100-vacancy page holds over a thousand skill requirements): `requirement_rows` is
    [(is_essential, uri, preferred_label)] by label, `language_rows` [(code, min_level)] by code."""
    by_id = {vacancy.pk: vacancy for vacancy in vacancies}
    for vacancy in vacancies:
        vacancy.requirement_rows, vacancy.language_rows = [], []
    skills = (
        VacancySkill.objects.filter(vacancy_id__in=by_id)
        .order_by("skill__preferred_label", "pk")
        .values_list("vacancy_id", "is_essential", "skill__uri", "skill__preferred_label")
    )
    for vacancy_id, essential, uri, label in skills:
        by_id[vacancy_id].requirement_rows.append((essential, uri, label))
    languages = (
        VacancyLanguage.objects.filter(vacancy_id__in=by_id)
        .order_by("code")
        .values_list("vacancy_id", "code", "min_level")
    )
    for vacancy_id, code, level in languages:
        by_id[vacancy_id].language_rows.append((code, level))
    return vacancies


def vacancies_open_for_matching() -> QuerySet[Vacancy]:
    """Published, unexpired vacancies of vetted organisations: the only ones the matching engine should consider."""
    today = timezone.localdate()
    return (
        Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, organisation__status=Organisation.Status.VETTED)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .select_related("organisation", "occupation")
    )


def released_matches(*, viewer: Any, vacancy: Vacancy) -> QuerySet[Any]:
    """The matches of `vacancy` a caseworker released, as `viewer` may see them (never the raw ranking).

    A match counts only if its status is released or later, a MatchDecision with action "release" (the
    caseworker's approval) exists, and the candidate still consents to sharing and to keeping the profile. A viewer who may not see the vacancy gets an empty queryset.
    """
    from matching.models import Match, MatchDecision

    if not vacancies_for(viewer=viewer).filter(pk=vacancy.pk).exists():
        return Match.objects.none()
    if viewer.is_employer and vacancy.organisation.status in (
        Organisation.Status.SUSPENDED,
        Organisation.Status.REJECTED,
    ):
        return Match.objects.none()  # a suspended organisation sees no candidate data
    from candidates.models import Consent

    approved = MatchDecision.objects.filter(match=OuterRef("pk"), action="release")

    def consents(purpose: str) -> Exists:
        return Exists(
            Consent.objects.filter(profile=OuterRef("candidate_id"), purpose=purpose, withdrawn_at__isnull=True)
        )

    # The candidate's consent is read on every request, not only when it changes: a card leaves the employer's list
    # the moment sharing or keeping the profile is withdrawn, whatever the match's status.
    return (
        Match.objects.filter(vacancy=vacancy, status__in=EMPLOYER_VISIBLE_STATUSES)
        .filter(Exists(approved))
        .filter(consents(Consent.Purpose.SHARE_WITH_EMPLOYERS), consents(Consent.Purpose.KEEP_PROFILE))
        .select_related("candidate")
        .defer("candidate__search_text")  # the profile's whole text for search: never shown on a card
        .order_by("review_rank", "rank", "pk")
    )


STAGES = ("proposed", "released", "shortlisted", "interview", "hired")


def vacancy_stage_counts(*, vacancies: QuerySet[Vacancy] | list[Vacancy]) -> dict[int, dict[str, int]]:
    """Per vacancy: how many matches reached each stage, and how many wait on the employer at each stage.

    `proposed` counts matches still waiting for a caseworker. The other stages count released matches that reached
    the stage at some point (a candidate declined after an interview still counts as interviewed), from their
    current status and their recorded decisions. `waiting_<status>` counts matches currently in that status.
    """
    from matching.models import Match, MatchDecision

    ids = [v.pk for v in vacancies]
    keys = (*STAGES, "declined", "waiting", "waiting_released", "waiting_shortlisted", "waiting_interview")
    counts: dict[int, dict[str, int]] = {pk: dict.fromkeys(keys, 0) for pk in ids}

    def decided(action: str) -> Exists:
        return Exists(MatchDecision.objects.filter(match=OuterRef("pk"), action=action))

    rows = (
        Match.objects.filter(vacancy_id__in=ids)
        .annotate(
            approved=decided("release"), was_shortlisted=decided("shortlist"), was_interviewed=decided("interview")
        )
        .values("vacancy_id", "status", "approved", "was_shortlisted", "was_interviewed")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        bucket, status, n = counts[row["vacancy_id"]], row["status"], row["n"]
        if status == "proposed":
            bucket["proposed"] += n
            continue
        if not row["approved"] or status not in EMPLOYER_VISIBLE_STATUSES:
            continue
        bucket["released"] += n
        interviewed = status in {"interview", "hired"} or row["was_interviewed"]
        if status in {"shortlisted", "interview", "hired"} or row["was_shortlisted"] or interviewed:
            bucket["shortlisted"] += n
        if interviewed:
            bucket["interview"] += n
        if status == "hired":
            bucket["hired"] += n
        if status == "declined":
            bucket["declined"] += n
        if status in {"released", "shortlisted", "interview"}:
            bucket["waiting"] += n
            bucket[f"waiting_{status}"] += n
    return counts


def invitation_by_token(*, token: str) -> Invitation | None:
    """An unaccepted invitation younger than INVITATION_VALID_DAYS, or None."""
    if not token or len(token) > 64:
        return None
    cutoff = timezone.now() - dt.timedelta(days=INVITATION_VALID_DAYS)
    return (
        Invitation.objects.select_related("organisation")
        .filter(token=token, accepted_at__isnull=True, created_at__gte=cutoff)
        .first()
    )


def programmes_for_vacancy(*, vacancy: Vacancy) -> list[Any]:
    """The clearinghouse link: directory programmes that train for the vacancy's occupation and destination."""
    if vacancy.occupation_id is None:
        return []
    programmes_for: Callable[..., QuerySet[Programme]] | None
    try:
        from programmes.selectors import programmes_for
    except ImportError:
        programmes_for = None
    if programmes_for is not None:
        return list(programmes_for(occupation=vacancy.occupation, country=vacancy.country or None)[:10])
    from programmes.models import Programme

    occupation = vacancy.occupation
    assert occupation is not None  # occupation_id is set (checked above)
    qs = (
        Programme.objects.filter(Q(occupations=occupation) | Q(occupations__isco_group=occupation.isco_group))
        .exclude(status=Programme.Status.ENDED)
        .distinct()
    )
    if vacancy.country:
        return [p for p in qs[:50] if not p.destination_countries or vacancy.country in p.destination_countries][:10]
    return list(qs[:10])


def occupation_suggestions(*, text: str, limit: int = 8) -> list[Any]:
    """Occupations whose labels fit `text` (the taxonomy search; a plain label lookup until that exists)."""
    from taxonomy.models import Occupation

    text = (text or "").strip()[:200]
    if not text:
        return []
    search_occupations: Callable[..., list[OccupationHit]] | None
    try:
        from taxonomy.search import search_occupations
    except ImportError:
        search_occupations = None
    if search_occupations is not None:
        try:
            return [hit.occupation for hit in search_occupations(text, limit=limit)]
        except Exception:  # the search index failing must not break the vacancy form: fall back to labels
            logger.exception("occupation search failed; using the label fallback")
    exact = list(Occupation.objects.filter(preferred_label__iexact=text)[:1])
    rest = (
        Occupation.objects.filter(Q(preferred_label__icontains=text) | Q(labels__normalized__icontains=text.lower()))
        .exclude(pk__in=[o.pk for o in exact])
        .distinct()[: max(limit - len(exact), 0)]
    )
    return exact + list(rest)


def skill_suggestions(*, text: str, limit: int = 8) -> list[Any]:
    """Skills whose labels fit `text` (the taxonomy search; a plain label lookup until that exists)."""
    from taxonomy.models import Skill

    text = (text or "").strip()[:200]
    if not text:
        return []
    search_skills: Callable[..., list[SkillHit]] | None
    try:
        from taxonomy.search import search_skills
    except ImportError:
        search_skills = None
    if search_skills is not None:
        try:
            return [hit.skill for hit in search_skills(text, limit=limit)]
        except Exception:  # the search index failing must not break the vacancy form: fall back to labels
            logger.exception("skill search failed; using the label fallback")
    exact = list(Skill.objects.filter(preferred_label__iexact=text)[:1])
    rest = Skill.objects.filter(preferred_label__icontains=text).exclude(pk__in=[s.pk for s in exact])[
        : max(limit - len(exact), 0)
    ]
    return exact + list(rest)


def participations_of(*, programme: Any) -> QuerySet[Any]:
    """The active employer participations of a programme (for caseworkers and its administrators)."""
    return (
        ProgrammeParticipation.objects.filter(programme=programme, ended_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__legal_name")
    )
