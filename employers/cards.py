"""What an employer may see of one released candidate (pages and API share it). Every call logs the access."""

from __future__ import annotations

from typing import Any

from core.audit import log_access
from employers import selectors, services
from employers.models import Vacancy
from taxonomy.models import Skill


def _skill_labels(items: list[Any]) -> list[str]:
    """Matched/missing skill lists may hold URIs, labels or {uri, label} dicts: show labels."""
    uris = [i for i in items if isinstance(i, str) and i.startswith("http")]
    uris += [i.get("uri") for i in items if isinstance(i, dict) and i.get("uri") and not i.get("label")]
    by_uri = dict(Skill.objects.filter(uri__in=uris).values_list("uri", "preferred_label")) if uris else {}
    labels = []
    for item in items:
        if isinstance(item, dict):
            labels.append(
                str(
                    item.get("label") or item.get("preferred_label") or by_uri.get(item.get("uri"), item.get("uri", ""))
                )
            )
        else:
            labels.append(by_uri.get(item, str(item)))
    return labels


CEFR_ORDER = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}


def candidate_card(*, match: Any, vacancy: Vacancy, viewer: Any, path: str) -> dict[str, Any]:
    """What an employer may see of one released candidate; logs the view of personal data."""
    from matching.explanations import plain_summary
    from matching.models import MatchDecision

    profile = match.candidate
    shares = selectors.has_share_consent(profile)
    log_access(
        actor=viewer, candidate_id=profile.pk, part="match_explanation", purpose=f"vacancy:{vacancy.pk}", path=path
    )
    if shares:
        log_access(
            actor=viewer, candidate_id=profile.pk, part="identity_contact", purpose=f"vacancy:{vacancy.pk}", path=path
        )
    wanted = {lang.code: lang.min_level for lang in vacancy.languages.all()}
    languages = [
        {
            "code": lang.code,
            "level": lang.level,
            "required": wanted.get(lang.code),
            "meets": lang.code in wanted and CEFR_ORDER.get(lang.level, 0) >= CEFR_ORDER.get(wanted[lang.code], 9),
        }
        for lang in profile.languages.all().order_by("code")
    ]
    missing_languages = [code for code in wanted if code not in {lang["code"] for lang in languages}]
    credentials = [
        {"title": c.title, "programme": str(c.programme), "verified": c.is_verified, "status": c.get_status_display()}
        for c in profile.credentials.select_related("programme").exclude(status="rejected")
    ]
    decisions = list(MatchDecision.objects.filter(match=match).select_related("actor").order_by("created_at"))
    allowed = [d for d, (_to, froms) in services.DECISIONS.items() if match.status in froms]
    return {
        "match": match,
        "shares": shares,
        "name": profile.display_name if shares else profile.pseudonymous_label,
        "email": (profile.contact_email or (profile.user.email if profile.user_id else "")) if shares else "",
        "phone": profile.phone if shares else "",
        "headline": profile.headline or profile.current_title,
        "matched": _skill_labels(list(match.matched_essential_skills or [])),
        "missing": _skill_labels(list(match.missing_essential_skills or [])),
        "languages": languages,
        "missing_languages": missing_languages,
        "credentials": credentials,
        "summary": plain_summary(match=match, audience="employer"),
        "decisions": [d for d in decisions if d.action != "release"],
        "released_at": match.released_at,
        "allowed": allowed,
    }
