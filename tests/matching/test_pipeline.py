"""Database tests: import → match from the command line, in-place updates, replay, oversight pause, hooks."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matching.models import Match, MatchRun, OversightPause
from taxonomy.models import Occupation, OccupationSkill

pytestmark = pytest.mark.django_db


def _occupation(label: str) -> Occupation:
    return Occupation.objects.get(preferred_label=label)


def _essential(occ: Occupation) -> list[str]:
    return list(
        OccupationSkill.objects.filter(occupation=occ, relation_type="essential").values_list("skill__uri", flat=True)
    )


def _pool() -> list[dict]:
    nurse = _occupation("nurse responsible for general care")
    recept = _occupation("hospitality establishment receptionist")
    ns, rs = _essential(nurse), _essential(recept)
    base = {
        "kind": "candidate",
        "given_name": "A",
        "family_name": "B",
        "birth_date": "1995-01-01",
        "nationality": "MA",
        "languages": [{"code": "de", "level": "B2"}],
        "consents": {"matching": True},
    }
    return [
        {**base, "external_id": "c-nurse", "occupations": [nurse.uri], "skills": [{"esco_uri": u} for u in ns]},
        {**base, "external_id": "c-half", "skills": [{"esco_uri": u} for u in ns[: len(ns) // 2]]},
        {**base, "external_id": "c-recept", "occupations": [recept.uri], "skills": [{"esco_uri": u} for u in rs]},
        {
            **base,
            "external_id": "c-ng",
            "nationality": "NG",
            "occupations": [nurse.uri],
            "skills": [{"esco_uri": u} for u in ns],
        },
        {
            **base,
            "external_id": "c-young",
            "birth_date": "2015-01-01",
            "occupations": [nurse.uri],
            "skills": [{"esco_uri": u} for u in ns],
        },
        {
            "kind": "vacancy",
            "external_id": "v-nurse",
            "employer": {"name": "Klinik", "country": "DE"},
            "title": "Nurse",
            "country": "DE",
            "esco_occupation": nurse.uri,
            "languages": [{"code": "de", "level": "B1"}],
            "start_date": "2030-01-01",
            "duration_months": 24,
        },
    ]


def _lines(records: list[dict]) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


@pytest.fixture
def pool_file(tmp_path):  # type: ignore[no-untyped-def]
    from programmes.models import SafeguardCountry, SafeguardListEdition

    edition = SafeguardListEdition.objects.filter(is_active=True).first() or SafeguardListEdition.objects.create(
        edition="test"
    )
    SafeguardCountry.objects.get_or_create(edition=edition, country="NG", defaults={"name": "Nigeria"})
    path = tmp_path / "pool.jsonl"
    path.write_text(_lines(_pool()))
    return path


def _match(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("match", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_import_then_match_ranks_the_nurse_first_and_excludes_ruled_out(pool_file) -> None:  # type: ignore[no-untyped-def]
    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    [line] = _match("v-nurse", "--top", "5", "--json")
    ranked = [m["candidate"] for m in line["matches"]]
    assert ranked[0] == "c-nurse"
    assert "c-ng" not in ranked and "c-young" not in ranked
    for m in line["matches"]:
        assert abs(sum(m["components"].values()) - m["score"]) < 1e-6
    [line] = _match("v-nurse", "--top", "5", "--include-ineligible")
    failed = {m["candidate"]: m["failed_rules"] for m in line["matches"] if not m["eligible"]}
    assert failed == {"c-ng": ["who_safeguard"], "c-young": ["legal_age"]}
    assert [m["eligible"] for m in line["matches"]] == sorted([m["eligible"] for m in line["matches"]], reverse=True)


def test_reimport_is_idempotent_and_bad_lines_are_reported_with_line_and_field(tmp_path, pool_file) -> None:  # type: ignore[no-untyped-def]
    from candidates.models import CandidateProfile

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_pool", str(pool_file), stdout=out)
    assert "0 created, 0 updated, 6 unchanged" in out.getvalue()
    bad = tmp_path / "bad.jsonl"
    records = _pool()[:1]
    records[0] = {**records[0], "external_id": "c-bad", "birth_date": "02/04/1999", "shoe_size": 42}
    bad.write_text(_lines(records) + "{not json\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pool", str(bad), stdout=io.StringIO(), stderr=err)
    assert "line 1: field 'birth_date'" in err.getvalue()
    assert "line 1: field 'shoe_size': unknown field" in err.getvalue()
    assert "line 2: invalid JSON" in err.getvalue()
    assert not CandidateProfile.objects.filter(external_id="c-bad").exists()


def test_export_round_trips_through_import(tmp_path, pool_file) -> None:  # type: ignore[no-untyped-def]
    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    out = tmp_path / "export.jsonl"
    call_command("export_pool", "--output", str(out), stderr=io.StringIO())
    exported = [json.loads(x) for x in out.read_text().splitlines()]
    assert {r["external_id"] for r in exported} == {r["external_id"] for r in _pool()}
    report = io.StringIO()
    call_command("import_pool", str(out), stdout=report)
    assert "0 errors" in report.getvalue()


def test_run_is_replayed_in_the_same_order_and_rows_are_updated_in_place(pool_file) -> None:  # type: ignore[no-untyped-def]
    from employers.models import Vacancy
    from matching.pipeline import replay, run_for_vacancy

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    vacancy = Vacancy.objects.get(external_id="v-nurse")
    run, _ = run_for_vacancy(vacancy_id=vacancy.id)
    assert replay(run) == [tuple(row) for row in run.output]
    ids_before = set(Match.objects.filter(vacancy=vacancy).values_list("id", flat=True))
    run_for_vacancy(vacancy_id=vacancy.id)
    assert set(Match.objects.filter(vacancy=vacancy).values_list("id", flat=True)) == ids_before
    assert MatchRun.objects.filter(vacancy=vacancy).count() == 2


def test_engine_never_touches_a_match_a_caseworker_decided(pool_file) -> None:  # type: ignore[no-untyped-def]
    from employers.models import Vacancy
    from matching.pipeline import run_for_vacancy

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    vacancy = Vacancy.objects.get(external_id="v-nurse")
    run_for_vacancy(vacancy_id=vacancy.id)
    decided = Match.objects.get(vacancy=vacancy, candidate__external_id="c-nurse")
    Match.objects.filter(pk=decided.pk).update(status=Match.Status.REJECTED, score=0.01)
    run_for_vacancy(vacancy_id=vacancy.id)
    decided.refresh_from_db()
    assert (decided.status, decided.score) == (Match.Status.REJECTED, 0.01)


def test_runs_open_a_matches_review_item_and_respect_an_oversight_pause(pool_file, staff_user) -> None:  # type: ignore[no-untyped-def]
    from employers.models import Vacancy
    from matching.pipeline import run_for_vacancy
    from review.models import ReviewItem

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    vacancy = Vacancy.objects.get(external_id="v-nurse")
    OversightPause.objects.create(country="DE", reason="audit", paused_by=staff_user)
    assert run_for_vacancy(vacancy_id=vacancy.id) == (None, [])
    assert not Match.objects.filter(vacancy=vacancy).exists()
    OversightPause.objects.update(lifted_at="2026-01-01T00:00:00Z")
    run, _ = run_for_vacancy(vacancy_id=vacancy.id)
    assert run is not None
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy).count() == 1


def test_vacancy_hook_runs_matching_and_candidate_hook_withdraws_proposals(
    pool_file, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from candidates.models import CandidateProfile
    from employers.models import Vacancy
    from matching import hooks
    from matching.selectors import vacancies_for_candidate

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    vacancy = Vacancy.objects.get(external_id="v-nurse")
    with django_capture_on_commit_callbacks(execute=True):
        hooks.vacancy_changed(vacancy_id=vacancy.id)
    nurse = CandidateProfile.objects.get(external_id="c-nurse")
    assert list(vacancies_for_candidate(nurse).values_list("vacancy_id", flat=True)) == [vacancy.id]
    hooks.candidate_left_matching(profile_id=nurse.id)
    assert Match.objects.get(vacancy=vacancy, candidate=nurse).status == Match.Status.WITHDRAWN
    assert not vacancies_for_candidate(nurse).exists()
    hooks.vacancy_left_matching(vacancy_id=vacancy.id)
    assert not Match.objects.filter(vacancy=vacancy, status=Match.Status.PROPOSED).exists()


def test_unchanged_text_is_not_embedded_twice(pool_file) -> None:  # type: ignore[no-untyped-def]
    from candidates.models import CandidateProfile
    from matching.store import embed_objects

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    ids = list(CandidateProfile.objects.values_list("id", flat=True))
    assert embed_objects(kind="candidate", ids=ids)["embedded"] == 0
    CandidateProfile.objects.filter(id=ids[0]).update(summary="Now also speaks Italian")
    assert embed_objects(kind="candidate", ids=ids) == {"embedded": 1, "unchanged": len(ids) - 1, "missing": 0}


def test_query_count_of_a_run_does_not_grow_with_the_pool(tmp_path, pool_file) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from employers.models import Vacancy
    from matching.pipeline import run_for_vacancy

    call_command("import_pool", str(pool_file), stdout=io.StringIO())
    vacancy = Vacancy.objects.get(external_id="v-nurse")
    run_for_vacancy(vacancy_id=vacancy.id)
    with CaptureQueriesContext(connection) as small:
        run_for_vacancy(vacancy_id=vacancy.id)
    more = [
        {**r, "external_id": f"{r['external_id']}-{n}"} for n in range(6) for r in _pool() if r["kind"] == "candidate"
    ]
    bigger = tmp_path / "more.jsonl"
    bigger.write_text(_lines(more))
    call_command("import_pool", str(bigger), stdout=io.StringIO())
    run_for_vacancy(vacancy_id=vacancy.id)
    with CaptureQueriesContext(connection) as large:
        run_for_vacancy(vacancy_id=vacancy.id)
    assert Match.objects.filter(vacancy=vacancy).count() > 20
    assert len(large.captured_queries) <= len(small.captured_queries) + 2
