"""A match run for one vacancy, the Django side of the engine: load features in a fixed number of queries, retrieve,
apply the rules, score, explain, and write Match rows and the MatchRun record in one transaction.

Match rows are unique per (vacancy, candidate) and updated in place. Rows a caseworker or employer has acted on
(any status other than proposed, ineligible or withdrawn) are never touched by the engine.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from matching import engine
from matching.features import (
    CandidateFeatures,
    ExperienceItem,
    MatchContext,
    Reservation,
    SchemeFeatures,
    VacancyFeatures,
)
from matching.models import Embedding, Match, MatchRun, OversightPause, RankerModel
from matching.rules import RULESET_VERSION
from matching.scoring import DEFAULT_WEIGHTS, normalise_weights
from matching.store import candidate_index, current_encoder, embed_objects, vector_for

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from candidates.models import CandidateProfile

ACTIVE_STATUSES = ("verified", "submitted")
ENGINE_OWNED_STATUSES = (Match.Status.PROPOSED, Match.Status.INELIGIBLE, Match.Status.WITHDRAWN)
DEFAULT_PARAMETERS = {"k_vector": 300, "k_structured": 300, "store_top": 100, "store_ineligible": 50}


# ---------------------------------------------------------------------------------------------------- features


def _months_between(start: dt.date | None, end: dt.date | None, today: dt.date) -> int:
    if start is None:
        return 0
    end = end or today
    return max(0, (end.year - start.year) * 12 + end.month - start.month)


def active_candidates_queryset() -> QuerySet[CandidateProfile]:
    """Filters applied in the database before scoring: active profile with matching consent."""
    from candidates.models import CandidateProfile

    return CandidateProfile.objects.filter(
        status__in=ACTIVE_STATUSES, consents__purpose="matching", consents__withdrawn_at__isnull=True
    ).distinct()


def load_candidate_features(ids: Iterable[int], *, today: dt.date) -> dict[int, CandidateFeatures]:
    from candidates.models import CandidateProfile, CandidateSkill, Consent, Experience
    from programmes.models import Credential

    ids = list(ids)
    if not ids:
        return {}
    credentials = Credential.objects.exclude(status=Credential.Status.REJECTED).select_related("scheme", "programme")
    # The plugin cannot follow lookups through a Prefetch's to_attr ("live_credentials__..."); Django can.
    profiles = (
        CandidateProfile.objects.filter(id__in=ids)  # type: ignore[misc]
        .select_related("current_occupation")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=CandidateSkill.objects.select_related("skill").only("profile_id", "skill__uri", "source"),
            ),
            "languages",
            Prefetch("experience", queryset=Experience.objects.select_related("occupation")),
            "desired_occupations",
            Prefetch(
                "consents",
                queryset=Consent.objects.filter(purpose="matching", withdrawn_at__isnull=True),
                to_attr="matching_consents",
            ),
            Prefetch("credentials", queryset=credentials, to_attr="live_credentials"),
            "live_credentials__skills",
            "live_credentials__recognitions",
            "live_credentials__programme__schemes",
            "live_credentials__scheme__reserved_employers",
            "live_credentials__programme__schemes__reserved_employers",
        )
    )
    out: dict[int, CandidateFeatures] = {}
    for p in profiles:
        skills = {s.skill.uri for s in p.skills.all() if s.skill is not None}
        verified = {s.skill.uri for s in p.skills.all() if s.skill is not None and s.source == "credential"}
        reservations: list[Reservation] = []
        recognitions: set[tuple[str, str]] = set()
        for cred in p.live_credentials:
            for r in cred.recognitions.all():
                recognitions.add((r.destination_country, r.status))
            if not cred.is_verified:
                continue
            cred_skills = {s.uri for s in cred.skills.all()}
            skills |= cred_skills
            verified |= cred_skills
            schemes = [cred.scheme] if cred.scheme else list(cred.programme.schemes.all())
            for scheme in schemes:
                if scheme.reservation_months and cred.completed_on:
                    months = cred.completed_on.month - 1 + scheme.reservation_months
                    until_year = cred.completed_on.year + months // 12
                    until_month = months % 12 + 1
                    day = min(cred.completed_on.day, 28)
                    reservations.append(
                        Reservation(
                            programme_id=cred.programme_id,
                            until=dt.date(until_year, until_month, day),
                            destinations=tuple(
                                scheme.reserved_destinations or cred.programme.destination_countries or ()
                            ),
                            employer_ids=tuple(sorted(o.id for o in scheme.reserved_employers.all())),
                        )
                    )
        occupations = {(o.uri, o.isco_group) for o in p.desired_occupations.all()}
        if p.current_occupation:
            occupations.add((p.current_occupation.uri, p.current_occupation.isco_group))
        out[p.id] = CandidateFeatures(
            id=p.id,
            external_id=p.external_id or "",
            active=p.status in ACTIVE_STATUSES,
            matching_consent=bool(p.matching_consents),
            nationality=p.nationality,
            birth_date=p.birth_date,
            destinations=tuple(sorted(p.destinations or [])),
            available_from=p.available_from,
            languages=tuple(sorted((lang.code, lang.level) for lang in p.languages.all())),
            skills=frozenset(skills),
            verified_skills=frozenset(verified),
            occupations=tuple(sorted(occupations)),
            experience=tuple(
                ExperienceItem(
                    occupation_uri=e.occupation.uri if e.occupation else "",
                    isco_group=e.occupation.isco_group if e.occupation else "",
                    months=_months_between(e.start, e.end, today),
                )
                for e in p.experience.all()
            ),
            reservations=tuple(sorted(reservations, key=lambda r: (r.programme_id, r.until))),
            recognitions=tuple(sorted(recognitions)),
        )
    return out


def _quota_remaining(scheme: Any, nationality: str, year: int) -> int | None:
    try:
        from programmes.services import scheme_quota_remaining
    except ImportError:
        pass
    else:
        return scheme_quota_remaining(scheme=scheme, nationality=nationality, year=year)
    rows = [q for q in scheme.quotas.all() if q.year == year and q.nationality in ("", nationality)]
    if not rows:
        return None
    return min(q.remaining for q in rows)


def load_vacancy_features(vacancy: Any, *, nationalities: Iterable[str] = (), today: dt.date) -> VacancyFeatures:
    reqs = list(vacancy.skill_requirements.select_related("skill"))
    scheme = None
    if vacancy.scheme_id:
        s = vacancy.scheme
        year = (vacancy.start_date or today).year
        quota = tuple((n, _quota_remaining(s, n, year)) for n in sorted(set(nationalities)))
        scheme = SchemeFeatures(
            id=s.id,
            eligible_nationalities=tuple(sorted(s.eligible_nationalities or [])),
            min_age=s.min_age,
            max_age=s.max_age,
            max_stay_months=s.max_stay_months,
            quota_remaining=quota,
        )
    g2g = bool(vacancy.scheme_id and vacancy.scheme.is_government_to_government)
    if vacancy.programme_id and not g2g:
        g2g = any(s.is_government_to_government for s in vacancy.programme.schemes.all())
    return VacancyFeatures(
        id=vacancy.id,
        external_id=vacancy.external_id or "",
        country=vacancy.country,
        organisation_id=vacancy.organisation_id,
        occupation_uri=vacancy.occupation.uri if vacancy.occupation_id else "",
        isco_group=vacancy.occupation.isco_group if vacancy.occupation_id else "",
        essential_skills=frozenset(r.skill.uri for r in reqs if r.is_essential),
        optional_skills=frozenset(r.skill.uri for r in reqs if not r.is_essential),
        languages=tuple(sorted(vacancy.languages.values_list("code", "min_level"))),
        start_date=vacancy.start_date,
        duration_months=vacancy.duration_months,
        requires_recognition=vacancy.requires_recognition,
        accepts_recognition_pending=vacancy.accepts_recognition_pending,
        programme_id=vacancy.programme_id,
        government_to_government=g2g,
        scheme=scheme,
    )


def safeguard_countries() -> frozenset[str]:
    try:
        from programmes.selectors import safeguard_countries as from_directory

        return frozenset(from_directory())
    except ImportError:
        from programmes.models import SafeguardCountry

        return frozenset(SafeguardCountry.objects.filter(edition__is_active=True).values_list("country", flat=True))


def active_weights() -> tuple[dict[str, float], RankerModel | None]:
    ranker = RankerModel.objects.filter(is_active=True).order_by("-created_at").first()
    if ranker is None:
        return dict(DEFAULT_WEIGHTS), None
    return normalise_weights(ranker.weights), ranker


def is_paused(country: str) -> bool:
    return OversightPause.objects.filter(lifted_at__isnull=True).filter(Q(country="") | Q(country=country)).exists()


# ---------------------------------------------------------------------------------------------------- retrieval


def retrieve(
    vacancy: Any, vf: VacancyFeatures, query_vector: Any, params: dict[str, int]
) -> tuple[list[int], dict[int, float]]:
    """Candidate ids worth scoring: the nearest by vector, plus those sharing the most ESCO skills, plus those
    holding an occupation of the same ISCO unit group; all restricted in the database to active, consenting
    profiles. Returns (ids, cosine by id)."""
    from candidates.models import CandidateSkill

    allowed = active_candidates_queryset().values("id")
    ids: set[int] = set()
    cosines: dict[int, float] = {}
    index = candidate_index()
    if query_vector is not None and len(index):
        hits = index.search(query_vector, params["k_vector"] * 2)
        allowed_ids = set(
            active_candidates_queryset().filter(id__in=[cid for cid, _ in hits]).values_list("id", flat=True)
        )
        kept = [cid for cid, _sim in hits if cid in allowed_ids]  # already best first
        ids.update(kept[: params["k_vector"]])
    skills = vf.essential_skills | vf.optional_skills
    if skills:
        shared = (
            CandidateSkill.objects.filter(skill__uri__in=skills, profile_id__in=allowed)
            .values("profile_id")
            .annotate(n=Count("id"))
            .order_by("-n", "profile_id")[: params["k_structured"]]
        )
        ids.update(row["profile_id"] for row in shared)
    if vf.isco_group:
        from candidates.models import CandidateProfile

        same_group = (
            CandidateProfile.objects.filter(id__in=allowed)
            .filter(
                Q(desired_occupations__isco_group=vf.isco_group)
                | Q(current_occupation__isco_group=vf.isco_group)
                | Q(experience__occupation__isco_group=vf.isco_group)
            )
            .values_list("id", flat=True)
            .distinct()
            .order_by("id")[: params["k_structured"]]
        )
        ids.update(same_group)
    if query_vector is not None:
        calibrate = current_encoder().calibrate
        cosines = {cid: calibrate(c) for cid, c in index.similarity(query_vector, sorted(ids)).items()}
    return sorted(ids), cosines


# ---------------------------------------------------------------------------------------------------- runs


def _context(today: dt.date, countries: Iterable[str] | None = None) -> MatchContext:
    return MatchContext(
        today=today, safeguard_countries=frozenset(countries) if countries is not None else safeguard_countries()
    )


def _explanation(pair: engine.RankedPair, weights: dict[str, float], vf: VacancyFeatures) -> dict[str, Any]:
    return {
        "values": pair.values,
        "weights": {k: round(v, 6) for k, v in weights.items()},
        "cosine": pair.cosine,
        "verified_essential_skills": list(pair.verified_essential_skills),
        "essential_total": len(vf.essential_skills),
        "ruleset_version": RULESET_VERSION,
    }


def score_candidates(
    vacancy: Any,
    candidate_ids: Sequence[int],
    *,
    weights: dict[str, float],
    today: dt.date,
    safeguard: Iterable[str] | None = None,
    cosines: dict[int, float] | None = None,
) -> tuple[VacancyFeatures, list[engine.RankedPair]]:
    features = load_candidate_features(candidate_ids, today=today)
    vf = load_vacancy_features(vacancy, nationalities={c.nationality for c in features.values()}, today=today)
    if cosines is None:
        qv = vector_for(Embedding.Kind.VACANCY, vacancy.id)
        calibrate = current_encoder().calibrate
        raw = candidate_index().similarity(qv, sorted(features)) if qv is not None else {}
        cosines = {cid: calibrate(c) for cid, c in raw.items()}
    ranked = engine.rank(vf, [features[i] for i in sorted(features)], cosines, weights, _context(today, safeguard))
    return vf, ranked


def run_for_vacancy(
    *,
    vacancy_id: int,
    trigger: str = MatchRun.Trigger.MANUAL,
    parameters: dict[str, int] | None = None,
    today: dt.date | None = None,
) -> tuple[MatchRun | None, list[engine.RankedPair]]:
    """Rank the pool for one vacancy and write the results. Returns (run, ranked pairs) or (None, []) when the
    vacancy is not open for matching or automated ranking is paused for its country."""
    from employers.models import Vacancy

    vacancy = (
        Vacancy.objects.select_related("organisation", "occupation", "programme", "scheme")
        .prefetch_related("scheme__quotas", "programme__schemes")
        .filter(id=vacancy_id)
        .first()
    )
    if vacancy is None or vacancy.status != Vacancy.Status.PUBLISHED or vacancy.organisation.status != "vetted":
        return None, []
    if is_paused(vacancy.country):
        return None, []
    params = {**DEFAULT_PARAMETERS, **(parameters or {})}
    today = today or timezone.localdate()
    embed_objects(kind=Embedding.Kind.VACANCY, ids=[vacancy.id])
    query_vector = vector_for(Embedding.Kind.VACANCY, vacancy.id)
    weights, ranker = active_weights()
    candidate_ids, cosines = retrieve(vacancy, load_vacancy_features(vacancy, today=today), query_vector, params)
    countries = safeguard_countries()
    vf, ranked = score_candidates(
        vacancy, candidate_ids, weights=weights, today=today, safeguard=countries, cosines=cosines
    )
    encoder = current_encoder()
    run = _write(
        vacancy=vacancy,
        vf=vf,
        ranked=ranked,
        weights=weights,
        ranker=ranker,
        trigger=trigger,
        params=params,
        today=today,
        countries=countries,
        candidate_ids=candidate_ids,
        model=(encoder.name, encoder.version),
    )
    return run, ranked


@transaction.atomic
def _write(
    *,
    vacancy: Any,
    vf: VacancyFeatures,
    ranked: list[engine.RankedPair],
    weights: dict[str, float],
    ranker: RankerModel | None,
    trigger: str,
    params: dict[str, int],
    today: dt.date,
    countries: frozenset[str],
    candidate_ids: list[int],
    model: tuple[str, str],
) -> MatchRun:
    now = timezone.now()
    run = MatchRun.objects.create(
        vacancy=vacancy,
        trigger=trigger,
        status=MatchRun.Status.DONE,
        started_at=now,
        finished_at=now,
        model_name=model[0],
        model_version=model[1],
        ruleset_version=RULESET_VERSION,
        ranker=ranker,
        weights={k: round(v, 6) for k, v in weights.items()},
        parameters={**params, "today": today.isoformat(), "safeguard_countries": sorted(countries)},
        candidate_ids=list(candidate_ids),
        output=[[p.candidate_id, p.score, p.eligible] for p in ranked],
    )
    eligible = [p for p in ranked if p.eligible][: params["store_top"]]
    ineligible = [p for p in ranked if not p.eligible][: params["store_ineligible"]]
    stored = eligible + ineligible
    existing = {m.candidate_id: m for m in Match.objects.select_for_update().filter(vacancy=vacancy)}
    rows: list[Match] = []
    fields = [
        "run",
        "status",
        "score",
        "rank",
        "eligible",
        "components",
        "matched_essential_skills",
        "missing_essential_skills",
        "passed_rules",
        "failed_rules",
        "explanation",
        "updated_at",
    ]
    for position, pair in enumerate(stored, start=1):
        match = existing.get(pair.candidate_id)
        if match is not None and match.status not in ENGINE_OWNED_STATUSES:
            continue  # a person has decided on this one; the engine leaves it alone
        rows.append(
            Match(
                vacancy=vacancy,
                candidate_id=pair.candidate_id,
                run=run,
                status=Match.Status.PROPOSED if pair.eligible else Match.Status.INELIGIBLE,
                score=pair.score,
                rank=position,
                eligible=pair.eligible,
                components=pair.contributions,
                matched_essential_skills=list(pair.matched_essential_skills),
                missing_essential_skills=list(pair.missing_essential_skills),
                passed_rules=list(pair.passed_rules),
                failed_rules=list(pair.failed_rules),
                explanation=_explanation(pair, weights, vf),
                created_at=now,
                updated_at=now,
            )
        )
    if rows:
        # One upsert keyed by the (vacancy, candidate) constraint: existing rows keep their id (decisions point at it).
        Match.objects.bulk_create(
            rows, batch_size=500, update_conflicts=True, unique_fields=["vacancy", "candidate"], update_fields=fields
        )
    stored_ids = {p.candidate_id for p in stored}
    stale = [cid for cid, m in existing.items() if m.status == Match.Status.PROPOSED and cid not in stored_ids]
    if stale:
        Match.objects.filter(vacancy=vacancy, candidate_id__in=stale, status=Match.Status.PROPOSED).update(
            status=Match.Status.WITHDRAWN, rank=None, run=run, updated_at=now
        )
    delay = float(getattr(settings, "MATCHING_RUN_WRITE_DELAY_SECONDS", 0) or 0)
    if delay:  # real-service tests kill a worker here, mid-transaction
        time.sleep(delay)
    if eligible:
        from review.models import ReviewItem
        from review.services import review_item_open

        review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country=vacancy.country, sector=vacancy.sector)
    return run


def replay(run: MatchRun) -> list[tuple[int, float, bool]]:
    """Re-rank the run's recorded candidates with its recorded weights, date and WHO list: the same inputs give the
    same order. Returns [(candidate_id, score, eligible)] in ranked order."""
    today = dt.date.fromisoformat(run.parameters["today"])
    _vf, ranked = score_candidates(
        run.vacancy,
        run.candidate_ids,
        weights=run.weights,
        today=today,
        safeguard=run.parameters.get("safeguard_countries", []),
    )
    return [(p.candidate_id, p.score, p.eligible) for p in ranked]


def open_vacancy_ids_for_candidate(profile_id: int) -> list[int]:
    """Published vacancies of vetted organisations the candidate could plausibly fit: shared ESCO skill or ISCO
    unit group, in a destination the candidate accepts. Used to re-evaluate a changed profile."""
    from candidates.models import CandidateProfile
    from employers.models import Vacancy

    profile = CandidateProfile.objects.filter(id=profile_id).first()
    if profile is None:
        return []
    skill_ids = list(profile.skills.exclude(skill=None).values_list("skill_id", flat=True))
    groups = set(profile.desired_occupations.values_list("isco_group", flat=True))
    groups |= set(profile.experience.exclude(occupation=None).values_list("occupation__isco_group", flat=True))
    if profile.current_occupation is not None:
        groups.add(profile.current_occupation.isco_group)
    qs = Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, organisation__status="vetted")
    if profile.destinations:
        qs = qs.filter(country__in=profile.destinations)
    qs = qs.filter(Q(skill_requirements__skill_id__in=skill_ids) | Q(occupation__isco_group__in=groups))
    return sorted(set(qs.values_list("id", flat=True)))


def pair_as_dict(pair: engine.RankedPair) -> dict[str, Any]:
    return asdict(pair)
