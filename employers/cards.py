"""What an employer may see of one released candidate (pages and API share it). Every call logs the access."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects

from core.audit import log_accesses
from employers.decisions import DECISIONS
from employers.models import Vacancy
from matching.features import cefr_rank
from taxonomy.models import Skill


def _skill_uris(items: list[Any]) -> list[str]:
    uris = [i for i in items if isinstance(i, str) and i.startswith("http")]
    return uris + [i["uri"] for i in items if isinstance(i, dict) and i.get("uri") and not i.get("label")]


def _skill_labels(items: list[Any], by_uri: dict[str, str]) -> list[str]:
    """Matched/missing skill lists may hold URIs, labels or {uri, label} dicts: show labels."""
    labels = []
    for item in items:
        if isinstance(item, dict):
            uri, fallback = item.get("uri"), item.get("uri", "")
            # A missing or null uri is never a key of `by_uri`: its label is the fallback.
            labels.append(
                str(
                    item.get("label")
                    or item.get("preferred_label")
                    or (by_uri.get(uri, fallback) if uri is not None else fallback)
                )
            )
        else:
            labels.append(by_uri.get(item, str(item)))
    return labels


def candidate_cards(*, matches: Iterable[Any], vacancy: Vacancy, viewer: Any, path: str) -> list[dict[str, Any]]:
    """The cards of a page of released candidates, in a fixed number of queries whatever the page's length; logs
    each view of personal data (one insert for the page)."""
    from candidates.models import CandidateLanguage, Consent
    from matching.models import MatchDecision
    from programmes.models import Credential

    matches = list(matches)
    if not matches:
        return []
    for match in matches:
        match.vacancy = vacancy  # the page's one vacancy: not joined again for each row
    prefetch_related_objects(
        matches,
        "candidate__user",
        Prefetch("candidate__languages", queryset=CandidateLanguage.objects.order_by("code"), to_attr="card_languages"),
        Prefetch(
            "candidate__credentials",
            queryset=Credential.objects.select_related("programme").exclude(status="rejected").order_by("pk"),
            to_attr="card_credentials",
        ),
        Prefetch(
            "decisions",
            queryset=MatchDecision.objects.select_related("actor").order_by("created_at"),
            to_attr="card_decisions",
        ),
    )
    profile_ids = [match.candidate_id for match in matches]
    sharing = set(
        Consent.objects.filter(
            profile_id__in=profile_ids, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, withdrawn_at__isnull=True
        ).values_list("profile_id", flat=True)
    )
    uris = {
        uri
        for match in matches
        for uri in _skill_uris([*(match.matched_essential_skills or []), *(match.missing_essential_skills or [])])
    }
    by_uri = dict(Skill.objects.filter(uri__in=uris).values_list("uri", "preferred_label")) if uris else {}
    wanted = {lang.code: lang.min_level for lang in vacancy.languages.all()}
    purpose = f"vacancy:{vacancy.pk}"
    log_accesses(
        actor=viewer,
        entries=[
            (profile_id, part)
            for profile_id in profile_ids
            for part in ("match_explanation", *(("identity_contact",) if profile_id in sharing else ()))
        ],
        purpose=purpose,
        path=path,
    )
    return [_card(match, shares=match.candidate_id in sharing, wanted=wanted, by_uri=by_uri) for match in matches]


def _card(match: Any, *, shares: bool, wanted: dict[str, str], by_uri: dict[str, str]) -> dict[str, Any]:
    from matching.explanations import plain_summary

    profile = match.candidate
    languages = [
        {
            "code": lang.code,
            "level": lang.level,
            "required": wanted.get(lang.code),
            "meets": lang.code in wanted and cefr_rank(lang.level) >= (cefr_rank(wanted[lang.code]) or 9),
        }
        for lang in profile.card_languages
    ]
    missing_languages = [code for code in wanted if code not in {lang["code"] for lang in languages}]
    credentials = [
        {"title": c.title, "programme": str(c.programme), "verified": c.is_verified, "status": c.get_status_display()}
        for c in profile.card_credentials
    ]
    allowed = [d for d, (_to, froms) in DECISIONS.items() if match.status in froms]
    return {
        "match": match,
        "shares": shares,
        "name": profile.display_name if shares else profile.pseudonymous_label,
        "email": (profile.contact_email or (profile.user.email if profile.user_id else "")) if shares else "",
        "phone": profile.phone if shares else "",
        "headline": profile.headline or profile.current_title,
        "matched": _skill_labels(list(match.matched_essential_skills or []), by_uri),
        "missing": _skill_labels(list(match.missing_essential_skills or []), by_uri),
        "languages": languages,
        "missing_languages": missing_languages,
        "credentials": credentials,
        "summary": plain_summary(match=match, audience="employer", labels=by_uri),
        "decisions": [d for d in match.card_decisions if d.action != "release"],
        "released_at": match.released_at,
        "allowed": allowed,
    }
