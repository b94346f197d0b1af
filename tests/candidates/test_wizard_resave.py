"""Issue 11, data loss: re-saving the skills step without edits deleted every skill and still said "Saved."; adding a
language lost the ones already there. A step may only change what the candidate changed."""

from __future__ import annotations

import pytest

from matching.features import cefr_rank
from tests.candidates.test_wizard import formset, newcomer  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _profile(user):  # type: ignore[no-untyped-def]
    from candidates.models import CandidateProfile

    return CandidateProfile.objects.get(user=user)


def test_re_saving_the_skills_step_unchanged_keeps_every_skill(newcomer):  # noqa: F811
    user, client = newcomer
    client.get("/candidates/dashboard/")
    rows = [
        {"label": "cuisine marocaine", "skill_uri": "", "years": "6"},
        {"label": "pâtisserie", "skill_uri": "", "years": ""},
    ]
    assert client.post("/candidates/profile/skills/", formset("skills", rows)).status_code == 302
    # What the browser posts back when the page is saved as it was rendered: the two rows as initial forms (unchanged)
    # and the blank "Add" row.
    again = formset("skills", [*rows, {"label": "", "skill_uri": "", "years": ""}], initial=2)
    response = client.post("/candidates/profile/skills/", {**again, "stay": ""}, follow=True)
    assert "Saved" in response.content.decode()
    assert sorted(_profile(user).skills.values_list("label", "years")) == [
        ("cuisine marocaine", 6),
        ("pâtisserie", None),
    ]


def test_adding_a_language_keeps_the_ones_already_there_and_native_is_a_level(newcomer):  # noqa: F811
    user, client = newcomer
    client.get("/candidates/dashboard/")
    first = [{"code": "ar", "level": "native", "certificate": ""}]
    assert client.post("/candidates/profile/languages/", formset("languages", first)).status_code == 302
    added = formset("languages", [*first, {"code": "fr", "level": "C1", "certificate": "DALF C1"}], initial=1)
    assert client.post("/candidates/profile/languages/", added).status_code == 302
    assert sorted(_profile(user).languages.values_list("code", "level")) == [("ar", "native"), ("fr", "C1")]
    page = client.get("/candidates/profile/languages/").content.decode()
    assert 'value="native" selected' in page


def test_removing_a_row_removes_only_that_row(newcomer):  # noqa: F811
    user, client = newcomer
    client.get("/candidates/dashboard/")
    rows = [
        {"label": "soudure TIG", "skill_uri": "", "years": "3"},
        {"label": "lecture de plans", "skill_uri": "", "years": "2"},
    ]
    client.post("/candidates/profile/skills/", formset("skills", rows))
    again = formset("skills", [{**rows[0], "DELETE": "on"}, rows[1]], initial=2)
    assert client.post("/candidates/profile/skills/", again).status_code == 302
    assert list(_profile(user).skills.values_list("label", flat=True)) == ["lecture de plans"]


def test_a_native_speaker_meets_every_minimum():
    assert cefr_rank("native") > cefr_rank("C2") > cefr_rank("B1") > cefr_rank("") == 0
