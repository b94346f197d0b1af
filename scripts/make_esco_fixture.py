"""Cut a small, consistent ESCO subset for the test suite out of the bundled official files.

    python scripts/make_esco_fixture.py [SOURCE] [DEST]

Keeps a few dozen occupations the product's users work in (and their ISCO unit-group siblings), every skill they
link to, all ISCO groups, and their multilingual labels. Output uses the official file names and headers, so the
test suite loads it with the same importer as production.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "taxonomy" / "data"
DEST = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "tests" / "fixtures" / "esco-mini"
SEED_LABELS = {
    "nurse responsible for general care",
    "specialist nurse",
    "hotel receptionist",
    "software developer",
    "ICT application developer",
    "waiter/waitress",
    "cook",
    "social care worker",
    "home care aide",
    "bricklayer",
    "carpenter",
    "building electrician",
    "welder",
    "lorry driver",
    "fruit and vegetable picker",
    "general practitioner",
    "midwife",
    "healthcare assistant",
    "web developer",
    "mobile application developer",
    "kitchen porter",
    "room attendant",
    "front desk manager",
    "construction painter",
    "plumber",
    "ICT system administrator",
    "data analyst",
    "chef",
    "bartender",
    "agricultural technician",
}
csv.field_size_limit(sys.maxsize)


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    for zpath in SOURCE.glob("*.zip"):
        with zipfile.ZipFile(zpath) as archive:
            if name in archive.namelist():
                reader = csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig")))
                return list(reader.fieldnames or []), list(reader)
    raise SystemExit(f"{name} not found in {SOURCE}")


def write(name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(DEST / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    DEST.mkdir(parents=True, exist_ok=True)
    occ_header, occupations = read("occupations_en.csv")
    seeds = [
        o for o in occupations if o["preferredLabel"] in SEED_LABELS or SEED_LABELS & set(o["altLabels"].split("\n"))
    ]
    groups = {o["iscoGroup"] for o in seeds}
    kept = [o for o in occupations if o["iscoGroup"] in groups]
    kept_uris = {o["conceptUri"] for o in kept}
    rel_header, relations = read("occupationSkillRelations.csv")
    rels = [r for r in relations if r["occupationUri"] in kept_uris]
    skill_uris = {r["skillUri"] for r in rels}
    skill_header, skills = read("skills_en.csv")
    isco_header, isco = read("ISCOGroups_en.csv")
    write("occupations_en.csv", occ_header, kept)
    write("occupationSkillRelations.csv", rel_header, rels)
    write("skills_en.csv", skill_header, [s for s in skills if s["conceptUri"] in skill_uris])
    write("ISCOGroups_en.csv", isco_header, isco)
    with gzip.open(SOURCE / "occupation-labels-multilingual.tsv.gz", "rt", encoding="utf-8") as handle:
        lines = [line for i, line in enumerate(handle) if i == 0 or line.split("\t", 1)[0] in kept_uris]
    with gzip.open(DEST / "occupation-labels-multilingual.tsv.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(lines)
    aliases = (SOURCE / "occupation-aliases.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    (DEST / "occupation-aliases.tsv").write_text(
        "".join(line for i, line in enumerate(aliases) if i == 0 or line.split("\t", 1)[0] in kept_uris),
        encoding="utf-8",
    )
    print(f"{len(kept)} occupations, {len(skill_uris)} skills, {len(rels)} relations, {len(lines) - 1} labels → {DEST}")


if __name__ == "__main__":
    main()
