"""Credentials a programme issues or verifies: claims decided one by one, or issued in bulk from a CSV file.

These move to the candidates app with the Credential model (issue 10); until then they live here. Every decision
sends CREDENTIAL_CHANGED after commit, so that the holder is matched again with what the programme vouched for.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.audit import log_decision
from core.exceptions import Conflict, ValidationFailed
from core.permissions import require
from programmes.models import Cohort, Credential, CredentialRecognition, Programme
from programmes.services.common import require_change
from taxonomy.models import Skill

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 5000


def _emit_changed(credential: Credential) -> None:
    events.emit(events.CREDENTIAL_CHANGED, credential_id=credential.pk, profile_id=credential.candidate_id)


@transaction.atomic
def credential_verify(*, credential: Credential, actor: Any) -> Credential:
    """A claimed credential becomes verified. Precondition: status CLAIMED. Logs the decision, re-queues matching."""
    require(actor, "programmes.decide_credential", credential, visible="programmes.view_credential")
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
    _emit_changed(credential)
    return credential


@transaction.atomic
def credential_reject(*, credential: Credential, actor: Any, reason: str) -> Credential:
    """A claimed credential is rejected with a reason the candidate will read."""
    require(actor, "programmes.decide_credential", credential, visible="programmes.view_credential")
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
    _emit_changed(credential)
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


def _linked_candidate_ids(programme: Programme) -> set[int]:
    """Candidates with a link to the programme: their own claim on one of its credentials (with or without a cohort)
    or a credential it issued them before. A programme vouches only for people who say it trained them."""
    return set(
        Credential.objects.filter(programme=programme)
        .exclude(status=Credential.Status.REJECTED)
        .values_list("candidate_id", flat=True)
    )


def _find_candidate(value: str, linked: set[int]) -> Any:
    """The linked candidate `value` names (e-mail or external id), or None — the same None for an address nobody
    uses and for a candidate with no link, so that the answer reveals nothing about who has an account."""
    # The credential's own relation names the profile model: programmes imports nothing from candidates (the model
    # moves there, issue 10).
    # Any: the stubs type related_model as type[Model], which has no `objects`; it is CandidateProfile.
    profile_model: Any = Credential._meta.get_field("candidate").related_model
    query = profile_model.objects.select_related("user").filter(pk__in=linked)
    if "@" in value:
        return query.filter(user__email__iexact=value).first()
    return query.filter(external_id=value).first()


def _parse_row(
    *, programme: Programme, line: int, raw: dict[str, str], errors: list[CsvError], linked: set[int]
) -> _Row | None:
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
        candidate = _find_candidate(values["candidate"], linked)
        if candidate is None:
            errors.append(
                CsvError(
                    line,
                    "candidate",
                    _(
                        "No graduate of this programme with this e-mail address or external id. A graduate first "
                        "claims the programme's credential in their own profile; then it can be issued."
                    ),
                )
            )
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
    linked = _linked_candidate_ids(programme)
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
            row = _parse_row(programme=programme, line=line, raw=raw, errors=result.errors, linked=linked)
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
    require_change(actor, programme)
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
    # A graduate's own claim awaiting a decision becomes the issued credential rather than standing beside it.
    claims: dict[int, Credential] = {}
    for claim in (
        Credential.objects.select_for_update()
        .filter(
            programme=programme,
            status=Credential.Status.CLAIMED,
            issue_reference="",
            candidate_id__in=[row.candidate.pk for row in rows if row.reference not in existing],
        )
        .order_by("pk")
    ):
        claims.setdefault(claim.candidate_id, claim)
    changed: list[Credential] = []
    for row in rows:
        current = existing.get(row.reference)
        values = {"title": row.title, "level": row.level, "completed_on": row.completed_on, "cohort": row.cohort}
        if current is None and row.candidate.pk in claims:
            current = claims.pop(row.candidate.pk)
            for key, value in values.items():
                setattr(current, key, value)
            current.issue_reference = row.reference
            current.status = Credential.Status.ISSUED
            current.decided_by = actor
            current.decided_at = timezone.now()
            current.save()
            result.created += 1
            is_changed = True
        elif current is None:
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
            is_changed = True
        else:
            is_changed = any(getattr(current, key) != value for key, value in values.items())
            is_changed |= current.status != Credential.Status.ISSUED
            is_changed |= set(current.skills.values_list("pk", flat=True)) != {skill.pk for skill in row.skills}
            is_changed |= dict(current.recognitions.values_list("destination_country", "status")) != row.recognitions
            if is_changed:
                for key, value in values.items():
                    setattr(current, key, value)
                current.status = Credential.Status.ISSUED
                current.save()
                result.updated += 1
            else:
                result.unchanged += 1
        if is_changed:
            current.skills.set(row.skills)
            current.recognitions.exclude(destination_country__in=list(row.recognitions)).delete()
            for country, status in row.recognitions.items():
                CredentialRecognition.objects.update_or_create(
                    credential=current, destination_country=country, defaults={"status": status}
                )
            changed.append(current)
    log_decision(
        actor=actor,
        subject_type="programme",
        subject_id=programme.pk,
        action="credentials_bulk_issue",
        note=f"created={result.created} updated={result.updated} unchanged={result.unchanged}",
    )
    for credential in changed:
        _emit_changed(credential)
    return result
