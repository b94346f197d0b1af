"""Reads of candidate data, scoped to who asks. Pages and the API go through these."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from candidates.models import CandidateProfile, Consent, Document
from core.roles import Role

if TYPE_CHECKING:
    from core.models import AppendOnlyQuerySet, DecisionLog

RELEASED_OR_LATER = ("released", "shortlisted", "interview", "hired", "declined", "withdrawn")
STEPS = (
    "personal",
    "occupation",
    "skills",
    "languages",
    "education",
    "experience",
    "credentials",
    "mobility",
    "consents",
    "review",
)


def profile_for(*, user: Any) -> CandidateProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CandidateProfile.objects.filter(user=user).first()


def has_active_consent(profile: CandidateProfile, purpose: str) -> bool:
    return profile.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists()


def active_consents(*, profile: CandidateProfile) -> dict[str, Consent]:
    return {c.purpose: c for c in profile.consents.filter(withdrawn_at__isnull=True)}


def profiles_visible_to(*, viewer: Any) -> QuerySet[CandidateProfile]:
    """A candidate sees only themself; caseworkers and staff see every profile (and their views are logged)."""
    if not getattr(viewer, "is_authenticated", False):
        return CandidateProfile.objects.none()
    if viewer.role in (Role.CASEWORKER, Role.STAFF) or viewer.is_superuser:
        return CandidateProfile.objects.all()
    return CandidateProfile.objects.filter(user=viewer)


def documents_visible_to(*, viewer: Any) -> QuerySet[Document]:
    """Own documents; every document for caseworkers and staff; for a programme administrator, the evidence of
    credential claims on the programmes they administer (what they need to verify a claim)."""
    if getattr(viewer, "is_authenticated", False) and viewer.role == Role.PROGRAMME_ADMIN:
        from programmes.models import Credential

        evidence = Credential.objects.filter(programme__administrators=viewer, evidence__isnull=False).values(
            "evidence_id"
        )
        return Document.objects.filter(pk__in=evidence)
    return Document.objects.filter(profile__in=profiles_visible_to(viewer=viewer))


def put_forward_matches(*, profile: CandidateProfile) -> QuerySet[Any]:
    """Vacancies the candidate was put forward for after a caseworker's review (never the unreviewed proposals)."""
    from matching.models import Match

    return (
        Match.objects.filter(candidate=profile, status__in=RELEASED_OR_LATER, released_at__isnull=False)
        .select_related("vacancy", "vacancy__organisation")
        .order_by("-released_at")
    )


def step_completion(profile: CandidateProfile) -> dict[str, bool]:
    return {
        "personal": bool(profile.given_name and profile.family_name and profile.birth_date and profile.nationality),
        "occupation": bool(profile.desired_occupations_text or profile.current_title),
        "skills": profile.skills.exists(),
        "languages": profile.languages.exists(),
        "education": profile.education.exists(),
        "experience": profile.experience.exists(),
        "credentials": profile.credentials.exists(),
        "mobility": bool(profile.available_from or profile.destinations or profile.max_stay_months),
        "consents": profile.consents.filter(withdrawn_at__isnull=True).exists(),
    }


def profile_completeness(profile: CandidateProfile) -> int:
    """Share of wizard steps with content, in percent (credentials count only when the candidate has some)."""
    done = step_completion(profile)
    return round(100 * sum(done.values()) / len(done))


def _row(obj: Any) -> dict[str, Any]:
    """Every concrete field of a row, as JSON-ready values (dates as ISO text, files as their stored name)."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif field.get_internal_type() == "FileField":
            value = value.name if value else ""
        elif field.get_internal_type() == "UUIDField":
            value = str(value)
        elif field.get_internal_type() == "BinaryField":
            value = None
        row[field.attname if field.is_relation else field.name] = value
    return row


def decision_log_about(profile: CandidateProfile) -> AppendOnlyQuerySet[DecisionLog]:
    """Decision-log rows about the candidate or anything of hers: the profile, her matches, documents, credentials and
    review items (the export shows them; erasure empties their notes before anything is deleted). One query."""
    from core.models import DecisionLog

    subjects = Q(subject_type__in=["candidate", "profile"], subject_id=profile.pk)
    subjects |= Q(subject_type="match", subject_id__in=profile.matches.values("pk"))
    subjects |= Q(subject_type="document", subject_id__in=profile.documents.values("pk"))
    subjects |= Q(subject_type="credential", subject_id__in=profile.credentials.values("pk"))
    subjects |= Q(subject_type__startswith="review_item.", subject_id__in=profile.review_items.values("pk"))
    return DecisionLog.objects.filter(subjects)


def profile_export(*, profile: CandidateProfile) -> dict[str, Any]:
    """Everything held about the candidate, machine-readable (right of access and portability)."""
    from axes.models import AccessAttempt
    from django.utils import translation

    from core.models import AccessLog
    from matching.explanations import plain_summary
    from matching.models import Embedding, Match, MatchDecision, MatchRun

    user = profile.user
    data: dict[str, Any] = {
        "format": "talentpool-candidate-export/2",
        "account": {
            "email": user.email,
            "preferred_language": user.preferred_language,
            "email_verified": user.email_verified,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        }
        if user
        else None,
        "profile": _row(profile),
        "desired_occupations": [
            {"uri": o.uri, "preferred_label": o.preferred_label} for o in profile.desired_occupations.all()
        ],
        "skills": [
            _row(s) | {"skill_uri": s.skill.uri if s.skill else None} for s in profile.skills.select_related("skill")
        ],
        "languages": [_row(x) for x in profile.languages.all()],
        "education": [_row(x) for x in profile.education.all()],
        "experience": [
            _row(x) | {"occupation_uri": x.occupation.uri if x.occupation else None}
            for x in profile.experience.select_related("occupation")
        ],
        "credentials": [
            _row(c)
            | {
                "programme": str(c.programme),
                "skill_uris": [s.uri for s in c.skills.all()],
                "recognitions": [_row(r) for r in c.recognitions.all()],
            }
            for c in profile.credentials.select_related("programme")
        ],
        "consents": [_row(c) for c in profile.consents.all()],
        "documents": [_row(d) for d in profile.documents.all()],
        "fee_reports": [_row(f) for f in profile.fee_reports.all()],
    }
    matches = Match.objects.filter(candidate=profile).select_related("vacancy")
    lang = (user.preferred_language if user else "") or "en"
    with translation.override(lang):
        data["matches"] = [
            _row(m)
            | {
                "vacancy_title": m.vacancy.title,
                "plain_explanation": plain_summary(match=m, audience="candidate")
                if m.status in RELEASED_OR_LATER
                else "",
            }
            for m in matches
        ]
    match_ids = [m.pk for m in matches]
    data["decisions"] = [_row(d) for d in MatchDecision.objects.filter(match_id__in=match_ids)]
    # The runs that scored her: which model, rules and weights produced her matches.
    run_ids = sorted({m.run_id for m in matches if m.run_id})
    data["match_runs"] = [_row(r) for r in MatchRun.objects.filter(pk__in=run_ids).order_by("pk")]
    embedding = Embedding.objects.filter(kind=Embedding.Kind.CANDIDATE, object_id=profile.pk).first()
    data["embedding"] = (
        _row(embedding)
        | {"vector": base64.b64encode(bytes(embedding.vector)).decode() if embedding.vector else None}
        | {"vector_format": "base64 of little-endian float32 values, `dim` of them"}
        if embedding
        else None
    )
    items = list(profile.review_items.prefetch_related("events").order_by("pk"))
    data["review_items"] = [_row(i) | {"events": [_row(e) for e in i.events.all()]} for i in items]
    # Every decision on record about her or anything of hers, with the notes of whoever took it.
    data["decision_log"] = [_row(d) for d in decision_log_about(profile).order_by("pk")]
    addresses = [a for a in {user.email if user else "", profile.contact_email} if a]
    data["login_attempts"] = [
        {
            "username": a.username,
            "ip_address": a.ip_address,
            "user_agent": a.user_agent,
            "when": a.attempt_time.isoformat(),
        }
        for a in AccessAttempt.objects.filter(username__in=addresses).order_by("attempt_time")
    ]
    data["viewed_by"] = [
        {
            "when": a.created_at.isoformat(),
            "role": a.actor_role,
            "actor_id": a.actor_id,
            "part": a.part,
            "purpose": a.purpose,
        }
        for a in AccessLog.objects.filter(subject_candidate_id=profile.pk)
    ]
    return data
