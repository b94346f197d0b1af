"""Repeated items of a profile: skills, languages, education, experience (one wizard step each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from candidates import validation as v
from candidates.esco_link import link_occupation, link_skill
from candidates.models import CandidateLanguage, CandidateProfile, CandidateSkill, Document, Education, Experience
from candidates.services.common import after_profile_change, clean_text, record_step, text_language
from core.exceptions import Conflict, NotFound, ValidationFailed

# ILO Convention 138 lets a developing country set 14 as the minimum working age; an earlier start is a typing slip.
MIN_WORKING_AGE = 14


def _clean_skill(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    label = clean_text(data, "label", 300)
    skill = link_skill(label, str(data.get("skill_uri") or ""))
    if not label:
        if skill is None:
            raise ValidationFailed(_("Please name the skill."), field="label")
        label = skill.preferred_label
    years = data.get("years")
    v.check_years_of_practice(years)
    return {
        "label": label,
        "skill": skill,
        "years": years,
        "label_language": text_language(language),
    }


def _clean_language(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "code": v.check_language(str(data.get("code") or "")),
        "level": v.check_cefr(str(data.get("level") or "")),
        "certificate": clean_text(data, "certificate", 120),
    }
    doc_id = data.get("certificate_document_id")
    if doc_id:
        document = Document.objects.filter(profile=profile, pk=doc_id).first()
        if document is None:
            raise ValidationFailed(_("Unknown document."), field="certificate_document_id")
        cleaned["certificate_document"] = document
    return cleaned


def _clean_education(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "isced_level": data.get("isced_level"),
        "field": clean_text(data, "field", 200),
        "institution": clean_text(data, "institution", 200),
        "country": v.check_country(str(data.get("country") or ""), field="country"),
        "start_year": data.get("start_year"),
        "end_year": data.get("end_year"),
        "text_language": text_language(language),
    }
    if not cleaned["field"] and not cleaned["institution"]:
        raise ValidationFailed(_("Please give the field of study or the institution."), field="field")
    v.check_isced(cleaned["isced_level"])
    v.check_year(cleaned["start_year"], field="start_year")
    v.check_year(cleaned["end_year"], field="end_year")
    v.check_date_order(cleaned["start_year"], cleaned["end_year"], field="end_year")
    return cleaned


def _clean_experience(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    title = clean_text(data, "title", 300)
    occupation = link_occupation(title, str(data.get("occupation_uri") or ""))
    if not title:
        if occupation is None:
            raise ValidationFailed(_("Please enter the job title."), field="title")
        title = occupation.preferred_label
    cleaned: dict[str, Any] = {
        "title": title,
        "occupation": occupation,
        "employer_name": clean_text(data, "employer_name", 200),
        "country": v.check_country(str(data.get("country") or ""), field="country"),
        "start": data.get("start"),
        "end": data.get("end"),
        "description": clean_text(data, "description", 4000),
        "text_language": text_language(language),
    }
    v.check_not_future(cleaned["start"], field="start")
    v.check_date_order(cleaned["start"], cleaned["end"], field="end")
    start = cleaned["start"]
    if isinstance(start, dt.date) and profile.birth_date and v.age_on(profile.birth_date, start) < MIN_WORKING_AGE:
        raise ValidationFailed(
            _("Work experience cannot start before you were %(age)d.") % {"age": MIN_WORKING_AGE}, field="start"
        )
    return cleaned


ItemModel = type[CandidateSkill | CandidateLanguage | Education | Experience]
ItemCleaner = Callable[[CandidateProfile, dict[str, Any], str], dict[str, Any]]

ITEM_KINDS: dict[str, tuple[ItemModel, ItemCleaner]] = {
    "skills": (CandidateSkill, _clean_skill),
    "languages": (CandidateLanguage, _clean_language),
    "education": (Education, _clean_education),
    "experience": (Experience, _clean_experience),
}
MAX_ITEMS = 60


def _spec(kind: str) -> tuple[ItemModel, ItemCleaner]:
    if kind not in ITEM_KINDS:
        raise NotFound(_("Unknown kind of item."))
    return ITEM_KINDS[kind]


def _check_unique_language(profile: CandidateProfile, code: str, exclude_pk: int | None = None) -> None:
    clash = CandidateLanguage.objects.filter(profile=profile, code=code)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise Conflict(_("This language is already on your profile."), field="code")


@transaction.atomic
def candidate_item_create(*, profile: CandidateProfile, kind: str, data: dict[str, Any], language: str = "") -> Any:
    model, clean = _spec(kind)
    if model.objects.filter(profile=profile).count() >= MAX_ITEMS:
        raise ValidationFailed(_("Too many entries."))
    cleaned = clean(profile, data, language)
    if kind == "languages":
        _check_unique_language(profile, cleaned["code"])
    item = model.objects.create(profile=profile, **cleaned)
    record_step(profile, kind)
    after_profile_change(profile)
    return item


@transaction.atomic
def candidate_item_update(
    *, profile: CandidateProfile, kind: str, item_id: int, data: dict[str, Any], language: str = ""
) -> Any:
    model, clean = _spec(kind)
    item = model.objects.select_for_update().filter(profile=profile, pk=item_id).first()
    if item is None:
        raise NotFound(_("Not found."))
    cleaned = clean(profile, data, language)
    if kind == "languages":
        _check_unique_language(profile, cleaned["code"], exclude_pk=item.pk)
    for key, value in cleaned.items():
        setattr(item, key, value)
    item.save()
    record_step(profile, kind)
    after_profile_change(profile)
    return item


@transaction.atomic
def candidate_item_delete(*, profile: CandidateProfile, kind: str, item_id: int) -> None:
    model, _clean = _spec(kind)
    deleted, _rows = model.objects.filter(profile=profile, pk=item_id).delete()
    if not deleted:
        raise NotFound(_("Not found."))
    after_profile_change(profile)


@transaction.atomic
def candidate_items_replace(
    *, profile: CandidateProfile, kind: str, items: list[dict[str, Any]], language: str = ""
) -> list[Any]:
    """Replace all items of one kind (one wizard step). Either every row is valid and saved, or nothing changes.

    Raises ValidationFailed with `code` = "row-<index>" so the form can point at the row at fault.
    """
    model, clean = _spec(kind)
    if len(items) > MAX_ITEMS:
        raise ValidationFailed(_("Too many entries."))
    cleaned_rows = []
    for index, data in enumerate(items):
        try:
            cleaned_rows.append(clean(profile, data, language))
        except ValidationFailed as exc:
            raise ValidationFailed(exc.message, field=exc.field, code=f"row-{index}") from None
    if kind == "languages":
        codes = [row["code"] for row in cleaned_rows]
        if len(codes) != len(set(codes)):
            raise Conflict(_("Each language can be listed only once."), field="code")
    model.objects.filter(profile=profile).delete()
    created = [model.objects.create(profile=profile, **row) for row in cleaned_rows]
    record_step(profile, kind)
    after_profile_change(profile)
    return created
