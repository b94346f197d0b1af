from __future__ import annotations

import csv
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from taxonomy.importer import EscoImportError, import_esco, normalize_label
from taxonomy.models import Occupation, OccupationLabel, OccupationSkill, Skill
from tests.conftest import ESCO_MINI

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Occupation.objects.count(),
        Skill.objects.count(),
        OccupationSkill.objects.count(),
        OccupationLabel.objects.count(),
    )


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "esco"
    shutil.copytree(ESCO_MINI, target)
    return target


def test_reimporting_the_same_files_changes_nothing():
    before = _counts()
    nurse = Occupation.objects.get(preferred_label="nurse responsible for general care")
    import_esco(ESCO_MINI)
    assert _counts() == before
    assert Occupation.objects.get(uri=nurse.uri).pk == nurse.pk  # links held elsewhere keep pointing at it


def test_occupation_carries_isco_group_alt_labels_and_essential_skills():
    nurse = Occupation.objects.get(preferred_label="nurse responsible for general care")
    assert nurse.isco_group == "2221"
    assert nurse.is_health_occupation
    assert "ward nurse" in nurse.alt_labels
    assert nurse.skill_links.filter(relation_type="essential").count() > 10
    assert nurse.labels.filter(language="fr", label__icontains="infirmi").exists()


def test_import_from_a_zip_file(tmp_path):
    archive = tmp_path / "esco.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in ESCO_MINI.iterdir():
            handle.write(path, path.name)
    Occupation.objects.filter(preferred_label="bricklayer").update(preferred_label="changed by hand")
    import_esco(archive)
    assert Occupation.objects.filter(preferred_label="bricklayer").exists()


def test_malformed_line_names_file_and_line_and_leaves_the_database_as_it_was(tmp_path):
    folder = _copy(tmp_path)
    occupations = folder / "occupations_en.csv"
    with open(occupations, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    # A new concept whose ISCO group is not four digits, after a valid new one: neither may be written.
    good = dict(rows[0], conceptUri=rows[0]["conceptUri"].replace("/occupation/", "/occupation/new-"))
    bad = dict(rows[1], conceptUri=rows[1]["conceptUri"].replace("/occupation/", "/occupation/bad-"), iscoGroup="22x1")
    with open(occupations, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows([good, bad, *rows])
    bad_line = next(
        n
        for n, text in enumerate(occupations.read_text(encoding="utf-8").splitlines(), 1)
        if "/occupation/bad-" in text
    )
    before = _counts()
    with pytest.raises(
        EscoImportError, match=rf"occupations_en.csv, line {bad_line}: column iscoGroup must be 4 digits"
    ):
        import_esco(folder)
    assert _counts() == before
    assert not Occupation.objects.filter(uri__contains="/new-").exists()


def test_missing_column_is_reported_by_name(tmp_path):
    folder = _copy(tmp_path)
    skills = folder / "skills_en.csv"
    text = skills.read_text(encoding="utf-8")
    skills.write_text(text.replace("preferredLabel", "prefLabel", 1), encoding="utf-8")
    with pytest.raises(EscoImportError, match=re.escape("skills_en.csv: missing column")):
        import_esco(folder)


def test_missing_file_and_wrong_path_are_command_errors(tmp_path):
    folder = _copy(tmp_path)
    (folder / "occupationSkillRelations.csv").unlink()
    with pytest.raises(CommandError, match=re.escape("occupationSkillRelations.csv not found")):
        call_command("import_esco", str(folder), verbosity=0)
    with pytest.raises(CommandError, match=re.escape("not a folder or a .zip")):
        call_command("import_esco", str(tmp_path / "nowhere.txt"), verbosity=0)


def test_a_corrupt_zip_is_refused(tmp_path):
    bogus = tmp_path / "esco.zip"
    bogus.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(EscoImportError, match="not a valid zip"):
        import_esco(bogus)


def test_label_normalisation_folds_case_accents_and_punctuation():
    assert normalize_label("Infirmier/Infirmière  de Soins-Généraux") == "infirmier infirmiere de soins generaux"


def test_a_short_line_is_reported_not_crashed_on(tmp_path):
    folder = _copy(tmp_path)
    occupations = folder / "occupations_en.csv"
    text = occupations.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    occupations.write_text(
        header + "\nOccupation,http://data.europa.eu/esco/occupation/short,2221\n" + rest, encoding="utf-8"
    )
    before = _counts()
    with pytest.raises(EscoImportError, match=re.escape("occupations_en.csv, line 2: fewer cells")):
        import_esco(folder)
    assert _counts() == before
