"""Issue 11 in a real browser: a candidate re-saves every wizard step with rows (skills, languages, education,
experience) without edits and nothing is lost; "Add another" puts two new skills and a second language in one save;
a native language is recorded as such."""

from __future__ import annotations

import pytest

from candidates.models import CandidateLanguage, CandidateSkill, Education, Experience
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page, step: str) -> None:  # type: ignore[no-untyped-def]
    page.click("#step-form button[name=stay]")
    page.wait_for_url(f"**/candidates/profile/{step}/")
    page.wait_for_selector("#step-form")


def test_re_saving_each_step_keeps_its_rows_and_add_another_adds_several(page, live_server, candidate, hooks):
    CandidateSkill.objects.create(profile=candidate, label="tajine et couscous", years=6)
    CandidateLanguage.objects.create(profile=candidate, code="ar", level="native")
    Education.objects.create(profile=candidate, isced_level=3, field="Hôtellerie", institution="ISHT Sousse")
    Experience.objects.create(
        profile=candidate, title="Commis de cuisine", employer_name="Hôtel Marhaba", country="TN", start="2019-05-01"
    )
    page.set_default_timeout(30000)
    browser_login(page, live_server, candidate.user.email)
    base = live_server.url + "/candidates/profile/"
    for step in ("skills", "languages", "education", "experience"):
        page.goto(base + step + "/")
        _save(page, step)
        _save(page, step)  # and once more, as people do
    assert list(CandidateSkill.objects.filter(profile=candidate).values_list("label", "years")) == [
        ("tajine et couscous", 6)
    ]
    assert list(CandidateLanguage.objects.filter(profile=candidate).values_list("code", "level")) == [("ar", "native")]
    assert Education.objects.filter(profile=candidate, institution="ISHT Sousse").count() == 1
    assert Experience.objects.filter(profile=candidate, title="Commis de cuisine").count() == 1

    page.goto(base + "skills/")
    page.fill("#id_skills-1-label", "pâtisserie orientale")
    page.click("button[data-add-row=skills]")
    page.fill("#id_skills-2-label", "gestion des stocks")
    page.fill("#id_skills-2-years", "2")
    _save(page, "skills")
    labels = sorted(CandidateSkill.objects.filter(profile=candidate).values_list("label", flat=True))
    assert labels == ["gestion des stocks", "pâtisserie orientale", "tajine et couscous"]

    page.goto(base + "languages/")
    assert page.input_value("#id_languages-0-level") == "native"
    page.select_option("#id_languages-1-code", "fr")
    page.select_option("#id_languages-1-level", "B2")
    page.click("button[data-add-row=languages]")
    page.select_option("#id_languages-2-code", "de")
    page.select_option("#id_languages-2-level", "A2")
    _save(page, "languages")
    assert sorted(CandidateLanguage.objects.filter(profile=candidate).values_list("code", "level")) == [
        ("ar", "native"),
        ("de", "A2"),
        ("fr", "B2"),
    ]
