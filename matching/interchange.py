"""Pool interchange (JSON Lines, see INTERCHANGE.md): validate each line, then write it in its own savepoint so a
bad record leaves nothing behind. Records are keyed by `external_id`; a record whose content is unchanged since the
last import is skipped (its hash is kept in matching.PoolRecord), a changed one is updated in place."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

CANDIDATE_FIELDS = {
    "kind",
    "external_id",
    "given_name",
    "family_name",
    "email",
    "birth_date",
    "gender",
    "nationality",
    "residence_country",
    "headline",
    "summary",
    "summary_language",
    "occupations",
    "skills",
    "languages",
    "experience",
    "education",
    "credentials",
    "preferences",
    "consents",
    "status",
    "current_title",
}
VACANCY_FIELDS = {
    "kind",
    "external_id",
    "employer",
    "title",
    "description",
    "description_language",
    "esco_occupation",
    "essential_skills",
    "optional_skills",
    "languages",
    "country",
    "city",
    "sector",
    "positions",
    "start_date",
    "duration_months",
    "pay",
    "accepts_recognition_pending",
    "requires_recognition",
    "scheme",
    "programme",
    "status",
    "contract_type",
    "expires_on",
}
CEFR = {"A1", "A2", "B1", "B2", "C1", "C2"}
SKILL_PREFIX = "http://data.europa.eu/esco/skill/"
OCCUPATION_PREFIX = "http://data.europa.eu/esco/occupation/"
COUNTRY = re.compile(r"^[A-Z]{2}$")
LANG = re.compile(r"^[a-z]{2}$")


class RecordError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field '{field}': {message}")
        self.field = field


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    candidate_ids: list[int] = field(default_factory=list)
    vacancy_ids: list[int] = field(default_factory=list)


class _Taxonomy:
    """Lookups against ESCO, loaded lazily once per import."""

    def __init__(self) -> None:
        self._skills: dict[str, int] | None = None
        self._occupations: dict[str, int] | None = None
        self._skill_labels: dict[str, int] | None = None
        self._occupation_labels: dict[str, int] = {}

    def skills(self) -> dict[str, int]:
        if self._skills is None:
            from taxonomy.models import Skill

            self._skills = dict(Skill.objects.values_list("uri", "id"))
        return self._skills

    def occupations(self) -> dict[str, int]:
        if self._occupations is None:
            from taxonomy.models import Occupation

            self._occupations = dict(Occupation.objects.values_list("uri", "id"))
        return self._occupations

    def skill_for_label(self, label: str) -> int | None:
        from taxonomy.importer import normalize_label

        if self._skill_labels is None:
            from taxonomy.models import Skill

            table: dict[str, int] = {}
            rows = list(Skill.objects.values_list("id", "preferred_label", "alt_labels"))
            for sid, _pref, alts in rows:
                for alt in alts or []:
                    table.setdefault(normalize_label(alt), sid)
            for sid, pref, _alts in rows:  # preferred labels win over alternative ones
                table[normalize_label(pref)] = sid
            self._skill_labels = table
        return self._skill_labels.get(normalize_label(label))

    def occupation_for_title(self, title: str, language: str = "") -> int | None:
        """Link a job title in any ESCO language to an occupation by an exact (normalised) label."""
        from taxonomy.importer import normalize_label
        from taxonomy.models import OccupationLabel

        key = normalize_label(title)
        if not key:
            return None
        if key not in self._occupation_labels:
            rows = list(
                OccupationLabel.objects.filter(normalized=key).values_list("occupation_id", "language", "is_preferred")
            )
            rows.sort(key=lambda r: (r[1] != (language or "en"), not r[2], r[0]))
            self._occupation_labels[key] = rows[0][0] if rows else 0
        return self._occupation_labels[key] or None


# ---------------------------------------------------------------------------------------------------- parsing helpers


def _str(rec: dict, name: str, *, required: bool = False, max_len: int = 300) -> str:
    value = rec.get(name)
    if value is None or value == "":
        if required:
            raise RecordError(name, "is required")
        return ""
    if not isinstance(value, str):
        raise RecordError(name, "must be a string")
    if len(value) > max_len:
        raise RecordError(name, f"is longer than {max_len} characters")
    return value.strip()


def _date(value: Any, name: str, *, required: bool = False) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise RecordError(name, "is required")
        return None
    if not isinstance(value, str):
        raise RecordError(name, "must be a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RecordError(name, f"invalid date {value!r} (expected YYYY-MM-DD)") from None


def _country(value: Any, name: str, *, required: bool = False) -> str:
    if value in (None, ""):
        if required:
            raise RecordError(name, "is required")
        return ""
    if not isinstance(value, str) or not COUNTRY.match(value.upper()):
        raise RecordError(name, f"invalid country {value!r} (ISO 3166-1 alpha-2)")
    return value.upper()


def _lang(value: Any, name: str) -> str:
    if not isinstance(value, str) or not LANG.match(value.lower()):
        raise RecordError(name, f"invalid language {value!r} (ISO 639-1)")
    return value.lower()


def _int(value: Any, name: str, *, minimum: int = 0, maximum: int = 32767) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not (minimum <= value <= maximum):
        raise RecordError(name, f"must be a whole number between {minimum} and {maximum}")
    return value


def _list(rec: dict, name: str) -> list:
    value = rec.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(name, "must be a list")
    return value


def _languages(items: list, name: str, level_key: str) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise RecordError(f"{name}[{i}]", "must be an object with code and level")
        code = _lang(item.get("code"), f"{name}[{i}].code")
        level = item.get("level")
        if not isinstance(level, str) or level.upper() not in CEFR:
            raise RecordError(f"{name}[{i}].level", f"invalid CEFR level {level!r} (A1…C2)")
        out[code] = level.upper()
    return sorted(out.items())


def _skill_uri(tax: _Taxonomy, value: Any, name: str) -> int:
    if not isinstance(value, str) or not value.startswith(SKILL_PREFIX):
        raise RecordError(name, f"not an ESCO skill URI: {value!r}")
    sid = tax.skills().get(value)
    if sid is None:
        raise RecordError(name, f"unknown ESCO skill {value}")
    return sid


def _occupation_uri(tax: _Taxonomy, value: Any, name: str) -> int:
    if not isinstance(value, str) or not value.startswith(OCCUPATION_PREFIX):
        raise RecordError(name, f"not an ESCO occupation URI: {value!r}")
    oid = tax.occupations().get(value)
    if oid is None:
        raise RecordError(name, f"unknown ESCO occupation {value}")
    return oid


def _programme(value: Any, name: str):
    from programmes.models import Programme

    if not isinstance(value, str) or not value:
        raise RecordError(name, "must name a programme by acronym or slug")
    programme = (
        Programme.objects.filter(slug=value).first()
        or Programme.objects.filter(acronym__iexact=value).order_by("id").first()
    )
    if programme is None:
        raise RecordError(name, f"unknown programme {value!r} (use the directory's acronym or slug)")
    return programme


def record_hash(rec: dict) -> str:
    return hashlib.sha256(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------------- candidates


def _import_candidate(rec: dict, tax: _Taxonomy, *, may_verify: bool, warn: list[str]) -> tuple[int, bool]:
    from candidates.models import CandidateLanguage, CandidateProfile, CandidateSkill, Consent, Education, Experience
    from candidates.searching import profile_search_text
    from programmes.models import Credential

    external_id = _str(rec, "external_id", required=True, max_len=120)
    given = _str(rec, "given_name", required=True, max_len=150)
    family = _str(rec, "family_name", required=True, max_len=150)
    birth = _date(rec.get("birth_date"), "birth_date", required=True)
    nationality = _country(rec.get("nationality"), "nationality", required=True)
    residence = _country(rec.get("residence_country"), "residence_country")
    gender = _str(rec, "gender", max_len=12)
    if gender and gender not in CandidateProfile.Gender.values:
        raise RecordError("gender", f"must be one of {', '.join(CandidateProfile.Gender.values)}")
    email = _str(rec, "email", max_len=254)
    if email and "@" not in email:
        raise RecordError("email", f"invalid e-mail address {email!r}")
    summary = _str(rec, "summary", max_len=20000)
    summary_language = _lang(rec["summary_language"], "summary_language") if rec.get("summary_language") else ""
    headline = _str(rec, "headline")
    occupations = [_occupation_uri(tax, u, f"occupations[{i}]") for i, u in enumerate(_list(rec, "occupations"))]
    skills: list[tuple[int | None, str, int | None]] = []
    for i, item in enumerate(_list(rec, "skills")):
        name = f"skills[{i}]"
        if not isinstance(item, dict):
            raise RecordError(name, "must be an object with esco_uri or label")
        years = _int(item.get("years"), f"{name}.years", maximum=80)
        if item.get("esco_uri"):
            skills.append((_skill_uri(tax, item["esco_uri"], f"{name}.esco_uri"), "", years))
        elif isinstance(item.get("label"), str) and item["label"].strip():
            label = item["label"].strip()[:300]
            skills.append((tax.skill_for_label(label), label, years))
        else:
            raise RecordError(name, "needs esco_uri or label")
    languages = _languages(_list(rec, "languages"), "languages", "level")
    experience = []
    for i, item in enumerate(_list(rec, "experience")):
        name = f"experience[{i}]"
        if not isinstance(item, dict):
            raise RecordError(name, "must be an object")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise RecordError(f"{name}.title", "is required")
        occ = (
            _occupation_uri(tax, item["esco_occupation"], f"{name}.esco_occupation")
            if item.get("esco_occupation")
            else tax.occupation_for_title(title, summary_language)
        )
        start = _date(item.get("start"), f"{name}.start")
        end = _date(item.get("end"), f"{name}.end")
        if start and end and end < start:
            raise RecordError(f"{name}.end", "is before start")
        experience.append(
            {
                "title": title.strip()[:300],
                "occupation_id": occ,
                "country": _country(item.get("country"), f"{name}.country"),
                "start": start,
                "end": end,
                "description": str(item.get("description") or "")[:5000],
            }
        )
    education = []
    for i, item in enumerate(_list(rec, "education")):
        name = f"education[{i}]"
        if not isinstance(item, dict):
            raise RecordError(name, "must be an object")
        education.append(
            {
                "isced_level": _int(item.get("isced_level"), f"{name}.isced_level", maximum=8),
                "field": str(item.get("field") or "")[:200],
                "country": _country(item.get("country"), f"{name}.country"),
                "end_year": _int(item.get("end_year"), f"{name}.end_year", minimum=1900, maximum=2100),
            }
        )
    credentials = []
    for i, item in enumerate(_list(rec, "credentials")):
        name = f"credentials[{i}]"
        if not isinstance(item, dict):
            raise RecordError(name, "must be an object")
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise RecordError(f"{name}.title", "is required")
        credentials.append(
            {
                "programme": _programme(item.get("programme"), f"{name}.programme"),
                "title": title.strip()[:300],
                "completed_on": _date(item.get("issued"), f"{name}.issued"),
                "skills": [_skill_uri(tax, u, f"{name}.skills[{j}]") for j, u in enumerate(item.get("skills") or [])],
                "verified": bool(item.get("verified")) and may_verify,
            }
        )
        if item.get("verified") and not may_verify:
            warn.append(f"field '{name}.verified': ignored (only staff may verify credentials)")
    prefs = rec.get("preferences") or {}
    if not isinstance(prefs, dict):
        raise RecordError("preferences", "must be an object")
    destinations = sorted(
        {
            _country(d, f"preferences.destinations[{i}]", required=True)
            for i, d in enumerate(prefs.get("destinations") or [])
        }
    )
    sectors = prefs.get("sectors") or []
    if not isinstance(sectors, list) or not all(isinstance(s, str) and len(s) == 1 for s in sectors):
        raise RecordError("preferences.sectors", "must be a list of NACE section letters")
    available = _date(prefs.get("available_from"), "preferences.available_from")
    max_stay = _int(prefs.get("max_duration_months"), "preferences.max_duration_months", maximum=600)
    consents = rec.get("consents") or {}
    if not isinstance(consents, dict):
        raise RecordError("consents", "must be an object")
    if not (occupations or skills or experience or summary):
        raise RecordError("occupations", "a candidate needs at least one of occupations, skills, experience, summary")
    status = rec.get("status") or CandidateProfile.Status.SUBMITTED
    if status not in CandidateProfile.Status.values:
        raise RecordError("status", f"must be one of {', '.join(CandidateProfile.Status.values)}")

    profile = CandidateProfile.objects.filter(external_id=external_id).first()
    created = profile is None
    profile = profile or CandidateProfile(external_id=external_id)
    profile.given_name, profile.family_name, profile.birth_date = given, family, birth
    profile.nationality, profile.residence_country, profile.gender = nationality, residence or nationality, gender
    profile.contact_email, profile.headline, profile.summary = email, headline[:300], summary
    profile.summary_language = summary_language
    profile.current_title = (rec.get("current_title") or headline.split(",")[0])[:300]
    profile.current_occupation_id = (
        tax.occupation_for_title(profile.current_title, summary_language) if profile.current_title else None
    )
    profile.destinations, profile.sectors = destinations, sorted(set(sectors))
    profile.available_from, profile.max_stay_months = available, max_stay
    profile.status = status
    profile.last_confirmed_at = timezone.now()
    profile.search_text = profile_search_text(profile)
    profile.save()
    profile.desired_occupations.set(occupations)
    profile.skills.all().delete()
    CandidateSkill.objects.bulk_create(
        [CandidateSkill(profile=profile, skill_id=sid, label=label, years=years) for sid, label, years in skills]
    )
    profile.languages.all().delete()
    CandidateLanguage.objects.bulk_create([CandidateLanguage(profile=profile, code=c, level=lv) for c, lv in languages])
    profile.experience.all().delete()
    Experience.objects.bulk_create([Experience(profile=profile, **e) for e in experience])
    profile.education.all().delete()
    Education.objects.bulk_create([Education(profile=profile, **e) for e in education])
    profile.credentials.filter(issue_reference__startswith=f"pool:{external_id}:").delete()
    for i, c in enumerate(credentials):
        cred = Credential.objects.create(
            candidate=profile,
            programme=c["programme"],
            title=c["title"],
            completed_on=c["completed_on"],
            status=Credential.Status.VERIFIED if c["verified"] else Credential.Status.CLAIMED,
            issue_reference=f"pool:{external_id}:{i}"[:120],
            decided_at=timezone.now() if c["verified"] else None,
        )
        cred.skills.set(c["skills"])
    now = timezone.now()
    for purpose in ("matching", "share_with_employers"):
        wanted = consents.get(purpose)
        if wanted is None:
            continue
        active = profile.consents.filter(purpose=purpose, withdrawn_at__isnull=True)
        if wanted and not active.exists():
            Consent.objects.create(profile=profile, purpose=purpose, text_version="pool-import", granted_at=now)
        elif not wanted:
            active.update(withdrawn_at=now)
    return profile.id, created


# ---------------------------------------------------------------------------------------------------- vacancies


def _import_vacancy(rec: dict, tax: _Taxonomy, warn: list[str]) -> tuple[int, bool]:
    from employers.models import Organisation, Vacancy, VacancyLanguage, VacancySkill
    from programmes.models import LegalScheme
    from taxonomy.models import OccupationSkill
    from taxonomy.nace import NACE_SECTIONS

    external_id = _str(rec, "external_id", required=True, max_len=120)
    employer = rec.get("employer")
    if not isinstance(employer, dict):
        raise RecordError("employer", "is required: an object with name and country")
    emp_name = employer.get("name")
    if not isinstance(emp_name, str) or not emp_name.strip():
        raise RecordError("employer.name", "is required")
    emp_country = _country(employer.get("country"), "employer.country", required=True)
    title = _str(rec, "title", required=True)
    country = _country(rec.get("country"), "country", required=True)
    description = _str(rec, "description", max_len=20000)
    occupation_id = (
        _occupation_uri(tax, rec["esco_occupation"], "esco_occupation")
        if rec.get("esco_occupation")
        else tax.occupation_for_title(title, rec.get("description_language") or "")
    )
    essential = [_skill_uri(tax, u, f"essential_skills[{i}]") for i, u in enumerate(_list(rec, "essential_skills"))]
    optional = [_skill_uri(tax, u, f"optional_skills[{i}]") for i, u in enumerate(_list(rec, "optional_skills"))]
    if not (occupation_id or essential or description):
        raise RecordError(
            "esco_occupation", "a vacancy needs at least one of esco_occupation, essential_skills, description"
        )
    languages = _languages(_list(rec, "languages"), "languages", "level")
    sector = _str(rec, "sector", max_len=1).upper()
    if sector and sector not in {code for code, _ in NACE_SECTIONS}:
        raise RecordError("sector", f"unknown NACE section {sector!r}")
    pay = rec.get("pay") or {}
    if not isinstance(pay, dict):
        raise RecordError("pay", "must be an object")
    for key in ("min", "max"):
        if pay.get(key) is not None and (
            isinstance(pay[key], bool) or not isinstance(pay[key], (int, float)) or not 0 <= pay[key] < 10**8
        ):
            raise RecordError(f"pay.{key}", "must be a number")
    period = pay.get("period") or "month"
    if period not in Vacancy.PayPeriod.values:
        raise RecordError("pay.period", f"must be one of {', '.join(Vacancy.PayPeriod.values)}")
    status = rec.get("status") or Vacancy.Status.PUBLISHED
    if status not in Vacancy.Status.values:
        raise RecordError("status", f"must be one of {', '.join(Vacancy.Status.values)}")
    for flag in ("accepts_recognition_pending", "requires_recognition"):
        if rec.get(flag) is not None and not isinstance(rec[flag], bool):
            raise RecordError(flag, "must be true or false")
    programme = _programme(rec["programme"], "programme") if rec.get("programme") else None
    scheme = None
    if rec.get("scheme"):
        scheme = LegalScheme.objects.filter(slug=rec["scheme"]).first() if isinstance(rec["scheme"], str) else None
        if scheme is None:
            raise RecordError("scheme", f"unknown legal scheme {rec['scheme']!r} (use its slug)")
    if occupation_id and not essential and not optional:
        links = OccupationSkill.objects.filter(occupation_id=occupation_id).values_list("skill_id", "relation_type")
        essential = [s for s, r in links if r == "essential"]
        optional = [s for s, r in links if r != "essential"]

    organisation, org_created = Organisation.objects.get_or_create(
        legal_name=emp_name.strip()[:300],
        country=emp_country,
        defaults={"status": Organisation.Status.VETTED, "vetted_at": timezone.now(), "sector": sector},
    )
    if org_created:
        warn.append(
            f"field 'employer': created organisation {organisation.legal_name!r} as vetted (command-line import)"
        )
    vacancy = Vacancy.objects.filter(external_id=external_id).first()
    created = vacancy is None
    vacancy = vacancy or Vacancy(external_id=external_id)
    vacancy.organisation = organisation
    vacancy.title, vacancy.description, vacancy.country = title, description, country
    vacancy.description_language = (
        _lang(rec["description_language"], "description_language") if rec.get("description_language") else ""
    )
    vacancy.occupation_id, vacancy.city, vacancy.sector = occupation_id, _str(rec, "city", max_len=120), sector
    vacancy.positions = _int(rec.get("positions"), "positions", minimum=1, maximum=10000) or 1
    vacancy.start_date = _date(rec.get("start_date"), "start_date")
    vacancy.expires_on = _date(rec.get("expires_on"), "expires_on")
    vacancy.duration_months = _int(rec.get("duration_months"), "duration_months", minimum=1, maximum=600)
    vacancy.pay_min, vacancy.pay_max = pay.get("min"), pay.get("max")
    vacancy.pay_currency, vacancy.pay_period = str(pay.get("currency") or "EUR")[:3], period
    vacancy.accepts_recognition_pending = bool(rec.get("accepts_recognition_pending"))
    vacancy.requires_recognition = bool(rec.get("requires_recognition"))
    vacancy.programme, vacancy.scheme, vacancy.status = programme, scheme, status
    if status == Vacancy.Status.PUBLISHED and not vacancy.published_at:
        vacancy.published_at = timezone.now()
    vacancy.save()
    vacancy.skill_requirements.all().delete()
    rows = dict.fromkeys(essential, True)
    for sid in optional:
        rows.setdefault(sid, False)
    VacancySkill.objects.bulk_create(
        [VacancySkill(vacancy=vacancy, skill_id=s, is_essential=e) for s, e in rows.items()]
    )
    vacancy.languages.all().delete()
    VacancyLanguage.objects.bulk_create([VacancyLanguage(vacancy=vacancy, code=c, min_level=lv) for c, lv in languages])
    return vacancy.id, created


# ---------------------------------------------------------------------------------------------------- entry points


def iter_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def import_pool(lines: Iterable[str], *, may_verify: bool = False) -> ImportReport:
    """Import JSON Lines. Each record is all or nothing; errors and warnings name the line and the field."""

    report = ImportReport()
    tax = _Taxonomy()
    # One outer transaction (fast on SQLite) with a savepoint per record: a bad record leaves nothing behind, and an
    # interrupted import leaves nothing at all (re-running it is idempotent).
    with transaction.atomic():
        _import_lines(lines, report, tax, may_verify=may_verify)
    return report


def _import_lines(lines: Iterable[str], report: ImportReport, tax: _Taxonomy, *, may_verify: bool) -> None:
    from matching.models import Embedding, PoolRecord

    for number, line in iter_lines(lines):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            report.errors.append(f"line {number}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            report.errors.append(f"line {number}: a record must be a JSON object")
            continue
        kind = rec.get("kind")
        if kind not in ("candidate", "vacancy"):
            report.errors.append(f"line {number}: field 'kind': must be 'candidate' or 'vacancy'")
            continue
        known = CANDIDATE_FIELDS if kind == "candidate" else VACANCY_FIELDS
        for name in sorted(set(rec) - known):
            report.warnings.append(f"line {number}: field '{name}': unknown field ignored")
        external_id = rec.get("external_id")
        if not isinstance(external_id, str) or not external_id.strip():
            report.errors.append(f"line {number}: field 'external_id': is required")
            continue
        digest = record_hash(rec)
        previous = PoolRecord.objects.filter(kind=kind, external_id=external_id).first()
        if previous and previous.content_hash == digest and previous.exists():
            report.unchanged += 1
            continue
        warnings: list[str] = []
        try:
            with transaction.atomic():
                if kind == "candidate":
                    object_id, created = _import_candidate(rec, tax, may_verify=may_verify, warn=warnings)
                else:
                    object_id, created = _import_vacancy(rec, tax, warnings)
                PoolRecord.objects.update_or_create(
                    kind=kind, external_id=external_id, defaults={"content_hash": digest, "object_id": object_id}
                )
                Embedding.objects.update_or_create(kind=kind, object_id=object_id, defaults={"stale": True})
        except RecordError as exc:
            report.errors.append(f"line {number}: {exc}")
            continue
        report.warnings.extend(f"line {number}: {w}" for w in warnings)
        if created:
            report.created += 1
        else:
            report.updated += 1
        (report.candidate_ids if kind == "candidate" else report.vacancy_ids).append(object_id)


def export_candidate(p: Any) -> dict[str, Any]:
    consents = {c.purpose for c in p.consents.all() if c.withdrawn_at is None}
    return {
        "kind": "candidate",
        "external_id": p.external_id or f"profile-{p.pk}",
        "given_name": p.given_name,
        "family_name": p.family_name,
        "email": p.contact_email or (p.user.email if p.user_id else ""),
        "birth_date": p.birth_date.isoformat() if p.birth_date else None,
        "gender": p.gender,
        "nationality": p.nationality,
        "residence_country": p.residence_country,
        "headline": p.headline,
        "summary": p.summary,
        "summary_language": p.summary_language,
        "occupations": sorted(o.uri for o in p.desired_occupations.all()),
        "skills": [
            {"esco_uri": s.skill.uri, "years": s.years}
            if s.skill_id and not s.label
            else ({"label": s.label, "esco_uri": s.skill.uri} if s.skill_id else {"label": s.label})
            for s in p.skills.all()
        ],
        "languages": [{"code": lang.code, "level": lang.level} for lang in p.languages.all()],
        "experience": [
            {
                "title": e.title,
                "esco_occupation": e.occupation.uri if e.occupation_id else None,
                "country": e.country,
                "start": e.start.isoformat() if e.start else None,
                "end": e.end.isoformat() if e.end else None,
                "description": e.description,
            }
            for e in p.experience.all()
        ],
        "education": [
            {"isced_level": e.isced_level, "field": e.field, "country": e.country, "end_year": e.end_year}
            for e in p.education.all()
        ],
        "credentials": [
            {
                "programme": c.programme.acronym or c.programme.slug,
                "title": c.title,
                "issued": c.completed_on.isoformat() if c.completed_on else None,
                "skills": sorted(s.uri for s in c.skills.all()),
                "verified": c.is_verified,
            }
            for c in p.credentials.all()
        ],
        "preferences": {
            "destinations": p.destinations,
            "sectors": p.sectors,
            "available_from": p.available_from.isoformat() if p.available_from else None,
            "max_duration_months": p.max_stay_months,
        },
        "consents": {"matching": "matching" in consents, "share_with_employers": "share_with_employers" in consents},
        "status": p.status,
    }


def export_vacancy(v: Any) -> dict[str, Any]:
    reqs = list(v.skill_requirements.all())
    return {
        "kind": "vacancy",
        "external_id": v.external_id or f"vacancy-{v.pk}",
        "employer": {"name": v.organisation.legal_name, "country": v.organisation.country},
        "title": v.title,
        "description": v.description,
        "description_language": v.description_language,
        "esco_occupation": v.occupation.uri if v.occupation_id else None,
        "essential_skills": sorted(r.skill.uri for r in reqs if r.is_essential),
        "optional_skills": sorted(r.skill.uri for r in reqs if not r.is_essential),
        "languages": [{"code": lang.code, "level": lang.min_level} for lang in v.languages.all()],
        "country": v.country,
        "city": v.city,
        "sector": v.sector,
        "positions": v.positions,
        "start_date": v.start_date.isoformat() if v.start_date else None,
        "duration_months": v.duration_months,
        "pay": {
            "min": float(v.pay_min) if v.pay_min is not None else None,
            "max": float(v.pay_max) if v.pay_max is not None else None,
            "currency": v.pay_currency,
            "period": v.pay_period,
        },
        "accepts_recognition_pending": v.accepts_recognition_pending,
        "requires_recognition": v.requires_recognition,
        "scheme": v.scheme.slug if v.scheme_id else None,
        "programme": (v.programme.acronym or v.programme.slug) if v.programme_id else None,
        "status": v.status,
    }


def export_pool() -> Iterator[dict[str, Any]]:
    from candidates.models import CandidateProfile
    from employers.models import Vacancy

    candidates = (
        CandidateProfile.objects.order_by("id")
        .select_related("user")
        .prefetch_related(
            "desired_occupations",
            "skills__skill",
            "languages",
            "experience__occupation",
            "education",
            "credentials__programme",
            "credentials__skills",
            "consents",
        )
    )
    for p in candidates.iterator(chunk_size=500):
        yield export_candidate(p)
    vacancies = (
        Vacancy.objects.order_by("id")
        .select_related("organisation", "occupation", "scheme", "programme")
        .prefetch_related("skill_requirements__skill", "languages")
    )
    for v in vacancies.iterator(chunk_size=500):
        yield export_vacancy(v)
