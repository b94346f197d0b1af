"""The profile itself: personal details, occupations, mobility, and submission to a caseworker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates import validation as v
from candidates.esco_link import link_occupation
from candidates.identity import clean_person_name
from candidates.models import CandidateProfile, Consent
from candidates.searching import profile_search_text
from candidates.services.common import after_profile_change, clean_text, text_language
from candidates.services.duplicates import duplicates_flag
from core.exceptions import Conflict, ValidationFailed
from matching import hooks
from review.models import ReviewItem
from review.services import review_item_open
from taxonomy.nace import NACE_SECTIONS


@transaction.atomic
def profile_get_or_create(*, user: Any) -> CandidateProfile:
    """The candidate's profile, created empty (draft) the first time they arrive."""
    profile, _created = CandidateProfile.objects.get_or_create(
        user=user,
        defaults={"contact_email": user.email, "text_language": text_language(getattr(user, "preferred_language", ""))},
    )
    return profile


@transaction.atomic
def profile_update_personal(*, profile: CandidateProfile, data: dict[str, Any]) -> CandidateProfile:
    given = clean_text(data, "given_name", 150)
    family = clean_text(data, "family_name", 150)
    if not given:
        raise ValidationFailed(_("Please enter your given name."), field="given_name")
    if not family:
        raise ValidationFailed(_("Please enter your family name."), field="family_name")
    given = clean_person_name(given, field="given_name")
    family = clean_person_name(family, field="family_name")
    birth_date = data.get("birth_date")
    if birth_date is None:
        raise ValidationFailed(_("Please enter your birth date."), field="birth_date")
    v.check_birth_date(birth_date)
    nationality = v.check_country(data.get("nationality", ""), field="nationality", allow_blank=False)
    residence = v.check_country(data.get("residence_country", ""), field="residence_country", allow_blank=False)
    gender = data.get("gender") or ""
    if gender not in {"", *CandidateProfile.Gender.values}:
        raise ValidationFailed(_("Please choose one of the options."), field="gender")
    phone = clean_text(data, "phone", 40)
    if phone and not all(ch.isdigit() or ch in "+ -()." for ch in phone):
        raise ValidationFailed(_("A phone number may contain digits, spaces, +, -, ( and ) only."), field="phone")
    profile.given_name, profile.family_name, profile.birth_date = given, family, birth_date
    profile.nationality, profile.residence_country, profile.gender, profile.phone = (
        nationality,
        residence,
        gender,
        phone,
    )
    profile.wizard_step = "personal"
    profile.save()
    duplicates_flag(profile=profile)
    after_profile_change(profile)
    return profile


@transaction.atomic
def profile_set_occupations(
    *,
    profile: CandidateProfile,
    desired: list[dict[str, str]],
    current_title: str = "",
    current_uri: str = "",
    language: str = "",
) -> CandidateProfile:
    """Desired occupations and current job title: the typed text is kept; each is linked to ESCO where possible."""
    if len(desired) > 5:
        raise ValidationFailed(_("Choose at most five desired occupations."), field="desired_occupations")
    texts: list[str] = []
    linked = []
    for item in desired:
        text = clean_text(item, "text", 300)
        occupation = link_occupation(text, str(item.get("uri") or ""))
        if not text and occupation is not None:
            text = occupation.preferred_label
        if not text:
            continue
        texts.append(text)
        if occupation is not None:
            linked.append(occupation)
    title = clean_text({"current_title": current_title}, "current_title", 300)
    profile.desired_occupations_text = texts
    profile.current_title = title
    profile.current_occupation = link_occupation(title, current_uri) if (title or current_uri) else None
    if profile.current_occupation is not None and not title:
        profile.current_title = profile.current_occupation.preferred_label
    profile.text_language = text_language(language) or profile.text_language
    profile.search_text = profile_search_text(profile)
    profile.wizard_step = "occupation"
    profile.save()
    profile.desired_occupations.set(linked)
    after_profile_change(profile)
    return profile


@transaction.atomic
def profile_set_mobility(*, profile: CandidateProfile, data: dict[str, Any], language: str = "") -> CandidateProfile:
    destinations = v.check_countries(list(data.get("destinations") or []), field="destinations")
    sectors = sorted(set(data.get("sectors") or []))
    valid_sectors = {code for code, _label in NACE_SECTIONS}
    if any(s not in valid_sectors for s in sectors):
        raise ValidationFailed(_("Unknown sector."), field="sectors")
    available_from = data.get("available_from")
    if available_from is not None and available_from < timezone.localdate() - dt.timedelta(days=365):
        raise ValidationFailed(_("The earliest start date is too far in the past."), field="available_from")
    if available_from is not None and available_from > timezone.localdate() + dt.timedelta(days=5 * 365):
        raise ValidationFailed(
            _("The earliest start date is too far in the future: at most five years from today."),
            field="available_from",
        )
    v.check_stay(data.get("min_stay_months"), data.get("max_stay_months"))
    profile.destinations = destinations
    profile.sectors = sectors
    profile.available_from = available_from
    profile.min_stay_months = data.get("min_stay_months")
    profile.max_stay_months = data.get("max_stay_months")
    profile.circular_migration_interest = bool(data.get("circular_migration_interest"))
    profile.return_plans = clean_text(data, "return_plans", 2000)
    if profile.return_plans:
        profile.text_language = text_language(language) or profile.text_language
    profile.wizard_step = "mobility"
    profile.save()
    after_profile_change(profile)
    return profile


def submission_problems(profile: CandidateProfile) -> list[str]:
    problems = []
    if not (profile.given_name and profile.family_name and profile.birth_date and profile.nationality):
        problems.append(_("Complete your personal details."))
    if not (profile.desired_occupations_text or profile.current_title):
        problems.append(_("Say which occupation you are looking for."))
    if not profile.consents.filter(purpose=Consent.Purpose.KEEP_PROFILE, withdrawn_at__isnull=True).exists():
        problems.append(_("Agree that we keep your profile; without it we cannot review it."))
    return problems


@transaction.atomic
def profile_submit(*, profile: CandidateProfile) -> CandidateProfile:
    """Send the profile to a caseworker. Preconditions: personal details, an occupation, keep-profile consent."""
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    problems = submission_problems(profile)
    if problems:
        raise ValidationFailed(" ".join(str(p) for p in problems))
    if profile.birth_date:
        v.check_birth_date(profile.birth_date)
    if profile.status in (CandidateProfile.Status.SUBMITTED, CandidateProfile.Status.VERIFIED):
        raise Conflict(_("Your profile has already been submitted."))
    now = timezone.now()
    profile.status = CandidateProfile.Status.SUBMITTED
    profile.submitted_at = now
    profile.last_confirmed_at = now
    profile.reconfirm_reminder_sent_at = None
    profile.wizard_step = "review"
    profile.save()
    review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=profile, country=profile.nationality)
    duplicates_flag(profile=profile)
    hooks.profile_changed(profile_id=profile.pk)
    return profile
