"""Writes of the programme directory: quotas, credentials (verify, reject, bulk issue), programme/scheme/cohort edits.

Every function is atomic and keyword-only. Permission checks that depend on the object live in programmes.rules;
the services re-check them so that the API, the pages and other apps (the review queue) share one gate.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import log_decision
from core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from programmes.models import (
    Cohort,
    Credential,
    CredentialRecognition,
    LegalScheme,
    Programme,
    ProgrammePartner,
    SchemeQuota,
    Stakeholder,
)

logger = logging.getLogger(__name__)

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 5000


def _notify_profile_changed(profile_id: int) -> None:
    """Verified credentials count in matching: tell the engine after commit."""
    from matching import hooks

    def notify() -> None:
        try:
            hooks.profile_changed(profile_id=profile_id)
        except ImportError:  # the matching services are optional for the directory; the nightly sweep catches up
            logger.warning("matching services unavailable; profile %s not re-queued", profile_id)

    transaction.on_commit(notify)


# --- quotas -------------------------------------------------------------------------------------------------------


def _open_year_row(*, scheme: LegalScheme, year: int) -> None:
    """Open the all-nationality row of `year` from the scheme's standing annual quota, once (race-safe)."""
    if scheme.annual_quota is None:
        return
    if SchemeQuota.objects.filter(scheme=scheme, year=year, nationality="").exists():
        return
    try:
        with transaction.atomic():
            SchemeQuota.objects.create(scheme=scheme, year=year, nationality="", quota=scheme.annual_quota)
    except IntegrityError:
        pass  # another transaction opened it first


def _quota_rows(*, scheme: LegalScheme, nationality: str, year: int) -> list[SchemeQuota]:
    nationalities = {""} | ({nationality.upper()} if nationality else set())
    return list(SchemeQuota.objects.filter(scheme=scheme, year=year, nationality__in=nationalities).order_by("pk"))


@transaction.atomic
def scheme_quota_consume(*, scheme: LegalScheme, nationality: str, year: int) -> None:
    """Use one place of the scheme's quota for `year`: the nationality row and the all-nationality row, if set.

    Each row is taken with a conditional UPDATE (`used < quota`), which PostgreSQL serialises per row, so concurrent
    hires can never push `used` past `quota`. If any row is full, nothing is consumed and Conflict is raised.
    A scheme without quota rows (and no standing annual quota) has no limit.
    """
    _open_year_row(scheme=scheme, year=year)
    for row in _quota_rows(scheme=scheme, nationality=nationality, year=year):
        taken = SchemeQuota.objects.filter(pk=row.pk, used__lt=F("quota")).update(used=F("used") + 1)
        if taken != 1:
            who = row.nationality or _("all nationalities")
            raise Conflict(
                _("The %(year)s quota of %(scheme)s for %(who)s is used up.")
                % {"year": year, "scheme": scheme.name, "who": who},
                code="quota_exhausted",
            )


def scheme_quota_remaining(*, scheme: LegalScheme, nationality: str, year: int) -> int | None:
    """Places left for a candidate of `nationality` in `year`; None when no quota applies."""
    rows = _quota_rows(scheme=scheme, nationality=nationality, year=year)
    remaining = [row.remaining for row in rows]
    if scheme.annual_quota is not None and not any(row.nationality == "" for row in rows):
        remaining.append(scheme.annual_quota)
    return min(remaining) if remaining else None


@transaction.atomic
def scheme_quota_set(*, scheme: LegalScheme, actor: Any, year: int, quota: int, nationality: str = "") -> SchemeQuota:
    _require(actor, "programmes.change_programme", scheme.programme)
    row, _created = SchemeQuota.objects.select_for_update().get_or_create(
        scheme=scheme, year=year, nationality=nationality.upper(), defaults={"quota": quota}
    )
    if quota < row.used:
        raise ValidationFailed(
            _("The quota cannot be below the %(used)s places already used.") % {"used": row.used}, field="quota"
        )
    row.quota = quota
    row.save(update_fields=["quota"])
    return row


# --- credentials --------------------------------------------------------------------------------------------------


def _require(actor: Any, perm: str, obj: Any) -> None:
    if obj is None or not actor.has_perm(perm, obj):
        raise PermissionDeniedError(_("You may not do this for this programme."))


@transaction.atomic
def credential_verify(*, credential: Credential, actor: Any) -> Credential:
    """A claimed credential becomes verified. Precondition: status CLAIMED. Logs the decision, re-queues matching."""
    _require(actor, "programmes.decide_credential", credential)
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.status != Credential.Status.CLAIMED:
        raise Conflict(
            _("Only a claimed credential can be verified; this one is %(status)s.")
            % {"status": credential.get_status_display()}
        )
    credential.status = Credential.Status.VERIFIED
    credential.rejection_reason = ""
    credential.decided_by = actor
    credential.decided_at = timezone.now()
    credential.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    log_decision(actor=actor, subject_type="credential", subject_id=credential.pk, action="verify")
    _notify_profile_changed(credential.candidate_id)
    return credential


@transaction.atomic
def credential_reject(*, credential: Credential, actor: Any, reason: str) -> Credential:
    """A claimed credential is rejected with a reason the candidate will read."""
    _require(actor, "programmes.decide_credential", credential)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give the reason for the rejection; the candidate will see it."), field="reason")
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.status != Credential.Status.CLAIMED:
        raise Conflict(
            _("Only a claimed credential can be rejected; this one is %(status)s.")
            % {"status": credential.get_status_display()}
        )
    credential.status = Credential.Status.REJECTED
    credential.rejection_reason = reason[:2000]
    credential.decided_by = actor
    credential.decided_at = timezone.now()
    credential.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    log_decision(actor=actor, subject_type="credential", subject_id=credential.pk, action="reject", note=reason[:2000])
    return credential


@dataclass(frozen=True)
class CsvError:
    line: int
    field: str
    message: str


@dataclass
class BulkIssueResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[CsvError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


CSV_COLUMNS = ("issue_reference", "candidate", "title", "level", "completed_on", "skills", "cohort", "recognition")
CSV_REQUIRED = ("issue_reference", "candidate", "title", "completed_on")
RECOGNITION_RE = re.compile(r"^([A-Za-z]{2}):(full|partial|pending|none)$")


@dataclass
class _Row:
    line: int
    reference: str
    candidate: Any
    title: str
    level: str
    completed_on: date
    skills: list[Any]
    cohort: Cohort | None
    recognitions: dict[str, str]


def _find_candidate(value: str) -> Any:
    from candidates.models import CandidateProfile

    query = CandidateProfile.objects.select_related("user")
    if "@" in value:
        return query.filter(user__email__iexact=value).first()
    return query.filter(external_id=value).first()


def _parse_row(*, programme: Programme, line: int, raw: dict[str, str], errors: list[CsvError]) -> _Row | None:
    from taxonomy.models import Skill

    before = len(errors)
    values = {key: (raw.get(key) or "").strip() for key in CSV_COLUMNS}
    for name in CSV_REQUIRED:
        if not values[name]:
            errors.append(CsvError(line, name, _("This field is required.")))
    if len(values["issue_reference"]) > 120:
        errors.append(CsvError(line, "issue_reference", _("At most 120 characters.")))
    if len(values["title"]) > 300:
        errors.append(CsvError(line, "title", _("At most 300 characters.")))
    if len(values["level"]) > 60:
        errors.append(CsvError(line, "level", _("At most 60 characters.")))
    candidate = None
    if values["candidate"]:
        candidate = _find_candidate(values["candidate"])
        if candidate is None:
            errors.append(CsvError(line, "candidate", _("No candidate with this e-mail address or external id.")))
    completed_on = None
    if values["completed_on"]:
        try:
            completed_on = date.fromisoformat(values["completed_on"])
        except ValueError:
            errors.append(CsvError(line, "completed_on", _("Use a date as YYYY-MM-DD.")))
        else:
            if completed_on > timezone.localdate():
                errors.append(CsvError(line, "completed_on", _("The completion date is in the future.")))
    skills: list[Any] = []
    uris = [uri for uri in re.split(r"[;\s]+", values["skills"]) if uri]
    if uris:
        skills = list(Skill.objects.filter(uri__in=uris))
        unknown = sorted(set(uris) - {skill.uri for skill in skills})
        if unknown:
            errors.append(
                CsvError(line, "skills", _("Unknown ESCO skill URI: %(uris)s") % {"uris": ", ".join(unknown[:5])})
            )
    cohort = None
    if values["cohort"]:
        cohort = programme.cohorts.filter(name=values["cohort"]).first()
        if cohort is None:
            errors.append(CsvError(line, "cohort", _("This programme has no cohort with this name.")))
    recognitions: dict[str, str] = {}
    for item in [item for item in values["recognition"].split(";") if item.strip()]:
        match = RECOGNITION_RE.match(item.strip())
        if match is None:
            errors.append(
                CsvError(line, "recognition", _("Write recognition as COUNTRY:status, e.g. DE:full;BE:pending."))
            )
            break
        recognitions[match.group(1).upper()] = match.group(2)
    if len(errors) > before:
        return None
    return _Row(
        line,
        values["issue_reference"],
        candidate,
        values["title"],
        values["level"],
        completed_on,  # type: ignore[arg-type]
        skills,
        cohort,
        recognitions,
    )


def _parse_csv(*, programme: Programme, csv_text: str, result: BulkIssueResult) -> list[_Row]:
    if len(csv_text.encode("utf-8", errors="replace")) > MAX_CSV_BYTES:
        result.errors.append(CsvError(0, "file", _("The file is larger than 2 MB.")))
        return []
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_REQUIRED if name not in header]
    if missing:
        result.errors.append(CsvError(1, "header", _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)}))
        return []
    reader.fieldnames = header
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    try:
        for raw in reader:
            line = reader.line_num
            if line > MAX_CSV_ROWS + 1:
                result.errors.append(CsvError(line, "file", _("At most %(n)s lines per file.") % {"n": MAX_CSV_ROWS}))
                break
            if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
                continue
            if None in raw:
                result.errors.append(
                    CsvError(line, "file", _("This line has more values than the header has columns."))
                )
                continue
            row = _parse_row(programme=programme, line=line, raw=raw, errors=result.errors)
            if row is None:
                continue
            if row.reference in seen:
                result.errors.append(
                    CsvError(
                        line, "issue_reference", _("Already used on line %(line)s.") % {"line": seen[row.reference]}
                    )
                )
                continue
            seen[row.reference] = line
            rows.append(row)
    except csv.Error as exc:
        result.errors.append(
            CsvError(reader.line_num, "file", _("The file is not valid CSV: %(error)s") % {"error": exc})
        )
    if not rows and not result.errors:
        result.errors.append(CsvError(0, "file", _("The file has no credential lines.")))
    return rows


@transaction.atomic
def credentials_bulk_issue(*, programme: Programme, actor: Any, csv_text: str) -> BulkIssueResult:
    """Issue credentials from a CSV file: every line is validated first; any error means nothing is written.

    Columns: issue_reference, candidate (e-mail or external id), title, completed_on (YYYY-MM-DD), optional level,
    skills (ESCO URIs separated by ';'), cohort (name), recognition (e.g. DE:full;BE:pending). Lines are keyed by
    issue_reference: uploading the same file again changes nothing, a changed line updates its credential.
    """
    _require(actor, "programmes.change_programme", programme)
    result = BulkIssueResult()
    rows = _parse_csv(programme=programme, csv_text=csv_text, result=result)
    existing = {
        credential.issue_reference: credential
        for credential in Credential.objects.select_for_update().filter(
            programme=programme, issue_reference__in=[row.reference for row in rows]
        )
    }
    for row in rows:
        current = existing.get(row.reference)
        if current is not None and current.candidate_id != row.candidate.pk:
            result.errors.append(
                CsvError(row.line, "candidate", _("This issue_reference was issued to another candidate."))
            )
    if result.errors:
        return result
    changed_profiles: set[int] = set()
    for row in rows:
        current = existing.get(row.reference)
        values = {"title": row.title, "level": row.level, "completed_on": row.completed_on, "cohort": row.cohort}
        if current is None:
            current = Credential.objects.create(
                programme=programme,
                candidate=row.candidate,
                issue_reference=row.reference,
                status=Credential.Status.ISSUED,
                decided_by=actor,
                decided_at=timezone.now(),
                **values,
            )
            result.created += 1
            changed = True
        else:
            changed = any(getattr(current, key) != value for key, value in values.items())
            changed |= current.status != Credential.Status.ISSUED
            changed |= set(current.skills.values_list("pk", flat=True)) != {skill.pk for skill in row.skills}
            changed |= dict(current.recognitions.values_list("destination_country", "status")) != row.recognitions
            if changed:
                for key, value in values.items():
                    setattr(current, key, value)
                current.status = Credential.Status.ISSUED
                current.save()
                result.updated += 1
            else:
                result.unchanged += 1
        if changed:
            current.skills.set(row.skills)
            current.recognitions.exclude(destination_country__in=list(row.recognitions)).delete()
            for country, status in row.recognitions.items():
                CredentialRecognition.objects.update_or_create(
                    credential=current, destination_country=country, defaults={"status": status}
                )
            changed_profiles.add(row.candidate.pk)
    log_decision(
        actor=actor,
        subject_type="programme",
        subject_id=programme.pk,
        action="credentials_bulk_issue",
        note=f"created={result.created} updated={result.updated} unchanged={result.unchanged}",
    )
    for profile_id in sorted(changed_profiles):
        _notify_profile_changed(profile_id)
    return result


# --- programme, scheme and cohort edits ---------------------------------------------------------------------------


def _save_with_relation(obj: Any, *, exclude: list[str], relation: str, related: Any) -> Any:
    """Validate and save `obj`; replace its many-to-many `relation` when `related` is given."""
    obj.full_clean(exclude=exclude)
    obj.save()
    if related is not None:
        getattr(obj, relation).set(related)
    return obj


def _programme_child(
    *, programme: Programme, actor: Any, model: type, obj: Any, data: dict[str, Any], elsewhere: str
) -> Any:
    """A new or existing scheme/cohort of `programme` with `data` applied; refuses one of another programme."""
    _require(actor, "programmes.change_programme", programme)
    if obj is not None and obj.programme_id != programme.pk:
        raise PermissionDeniedError(elsewhere)
    obj = obj or model(programme=programme)
    for key, value in data.items():
        setattr(obj, key, value)
    return obj


@transaction.atomic
def programme_update(*, programme: Programme, actor: Any, data: dict[str, Any], occupations: Any = None) -> Programme:
    """Change a programme's directory entry. `data` holds cleaned model field values."""
    _require(actor, "programmes.change_programme", programme)
    for key, value in data.items():
        setattr(programme, key, value)
    return _save_with_relation(
        programme, exclude=["administrators", "occupations"], relation="occupations", related=occupations
    )


@transaction.atomic
def scheme_save(
    *,
    programme: Programme,
    actor: Any,
    data: dict[str, Any],
    scheme: LegalScheme | None = None,
    occupations: Any = None,
) -> LegalScheme:
    """Create a scheme for `programme`, or change one of its schemes."""
    scheme = _programme_child(
        programme=programme,
        actor=actor,
        model=LegalScheme,
        obj=scheme,
        data=data,
        elsewhere=_("This scheme belongs to another programme."),
    )
    for low, high in (("min_age", "max_age"), ("min_stay_months", "max_stay_months")):
        low_value, high_value = getattr(scheme, low), getattr(scheme, high)
        if low_value is not None and high_value is not None and high_value < low_value:
            raise ValidationFailed(_("The maximum is below the minimum."), field=high)
    return _save_with_relation(
        scheme, exclude=["occupations", "reserved_employers"], relation="occupations", related=occupations
    )


@transaction.atomic
def cohort_save(
    *, programme: Programme, actor: Any, data: dict[str, Any], cohort: Cohort | None = None, curriculum: Any = None
) -> Cohort:
    """Create a cohort for `programme`, or change one of its cohorts."""
    cohort = _programme_child(
        programme=programme,
        actor=actor,
        model=Cohort,
        obj=cohort,
        data=data,
        elsewhere=_("This cohort belongs to another programme."),
    )
    return _save_with_relation(cohort, exclude=["curriculum"], relation="curriculum", related=curriculum)


@transaction.atomic
def programme_partner_add(
    *, programme: Programme, actor: Any, name: str, kind: str, role: str, country: str = "", website: str = ""
) -> ProgrammePartner:
    """Add a partner in a role. The stakeholder is found by name or created; an existing one keeps its details."""
    _require(actor, "programmes.change_programme", programme)
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the organisation's name."), field="name")
    if role not in ProgrammePartner.Role.values:
        raise ValidationFailed(_("Unknown role."), field="role")
    stakeholder = Stakeholder.objects.filter(name__iexact=name).first()
    if stakeholder is None:
        if kind not in Stakeholder.Kind.values:
            raise ValidationFailed(_("Unknown kind of organisation."), field="kind")
        stakeholder = Stakeholder(name=name[:300], kind=kind, country=country.upper(), website=website)
        stakeholder.full_clean()
        stakeholder.save()
    partner, _created = ProgrammePartner.objects.get_or_create(programme=programme, stakeholder=stakeholder, role=role)
    return partner


@transaction.atomic
def programme_partner_remove(*, programme: Programme, actor: Any, partner_id: int) -> None:
    _require(actor, "programmes.change_programme", programme)
    removed, _details = ProgrammePartner.objects.filter(programme=programme, pk=partner_id).delete()
    if not removed:
        raise ValidationFailed(_("This partner is not part of the programme."), field="partner")
