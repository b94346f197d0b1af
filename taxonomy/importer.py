"""Import the official ESCO CSV download (zip files or an unpacked folder) into the taxonomy tables.

Idempotent: concepts are keyed by URI and upserted, so re-importing changes nothing and records that point at a
concept (candidate skills, vacancies) keep their links. All or nothing: everything runs in one transaction, and every
file is read and validated before the first write, so a malformed file leaves the database as it was.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from taxonomy.models import IscoGroup, Occupation, OccupationLabel, OccupationSkill, Skill, SkillBroader, SkillGroup

BUNDLED_DIR = Path(__file__).resolve().parent / "data"

REQUIRED_COLUMNS: dict[str, set[str]] = {
    "occupations_en.csv": {
        "conceptUri",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "code",
        "description",
        "regulatedProfessionNote",
    },
    "skills_en.csv": {"conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"},
    "ISCOGroups_en.csv": {"conceptUri", "code", "preferredLabel", "description"},
    "skillGroups_en.csv": {"conceptUri", "preferredLabel", "code"},
    "occupationSkillRelations.csv": {"occupationUri", "relationType", "skillUri"},
    "broaderRelationsSkillPillar.csv": {"conceptUri", "broaderUri"},
}
OPTIONAL_FILES = {"skillGroups_en.csv", "broaderRelationsSkillPillar.csv"}
LABELS_FILE = "occupation-labels-multilingual.tsv.gz"
# Job titles as people type them that ESCO's labels lack ("Pflegefachkraft", "java developer", "infirmière"):
# a small curated list kept beside the official files (uri, language, label), imported as extra labels.
ALIASES_FILE = "occupation-aliases.tsv"
ESCO_URI_PREFIX = "http://data.europa.eu/esco/"

csv.field_size_limit(sys.maxsize)


class EscoImportError(Exception):
    """A file is missing or malformed; the message names the file and line."""


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return ", ".join(f"{name}: {count}" for name, count in self.counts.items())


def normalize_label(text: str) -> str:
    """Lower-case, strip accents and punctuation runs: 'Infirmier/Infirmière' → 'infirmier infirmiere'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = [ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)]
    return " ".join("".join(kept).split())


class _Source:
    """Finds the ESCO files in a folder, in zip files inside a folder, or in one zip file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.members: dict[str, tuple[Path, str | None]] = {}
        if path.is_file() and path.suffix == ".zip":
            self._add_zip(path)
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix == ".zip":
                    self._add_zip(child)
                elif child.is_file():
                    self.members.setdefault(child.name, (child, None))
        else:
            raise EscoImportError(f"{path}: not a folder or a .zip file")

    def _add_zip(self, zpath: Path) -> None:
        try:
            with zipfile.ZipFile(zpath) as archive:
                for name in archive.namelist():
                    self.members.setdefault(Path(name).name, (zpath, name))
        except zipfile.BadZipFile as exc:
            raise EscoImportError(f"{zpath}: not a valid zip file ({exc})") from exc

    def has(self, name: str) -> bool:
        return name in self.members

    def read_text(self, name: str) -> str:
        container, member = self.members[name]
        raw = zipfile.ZipFile(container).read(member) if member else container.read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EscoImportError(f"{name}: not UTF-8 text ({exc})") from exc


def _rows(source: _Source, name: str, delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(source.read_text(name)), delimiter=delimiter)
    missing = REQUIRED_COLUMNS.get(name, set()) - set(reader.fieldnames or [])
    if missing:
        raise EscoImportError(f"{name}: missing column(s) {', '.join(sorted(missing))}")
    previous_end = reader.line_num
    for row in reader:
        line = previous_end + 1  # where the record starts (cells may span several physical lines)
        previous_end = reader.line_num
        if None in row:  # more cells than headers
            raise EscoImportError(f"{name}, line {line}: more cells than the header has")
        if None in row.values():  # fewer cells than headers: DictReader fills the rest with None
            raise EscoImportError(f"{name}, line {line}: fewer cells than the header has")
        yield line, row


def _uri(name: str, line: int, value: str, column: str) -> str:
    value = (value or "").strip()
    if not value.startswith(ESCO_URI_PREFIX):
        raise EscoImportError(f"{name}, line {line}: column {column} is not an ESCO URI: {value[:80]!r}")
    return value


def _labels(value: str) -> list[str]:
    return [item.strip() for item in (value or "").split("\n") if item.strip()]


def _parse(source: _Source, progress: Callable[[str], None]) -> dict[str, list]:
    for name in REQUIRED_COLUMNS:
        if name not in OPTIONAL_FILES and not source.has(name):
            raise EscoImportError(f"{name} not found in {source.path}")
    parsed: dict[str, list] = {}

    progress("ISCO groups")
    parsed["isco"] = [
        IscoGroup(
            uri=_uri("ISCOGroups_en.csv", line, row["conceptUri"], "conceptUri"),
            code=row["code"].strip(),
            preferred_label=row["preferredLabel"].strip(),
            description=row["description"] or "",
        )
        for line, row in _rows(source, "ISCOGroups_en.csv")
    ]
    progress("occupations")
    occupations = []
    for line, row in _rows(source, "occupations_en.csv"):
        isco = (row["iscoGroup"] or "").strip()
        if not (isco.isdigit() and len(isco) == 4):
            raise EscoImportError(f"occupations_en.csv, line {line}: column iscoGroup must be 4 digits, got {isco!r}")
        if not row["preferredLabel"].strip():
            raise EscoImportError(f"occupations_en.csv, line {line}: column preferredLabel is empty")
        occupations.append(
            Occupation(
                uri=_uri("occupations_en.csv", line, row["conceptUri"], "conceptUri"),
                code=row["code"].strip(),
                isco_group=isco,
                preferred_label=row["preferredLabel"].strip(),
                alt_labels=_labels(row["altLabels"]) + _labels(row["hiddenLabels"]),
                description=row["description"] or "",
                regulated_profession_note=row["regulatedProfessionNote"] or "",
            )
        )
    parsed["occupations"] = occupations
    progress("skills")
    skills = []
    for line, row in _rows(source, "skills_en.csv"):
        if not row["preferredLabel"].strip():
            raise EscoImportError(f"skills_en.csv, line {line}: column preferredLabel is empty")
        skills.append(
            Skill(
                uri=_uri("skills_en.csv", line, row["conceptUri"], "conceptUri"),
                skill_type=(row["skillType"] or "").strip(),
                reuse_level=(row["reuseLevel"] or "").strip(),
                preferred_label=row["preferredLabel"].strip(),
                alt_labels=_labels(row["altLabels"]),
                description=row["description"] or "",
            )
        )
    parsed["skills"] = skills
    parsed["skill_groups"] = (
        [
            SkillGroup(
                uri=_uri("skillGroups_en.csv", line, row["conceptUri"], "conceptUri"),
                code=(row["code"] or "").strip(),
                preferred_label=row["preferredLabel"].strip(),
            )
            for line, row in _rows(source, "skillGroups_en.csv")
        ]
        if source.has("skillGroups_en.csv")
        else []
    )
    progress("occupation–skill relations")
    occupation_uris = {o.uri for o in occupations}
    skill_uris = {s.uri for s in skills}
    relations = []
    for line, row in _rows(source, "occupationSkillRelations.csv"):
        occ = _uri("occupationSkillRelations.csv", line, row["occupationUri"], "occupationUri")
        skill = _uri("occupationSkillRelations.csv", line, row["skillUri"], "skillUri")
        kind = (row["relationType"] or "").strip()
        if kind not in {"essential", "optional"}:
            raise EscoImportError(
                f"occupationSkillRelations.csv, line {line}: column relationType must be essential or optional, got {kind!r}"
            )
        if occ not in occupation_uris or skill not in skill_uris:
            continue  # relation to a concept outside the released sets (e.g. a deprecated one)
        relations.append((occ, skill, kind))
    parsed["relations"] = relations
    parsed["broader"] = (
        [
            (row["conceptUri"].strip(), row["broaderUri"].strip())
            for _line, row in _rows(source, "broaderRelationsSkillPillar.csv")
        ]
        if source.has("broaderRelationsSkillPillar.csv")
        else []
    )
    progress("multilingual labels")
    labels: list[tuple[str, str, str, bool]] = []
    for occupation in occupations:
        labels.append((occupation.uri, "en", occupation.preferred_label, True))
        labels.extend((occupation.uri, "en", alt, False) for alt in occupation.alt_labels)
    if source.has(LABELS_FILE):
        reader = csv.reader(io.StringIO(source.read_text(LABELS_FILE)), delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, [])
        if header[:4] != ["uri", "language", "label", "preferred"]:
            raise EscoImportError(f"{LABELS_FILE}: header must be uri, language, label, preferred")
        for line, cells in enumerate(reader, start=2):
            if len(cells) != 4:
                raise EscoImportError(f"{LABELS_FILE}, line {line}: expected 4 tab-separated cells, got {len(cells)}")
            uri, language, label, preferred = cells
            if uri in occupation_uris and label.strip():
                # gendered forms are joined with "/" ("infirmier/infirmière"): index each form
                for form in {label.strip(), *[part.strip() for part in label.split("/") if part.strip()]}:
                    labels.append((uri, language, form[:300], preferred == "1"))
    if source.has(ALIASES_FILE):
        reader = csv.reader(io.StringIO(source.read_text(ALIASES_FILE)), delimiter="\t", quoting=csv.QUOTE_NONE)
        if next(reader, [])[:3] != ["uri", "language", "label"]:
            raise EscoImportError(f"{ALIASES_FILE}: header must be uri, language, label")
        for line, cells in enumerate(reader, start=2):
            if len(cells) != 3 or not cells[2].strip():
                raise EscoImportError(f"{ALIASES_FILE}, line {line}: expected uri, language and a label")
            if cells[0] in occupation_uris:
                labels.append((cells[0], cells[1], cells[2].strip()[:300], False))
    parsed["labels"] = labels
    return parsed


def import_esco(
    path: Path | str, *, progress: Callable[[str], None] = lambda _step: None, batch_size: int = 2000
) -> ImportReport:
    """Read and validate everything first, then upsert in one transaction. Raises EscoImportError on bad input."""
    source = _Source(Path(path))
    parsed = _parse(source, progress)
    report = ImportReport()
    with transaction.atomic():
        progress("writing")
        IscoGroup.objects.bulk_create(
            parsed["isco"],
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["uri"],
            update_fields=["code", "preferred_label", "description"],
        )
        Occupation.objects.bulk_create(
            parsed["occupations"],
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["uri"],
            update_fields=[
                "code",
                "isco_group",
                "preferred_label",
                "alt_labels",
                "description",
                "regulated_profession_note",
            ],
        )
        Skill.objects.bulk_create(
            parsed["skills"],
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["uri"],
            update_fields=["skill_type", "reuse_level", "preferred_label", "alt_labels", "description"],
        )
        SkillGroup.objects.bulk_create(
            parsed["skill_groups"],
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["uri"],
            update_fields=["code", "preferred_label"],
        )
        occ_ids = dict(Occupation.objects.values_list("uri", "id"))
        skill_ids = dict(Skill.objects.values_list("uri", "id"))
        OccupationSkill.objects.bulk_create(
            [
                OccupationSkill(occupation_id=occ_ids[o], skill_id=skill_ids[s], relation_type=k)
                for o, s, k in parsed["relations"]
            ],
            batch_size=batch_size,
            update_conflicts=True,
            unique_fields=["occupation", "skill"],
            update_fields=["relation_type"],
        )
        SkillBroader.objects.bulk_create(
            [SkillBroader(concept_uri=c, broader_uri=b) for c, b in parsed["broader"]],
            batch_size=batch_size,
            ignore_conflicts=True,
        )
        OccupationLabel.objects.bulk_create(
            [
                OccupationLabel(
                    occupation_id=occ_ids[uri],
                    language=lang,
                    label=label,
                    normalized=normalize_label(label)[:300],
                    is_preferred=pref,
                )
                for uri, lang, label, pref in parsed["labels"]
            ],
            batch_size=batch_size,
            ignore_conflicts=True,
        )
    report.counts = {
        "ISCO groups": len(parsed["isco"]),
        "occupations": len(parsed["occupations"]),
        "skills": len(parsed["skills"]),
        "skill groups": len(parsed["skill_groups"]),
        "relations": len(parsed["relations"]),
        "hierarchy links": len(parsed["broader"]),
        "occupation labels": len(parsed["labels"]),
    }
    return report
