"""Writes on a candidate's own data. Every function validates its input (raising core.exceptions.*), runs in one
transaction, and tells the matching engine and the review queue what changed (contracts in matching.hooks and
review.services). Free text is stored as written, with the language it was written in.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates import validation as v
from candidates.consents import CONSENT_TEXTS, current_version
from candidates.documents import check_upload
from candidates.esco_link import link_occupation, link_skill
from candidates.models import (
    CandidateLanguage,
    CandidateProfile,
    CandidateSkill,
    Consent,
    Document,
    Education,
    Experience,
)
from core.audit import log_decision
from core.exceptions import Conflict, NotFound, ValidationFailed
from matching import hooks
from review.models import ReviewItem
from review.services import review_item_open

logger = logging.getLogger(__name__)

ACTIVE_STATUSES = (
    CandidateProfile.Status.SUBMITTED,
    CandidateProfile.Status.VERIFIED,
    CandidateProfile.Status.CHANGES_REQUESTED,
)
EMAIL_CHANGE_SALT = "candidates.email-change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


def _lang(language: str | None) -> str:
    return (language or "")[:2].lower()


def _text(data: dict[str, Any], key: str, max_length: int) -> str:
    value = data.get(key) or ""
    if not isinstance(value, str):
        raise ValidationFailed(_("Expected text."), field=key)
    value = value.strip()
    if len(value) > max_length:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": max_length}, field=key)
    return value


def _after_change(profile: CandidateProfile) -> None:
    """A change that matters for matching: re-embed; a verified profile goes back to a caseworker."""
    if profile.status == CandidateProfile.Status.DRAFT:
        return
    hooks.profile_changed(profile_id=profile.pk)
    if profile.status == CandidateProfile.Status.VERIFIED:
        review_item_open(kind=ReviewItem.Kind.PROFILE, candidate=profile, country=profile.nationality)


def _touch(profile: CandidateProfile, step: str) -> None:
    profile.wizard_step = step
    CandidateProfile.objects.filter(pk=profile.pk).update(wizard_step=step, updated_at=timezone.now())


# --- the profile itself -------------------------------------------------------------------------------------------


@transaction.atomic
def profile_get_or_create(*, user: Any) -> CandidateProfile:
    """The candidate's profile, created empty (draft) the first time they arrive."""
    profile, _created = CandidateProfile.objects.get_or_create(
        user=user,
        defaults={"contact_email": user.email, "text_language": _lang(getattr(user, "preferred_language", ""))},
    )
    return profile


@transaction.atomic
def profile_update_personal(*, profile: CandidateProfile, data: dict[str, Any]) -> CandidateProfile:
    given = _text(data, "given_name", 150)
    family = _text(data, "family_name", 150)
    if not given:
        raise ValidationFailed(_("Please enter your given name."), field="given_name")
    if not family:
        raise ValidationFailed(_("Please enter your family name."), field="family_name")
    birth_date = data.get("birth_date")
    if birth_date is None:
        raise ValidationFailed(_("Please enter your birth date."), field="birth_date")
    v.check_birth_date(birth_date)
    nationality = v.check_country(data.get("nationality", ""), field="nationality", allow_blank=False)
    residence = v.check_country(data.get("residence_country", ""), field="residence_country", allow_blank=False)
    gender = data.get("gender") or ""
    if gender not in {"", *CandidateProfile.Gender.values}:
        raise ValidationFailed(_("Please choose one of the options."), field="gender")
    phone = _text(data, "phone", 40)
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
    _after_change(profile)
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
        text = _text(item, "text", 300)
        occupation = link_occupation(text, str(item.get("uri") or ""))
        if not text and occupation is not None:
            text = occupation.preferred_label
        if not text:
            continue
        texts.append(text)
        if occupation is not None:
            linked.append(occupation)
    title = _text({"current_title": current_title}, "current_title", 300)
    profile.desired_occupations_text = texts
    profile.current_title = title
    profile.current_occupation = link_occupation(title, current_uri) if (title or current_uri) else None
    if profile.current_occupation is not None and not title:
        profile.current_title = profile.current_occupation.preferred_label
    profile.text_language = _lang(language) or profile.text_language
    profile.wizard_step = "occupation"
    profile.save()
    profile.desired_occupations.set(linked)
    _after_change(profile)
    return profile


@transaction.atomic
def profile_set_mobility(*, profile: CandidateProfile, data: dict[str, Any], language: str = "") -> CandidateProfile:
    from employers.models import NACE_SECTIONS

    destinations = v.check_countries(list(data.get("destinations") or []), field="destinations")
    sectors = sorted(set(data.get("sectors") or []))
    valid_sectors = {code for code, _label in NACE_SECTIONS}
    if any(s not in valid_sectors for s in sectors):
        raise ValidationFailed(_("Unknown sector."), field="sectors")
    available_from = data.get("available_from")
    if available_from is not None and available_from < timezone.localdate() - dt.timedelta(days=365):
        raise ValidationFailed(_("The earliest start date is too far in the past."), field="available_from")
    v.check_stay(data.get("min_stay_months"), data.get("max_stay_months"))
    profile.destinations = destinations
    profile.sectors = sectors
    profile.available_from = available_from
    profile.min_stay_months = data.get("min_stay_months")
    profile.max_stay_months = data.get("max_stay_months")
    profile.circular_migration_interest = bool(data.get("circular_migration_interest"))
    profile.return_plans = _text(data, "return_plans", 2000)
    if profile.return_plans:
        profile.text_language = _lang(language) or profile.text_language
    profile.wizard_step = "mobility"
    profile.save()
    _after_change(profile)
    return profile


# --- repeated items: skills, languages, education, experience -----------------------------------------------------


def _clean_skill(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    label = _text(data, "label", 300)
    skill = link_skill(label, str(data.get("skill_uri") or ""))
    if not label and skill is None:
        raise ValidationFailed(_("Please name the skill."), field="label")
    years = data.get("years")
    v.check_years_of_practice(years)
    return {"label": label or skill.preferred_label, "skill": skill, "years": years, "label_language": _lang(language)}


def _clean_language(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "code": v.check_language(str(data.get("code") or "")),
        "level": v.check_cefr(str(data.get("level") or "")),
        "certificate": _text(data, "certificate", 120),
    }
    doc_id = data.get("certificate_document_id")
    if doc_id:
        document = Document.objects.filter(profile=profile, pk=doc_id).first()
        if document is None:
            raise ValidationFailed(_("Unknown document."), field="certificate_document_id")
        cleaned["certificate_document"] = document
    return cleaned


def _clean_education(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    cleaned = {
        "isced_level": data.get("isced_level"),
        "field": _text(data, "field", 200),
        "institution": _text(data, "institution", 200),
        "country": v.check_country(str(data.get("country") or ""), field="country"),
        "start_year": data.get("start_year"),
        "end_year": data.get("end_year"),
        "text_language": _lang(language),
    }
    if not cleaned["field"] and not cleaned["institution"]:
        raise ValidationFailed(_("Please give the field of study or the institution."), field="field")
    v.check_isced(cleaned["isced_level"])
    v.check_year(cleaned["start_year"], field="start_year")
    v.check_year(cleaned["end_year"], field="end_year")
    v.check_date_order(cleaned["start_year"], cleaned["end_year"], field="end_year")
    return cleaned


def _clean_experience(profile: CandidateProfile, data: dict[str, Any], language: str) -> dict[str, Any]:
    title = _text(data, "title", 300)
    occupation = link_occupation(title, str(data.get("occupation_uri") or ""))
    if not title and occupation is None:
        raise ValidationFailed(_("Please enter the job title."), field="title")
    cleaned = {
        "title": title or occupation.preferred_label,
        "occupation": occupation,
        "employer_name": _text(data, "employer_name", 200),
        "country": v.check_country(str(data.get("country") or ""), field="country"),
        "start": data.get("start"),
        "end": data.get("end"),
        "description": _text(data, "description", 4000),
        "text_language": _lang(language),
    }
    v.check_not_future(cleaned["start"], field="start")
    v.check_date_order(cleaned["start"], cleaned["end"], field="end")
    return cleaned


ITEM_KINDS: dict[str, tuple[type, Any]] = {
    "skills": (CandidateSkill, _clean_skill),
    "languages": (CandidateLanguage, _clean_language),
    "education": (Education, _clean_education),
    "experience": (Experience, _clean_experience),
}
MAX_ITEMS = 60


def _spec(kind: str) -> tuple[type, Any]:
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
    _touch(profile, kind)
    _after_change(profile)
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
    _touch(profile, kind)
    _after_change(profile)
    return item


@transaction.atomic
def candidate_item_delete(*, profile: CandidateProfile, kind: str, item_id: int) -> None:
    model, _clean = _spec(kind)
    deleted, _rows = model.objects.filter(profile=profile, pk=item_id).delete()
    if not deleted:
        raise NotFound(_("Not found."))
    _after_change(profile)


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
    _touch(profile, kind)
    _after_change(profile)
    return created


# --- programme credentials ----------------------------------------------------------------------------------------


@transaction.atomic
def credential_claim(
    *,
    profile: CandidateProfile,
    programme: Any,
    cohort: Any = None,
    title: str,
    completed_on: dt.date | None = None,
    evidence: Document | None = None,
) -> Any:
    """A candidate says a programme trained them. The programme's administrators verify it; a programme without
    administrators sends the claim to the caseworker queue."""
    from programmes.models import Credential

    title = _text({"title": title}, "title", 300)
    if not title:
        raise ValidationFailed(_("Please give the title of the training or qualification."), field="title")
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationFailed(_("This cohort belongs to another programme."), field="cohort")
    v.check_not_future(completed_on, field="completed_on")
    if evidence is not None and evidence.profile_id != profile.pk:
        raise NotFound(_("Unknown document."))
    credential = Credential.objects.create(
        candidate=profile,
        programme=programme,
        cohort=cohort,
        title=title,
        completed_on=completed_on,
        evidence=evidence,
        status=Credential.Status.CLAIMED,
    )
    if not programme.administrators.exists():
        review_item_open(
            kind=ReviewItem.Kind.CREDENTIAL,
            candidate=profile,
            credential=credential,
            programme=programme,
            country=profile.nationality,
        )
    _touch(profile, "credentials")
    return credential


@transaction.atomic
def credential_claim_withdraw(*, profile: CandidateProfile, credential_id: int) -> None:
    from programmes.models import Credential

    credential = Credential.objects.filter(candidate=profile, pk=credential_id).first()
    if credential is None:
        raise NotFound(_("Not found."))
    if credential.status != Credential.Status.CLAIMED:
        raise Conflict(_("Only a claim that is still awaiting verification can be withdrawn."))
    credential.delete()


# --- consents -----------------------------------------------------------------------------------------------------


def _check_purpose(purpose: str) -> str:
    if purpose not in Consent.Purpose.values:
        raise ValidationFailed(_("Unknown purpose."), field="purpose")
    return purpose


@transaction.atomic
def consent_grant(*, profile: CandidateProfile, purpose: str) -> Consent:
    """Grant consent for one purpose, against the current text version. Idempotent."""
    _check_purpose(purpose)
    active = profile.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if active is not None and active.text_version == current_version(purpose):
        return active
    if active is not None:  # an older text: the new grant replaces it
        active.withdrawn_at = timezone.now()
        active.save(update_fields=["withdrawn_at"])
    consent = Consent.objects.create(
        profile=profile, purpose=purpose, text_version=current_version(purpose), granted_at=timezone.now()
    )
    if purpose == Consent.Purpose.MATCHING:
        _after_change(profile)
    return consent


@transaction.atomic
def consent_withdraw(*, profile: CandidateProfile, purpose: str) -> int:
    """Withdraw consent for one purpose in one action. Withdrawing matching (or keeping the profile at all) takes the
    candidate out of matching now.

    Returns the number of consents withdrawn (0 when none was active).
    """
    _check_purpose(purpose)
    count = profile.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    if count and purpose in (Consent.Purpose.MATCHING, Consent.Purpose.KEEP_PROFILE):
        hooks.candidate_left_matching(profile_id=profile.pk)
    return count


@transaction.atomic
def consents_set(*, profile: CandidateProfile, purposes: set[str]) -> None:
    """The consent step: grant what is ticked, withdraw what is not."""
    for purpose in purposes:
        _check_purpose(purpose)
    for purpose in CONSENT_TEXTS:
        if purpose in purposes:
            consent_grant(profile=profile, purpose=purpose)
        else:
            consent_withdraw(profile=profile, purpose=purpose)
    _touch(profile, "consents")


# --- submission, duplicates, reconfirmation, dormancy ------------------------------------------------------------


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


def _normalise_number(number: str) -> str:
    return "".join(ch for ch in (number or "").upper() if ch.isalnum())


@transaction.atomic
def duplicates_flag(*, profile: CandidateProfile) -> list[CandidateProfile]:
    """Open a DUPLICATE review item for every other profile with the same name, birth date and nationality, or the
    same identity document number. The caseworker decides; nothing is merged or refused automatically."""
    others: set[int] = set()
    if profile.given_name and profile.family_name and profile.birth_date and profile.nationality:
        others.update(
            CandidateProfile.objects.filter(
                given_name__iexact=profile.given_name,
                family_name__iexact=profile.family_name,
                birth_date=profile.birth_date,
                nationality=profile.nationality,
            )
            .exclude(pk=profile.pk)
            .values_list("pk", flat=True)
        )
    numbers = {
        _normalise_number(n)
        for n in profile.documents.exclude(document_number="").values_list("document_number", flat=True)
    }
    numbers.discard("")
    if numbers:
        others.update(
            Document.objects.filter(document_number__in=numbers)
            .exclude(profile=profile)
            .values_list("profile_id", flat=True)
        )
    found = list(CandidateProfile.objects.filter(pk__in=others))
    for other in found:
        already = (
            ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE, candidate=other, other_candidate=profile)
            .exclude(status=ReviewItem.Status.DONE)
            .exists()
        )
        if not already:
            review_item_open(
                kind=ReviewItem.Kind.DUPLICATE, candidate=profile, other_candidate=other, country=profile.nationality
            )
    return found


@transaction.atomic
def profile_reconfirm(*, profile: CandidateProfile) -> CandidateProfile:
    """The candidate confirms they are still interested: the 90-day clock restarts; a dormant profile comes back."""
    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status == CandidateProfile.Status.DRAFT:
        raise Conflict(_("Submit your profile first."))
    profile.last_confirmed_at = timezone.now()
    profile.reconfirm_reminder_sent_at = None
    if profile.status == CandidateProfile.Status.DORMANT:
        profile.status = profile.status_before_dormant or CandidateProfile.Status.SUBMITTED
        profile.status_before_dormant = ""
        profile.save()
        hooks.profile_changed(profile_id=profile.pk)
    else:
        profile.save()
    return profile


def profiles_remind_and_mark_dormant(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Daily: remind candidates two weeks before their 90 days run out; make unconfirmed profiles dormant.

    Each profile is claimed with a conditional update, so running twice sends no second e-mail and no second hook.
    Returns (reminded, made dormant).
    """
    now = now or timezone.now()
    days = settings.PROFILE_RECONFIRM_DAYS
    deadline = now - dt.timedelta(days=days)
    remind_from = now - dt.timedelta(days=max(days - 14, 1))
    confirmed_before = lambda t: Q(last_confirmed_at__lt=t) | Q(last_confirmed_at__isnull=True, created_at__lt=t)  # noqa: E731
    reminded = 0
    for profile_id in CandidateProfile.objects.filter(
        confirmed_before(remind_from), status__in=ACTIVE_STATUSES, reconfirm_reminder_sent_at__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            if CandidateProfile.objects.filter(pk=profile_id, reconfirm_reminder_sent_at__isnull=True).update(
                reconfirm_reminder_sent_at=now
            ):
                reminded += 1
                transaction.on_commit(lambda pid=profile_id: _send_reconfirm_reminder(pid))
    dormant = 0
    for profile_id, status in CandidateProfile.objects.filter(
        confirmed_before(deadline), status__in=ACTIVE_STATUSES
    ).values_list("pk", "status"):
        with transaction.atomic():
            if CandidateProfile.objects.filter(pk=profile_id, status=status).update(
                status=CandidateProfile.Status.DORMANT, status_before_dormant=status, updated_at=now
            ):
                dormant += 1
                hooks.candidate_left_matching(profile_id=profile_id)
    logger.info("reconfirmation sweep", extra={"reminded": reminded, "dormant": dormant})
    return reminded, dormant


def _send_reconfirm_reminder(profile_id: int) -> None:
    from django.utils import translation

    profile = CandidateProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None or profile.user is None:
        return
    with translation.override(profile.user.preferred_language or "en"):
        send_mail(
            _("Are you still looking for work abroad?"),
            _(
                "Please log in and confirm that you are still interested, otherwise your profile becomes dormant and "
                "leaves matching until you confirm."
            ),
            None,
            [profile.user.email],
        )


# --- documents ----------------------------------------------------------------------------------------------------


@transaction.atomic
def document_upload(
    *, profile: CandidateProfile, kind: str, content: bytes, name: str, document_number: str = ""
) -> Document:
    """Store a checked PDF/JPEG/PNG under a generated name; identity documents and certificates go to a caseworker."""
    if kind not in Document.Kind.values:
        raise ValidationFailed(_("Unknown kind of document."), field="kind")
    checked = check_upload(content=content, name=name, max_bytes=settings.DOCUMENT_MAX_BYTES)
    CandidateProfile.objects.select_for_update().filter(pk=profile.pk).first()  # serialise quota checks per candidate
    used = profile.documents.aggregate(total=Sum("size"))["total"] or 0
    if used + len(content) > settings.DOCUMENT_QUOTA_BYTES:
        raise ValidationFailed(
            _("Your documents would exceed your storage quota of %(mb)d MB. Delete a document first.")
            % {"mb": settings.DOCUMENT_QUOTA_BYTES // (1024 * 1024)},
            field="file",
        )
    number = _normalise_number(_text({"document_number": document_number}, "document_number", 80))
    if number and kind != Document.Kind.IDENTITY:
        number = ""
    document = Document(
        profile=profile,
        kind=kind,
        original_name=checked.display_name,
        content_type=checked.content_type,
        size=len(content),
        sha256=checked.sha256,
        document_number=number,
    )
    document.file.save(f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(content), save=False)
    stored_name = document.file.name
    try:
        document.save()
    except Exception:
        document.file.storage.delete(stored_name)
        raise
    if kind in (Document.Kind.IDENTITY, Document.Kind.CERTIFICATE):
        review_item_open(
            kind=ReviewItem.Kind.DOCUMENT, candidate=profile, document=document, country=profile.nationality
        )
    if number:
        duplicates_flag(profile=profile)
    return document


@transaction.atomic
def document_delete(*, profile: CandidateProfile, document_id: int) -> None:
    document = Document.objects.filter(profile=profile, pk=document_id).first()
    if document is None:
        raise NotFound(_("Not found."))
    name = document.file.name
    storage = document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- dashboard actions --------------------------------------------------------------------------------------------

NOT_INTERESTED_FROM = ("released", "shortlisted", "interview")


@transaction.atomic
def match_not_interested(*, profile: CandidateProfile, match_id: int, actor: Any, note: str = "") -> Any:
    """The candidate says they are not interested in a vacancy they were put forward for (recorded as a decision)."""
    from matching.models import Match, MatchDecision

    match = Match.objects.select_for_update().filter(candidate=profile, pk=match_id).first()
    if match is None:
        raise NotFound(_("Not found."))
    if match.status not in NOT_INTERESTED_FROM:
        raise Conflict(_("This vacancy can no longer be declined here."))
    from_status = match.status
    match.status = Match.Status.WITHDRAWN
    match.save(update_fields=["status", "updated_at"])
    MatchDecision.objects.create(
        match=match,
        actor=actor,
        actor_role="candidate",
        action="not_interested",
        from_status=from_status,
        to_status=Match.Status.WITHDRAWN,
        reason_code="candidate_not_interested",
        note=_text({"note": note}, "note", 1000),
        components=match.components,
    )
    log_decision(
        actor=actor,
        subject_type="match",
        subject_id=match.pk,
        action="not_interested",
        reason_code="candidate_not_interested",
    )
    return match


@transaction.atomic
def fee_report_create(*, profile: CandidateProfile, organisation_id: int, description: str) -> Any:
    """Report that someone asked the candidate for a recruitment fee (forbidden: ILO fair recruitment)."""
    from employers.models import FeeReport, Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise ValidationFailed(_("Please choose the organisation."), field="organisation")
    text = _text({"description": description}, "description", 4000)
    if len(text) < 10:
        raise ValidationFailed(_("Please describe what happened (at least 10 characters)."), field="description")
    report = FeeReport.objects.create(organisation=organisation, reporter=profile, description=text)
    review_item_open(
        kind=ReviewItem.Kind.FEE_REPORT,
        fee_report=report,
        organisation=organisation,
        country=organisation.country,
        sector=organisation.sector,
        priority=1,
    )
    return report


# --- change of e-mail ---------------------------------------------------------------------------------------------


def email_change_request(*, user: Any, new_email: str, confirm_url: Any) -> None:
    """Send a confirmation link to the new address; nothing changes until it is opened.

    `confirm_url(token) -> str` builds the absolute link.
    """
    from core.models import User

    new_email = (new_email or "").strip().lower()
    if not new_email or "@" not in new_email or len(new_email) > 254:
        raise ValidationFailed(_("Please enter a valid e-mail address."), field="email")
    if new_email == user.email:
        raise ValidationFailed(_("This is already your e-mail address."), field="email")
    if User.objects.filter(email__iexact=new_email).exists():
        raise Conflict(_("This e-mail address is already used by another account."), field="email")
    token = signing.dumps({"u": user.pk, "e": new_email}, salt=EMAIL_CHANGE_SALT)
    link = confirm_url(token)
    send_mail(
        _("Confirm your new e-mail address"),
        _("Open this link to use this address for your Talent Pool account: %(link)s") % {"link": link},
        None,
        [new_email],
    )


@transaction.atomic
def email_change_confirm(*, user: Any, token: str) -> str:
    from core.models import User

    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:
        raise ValidationFailed(_("This confirmation link is not valid or has expired.")) from None
    if not isinstance(payload, dict) or payload.get("u") != user.pk:
        raise ValidationFailed(_("This confirmation link is not valid or has expired."))
    new_email = str(payload.get("e", ""))
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise Conflict(_("This e-mail address is already used by another account."))
    User.objects.filter(pk=user.pk).update(email=new_email, email_verified=True)
    CandidateProfile.objects.filter(user=user).update(contact_email=new_email)
    user.email, user.email_verified = new_email, True
    return new_email


# --- erasure ------------------------------------------------------------------------------------------------------


@transaction.atomic
def profile_erase(*, profile: CandidateProfile) -> None:
    """Erase the candidate: profile and everything under it (skills, languages, education, experience, consents,
    documents and their files, credentials, matches and their decisions, review items), the candidate's embedding,
    login-attempt records and the user account. Kept: access and decision logs, which hold only numeric ids."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as AxesAccessLog
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from matching.models import Embedding

    profile = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    profile_id = profile.pk
    user = profile.user
    files = [(d.file.storage, d.file.name) for d in profile.documents.all() if d.file]
    hooks.candidate_left_matching(profile_id=profile_id)
    Embedding.objects.filter(kind=Embedding.Kind.CANDIDATE, object_id=profile_id).delete()
    profile.delete()
    if user is not None:
        email = user.email
        for model in (AccessAttempt, AccessFailureLog, AxesAccessLog):
            model.objects.filter(username__iexact=email).delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(user)), object_id=str(user.pk)
        ).delete()
        user.delete()

    def _remove_files() -> None:
        for storage, name in files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("could not remove an erased candidate's file", extra={"profile_id": profile_id})

    transaction.on_commit(_remove_files)
