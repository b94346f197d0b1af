"""Fairness monitoring: selection rates, impact ratios, the 0.8 warning only for groups large enough."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Match, MatchDecision
from review.fairness import funnel_report, stage_report
from review.selectors import fairness_counts
from tests.factories.employers import VacancyFactory
from tests.factories.review import ProposedMatchFactory


def test_known_disparity_is_flagged():
    counts = {"MA": {"proposed": 100, "released": 60}, "NG": {"proposed": 100, "released": 30}}
    report = stage_report(counts, previous="proposed", stage="released")
    assert report.best_group == "MA"
    rows = {row.group: row for row in report.rows}
    assert rows["NG"].impact_ratio == pytest.approx(0.5)
    assert [row.group for row in report.warnings] == ["NG"]


def test_no_disparity_no_warning():
    counts = {"MA": {"proposed": 100, "released": 60}, "NG": {"proposed": 100, "released": 55}}
    assert stage_report(counts, previous="proposed", stage="released").warnings == ()


def test_small_groups_are_not_flagged():
    counts = {"MA": {"proposed": 100, "released": 60}, "SN": {"proposed": 10, "released": 1}}
    report = stage_report(counts, previous="proposed", stage="released")
    assert report.warnings == ()
    assert {row.group: row.large_enough for row in report.rows} == {"MA": True, "SN": False}


def test_small_best_group_does_not_mask_a_disparity_between_large_groups():
    counts = {
        "XK": {"proposed": 3, "released": 3},
        "MA": {"proposed": 100, "released": 60},
        "NG": {"proposed": 100, "released": 20},
    }
    report = stage_report(counts, previous="proposed", stage="released")
    assert report.best_group == "MA" and [row.group for row in report.warnings] == ["NG"]


def test_each_step_uses_the_previous_stage_as_base():
    counts = {
        "MA": {"proposed": 100, "released": 50, "shortlisted": 40, "hired": 10},
        "TN": {"proposed": 100, "released": 50, "shortlisted": 10, "hired": 5},
    }
    reports = {(r.previous, r.stage): r for r in funnel_report(counts)}
    shortlist = {row.group: row for row in reports[("released", "shortlisted")].rows}
    assert shortlist["TN"].base == 50 and shortlist["TN"].rate == pytest.approx(0.2)
    assert [row.group for row in reports[("released", "shortlisted")].warnings] == ["TN"]
    hired = {row.group: row for row in reports[("shortlisted", "hired")].rows}
    assert hired["TN"].rate == pytest.approx(0.5) and hired["MA"].rate == pytest.approx(0.25)
    assert [row.group for row in reports[("shortlisted", "hired")].warnings] == []  # TN base of 10 is too small


def _synthetic(*, nationality: str, gender: str, proposed: int, released: int) -> None:
    vacancy = VacancyFactory()
    for i in range(proposed):
        status = Match.Status.RELEASED if i < released else Match.Status.REJECTED
        match = ProposedMatchFactory(
            vacancy=vacancy,
            status=status,
            candidate__nationality=nationality,
            candidate__gender=gender,
            candidate__consents=False,
        )
        action = "release" if status == Match.Status.RELEASED else "reject"
        MatchDecision.objects.create(
            match=match, actor_role="caseworker", action=action, from_status="proposed", to_status=status
        )


@pytest.mark.django_db
def test_counts_come_from_one_query_and_include_gender_only_where_given(caseworker):
    _synthetic(nationality="MA", gender="female", proposed=4, released=3)
    _synthetic(nationality="NG", gender="undisclosed", proposed=2, released=0)
    with CaptureQueriesContext(connection) as queries:
        counts = fairness_counts(viewer=caseworker)
    assert len(queries) == 1
    assert counts["nationality"]["MA"] == {"proposed": 4, "released": 3, "shortlisted": 0, "hired": 0}
    assert counts["nationality"]["NG"]["released"] == 0
    assert set(counts["gender"]) == {"female"}


@pytest.mark.django_db
def test_fairness_page_shows_the_warning_for_synthetic_disparity(client_for, caseworker):
    _synthetic(nationality="MA", gender="female", proposed=40, released=30)
    _synthetic(nationality="NG", gender="male", proposed=40, released=10)
    body = client_for(caseworker).get(reverse("review:fairness")).content.decode()
    assert 'id="disparity-warning"' in body
    assert "NG" in body.split('id="disparity-warning"', 1)[1].split("</div>", 1)[0]
    assert "chart.umd.min.js" in body


@pytest.mark.django_db
def test_fairness_page_without_disparity_has_no_warning(client_for, caseworker):
    _synthetic(nationality="MA", gender="female", proposed=40, released=20)
    _synthetic(nationality="NG", gender="male", proposed=40, released=19)
    body = client_for(caseworker).get(reverse("review:fairness")).content.decode()
    assert 'id="disparity-warning"' not in body and 'id="no-disparity"' in body


@pytest.mark.django_db
def test_fairness_csv_export_and_filters(client_for, caseworker, programme):
    _synthetic(nationality="MA", gender="female", proposed=3, released=1)
    client = client_for(caseworker)
    response = client.get(reverse("review:fairness_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    released = [r for r in rows if r["dimension"] == "nationality" and r["to_stage"] == "released"]
    assert released == [{**released[0], "group": "MA", "base": "3", "selected": "1"}]
    filtered = client.get(reverse("review:fairness_csv"), {"programme": programme.pk}).content.decode()
    assert "MA" not in filtered
    assert client.get(reverse("review:fairness"), {"date_from": "not a date", "programme": "zz"}).status_code == 200


@pytest.mark.django_db
def test_fairness_is_for_caseworkers_only(client_for, employer_member):
    assert client_for(employer_member.user).get(reverse("review:fairness")).status_code == 404
