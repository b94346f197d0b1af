"""The profile wizard: each step saved on its own, validated where entered, nothing half-saved, resumable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from candidates.models import CandidateProfile
from review.models import ReviewItem
from taxonomy.models import Occupation, Skill
from tests.factories.core import UserFactory
from tests.factories.programmes import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(client_for):  # type: ignore[no-untyped-def]
    user = UserFactory(email="salma@example.tn", role="candidate")
    return user, client_for(user)


PERSONAL = {
    "given_name": "Salma",
    "family_name": "Ben Youssef",
    "birth_date": "1999-03-14",
    "nationality": "TN",
    "residence_country": "TN",
    "gender": "undisclosed",
    "phone": "+216 20 123 456",
}


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "60",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def test_first_visit_to_dashboard_creates_draft_profile_and_starts_wizard(newcomer):
    user, client = newcomer
    response = client.get("/candidates/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/candidates/profile/personal/"
    profile = CandidateProfile.objects.get(user=user)
    assert profile.status == CandidateProfile.Status.DRAFT
    page = client.get("/candidates/profile/personal/")
    assert page.status_code == 200
    assert "0%" in page.content.decode()


def test_personal_step_saves_and_moves_on(newcomer):
    user, client = newcomer
    response = client.post("/candidates/profile/personal/", PERSONAL)
    assert response.status_code == 302 and response["Location"] == "/candidates/profile/occupation/"
    profile = CandidateProfile.objects.get(user=user)
    assert (profile.given_name, profile.birth_date, profile.nationality) == ("Salma", dt.date(1999, 3, 14), "TN")
    assert profile.wizard_step == "personal"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"birth_date": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
            "birth_date",
            "must be in the past",
        ),
        ({"birth_date": (timezone.localdate() - dt.timedelta(days=365 * 16)).isoformat()}, "birth_date", "at least 18"),
        ({"birth_date": "not a date"}, "birth_date", "valid date"),
        ({"nationality": "XX"}, "nationality", "not one of the available choices"),
        ({"residence_country": ""}, "residence_country", "required"),
        ({"given_name": ""}, "given_name", "required"),
        ({"phone": "<script>"}, "phone", "digits"),
    ],
)
def test_personal_step_refuses_bad_input_with_a_clear_message_and_saves_nothing(newcomer, change, field, message):
    user, client = newcomer
    response = client.post("/candidates/profile/personal/", PERSONAL | change)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    profile = CandidateProfile.objects.get(user=user)
    assert profile.given_name == "" and profile.birth_date is None


def test_occupation_step_links_typed_text_to_esco_and_keeps_the_text(newcomer):
    user, client = newcomer
    nurse = Occupation.objects.get(preferred_label="nurse responsible for general care")
    response = client.post(
        "/candidates/profile/occupation/",
        {
            "desired_1": "Nurse Responsible For General Care",
            "desired_2": "aide-soignante au village",
            "current_title": "infirmière polyvalente",
            "desired_1_uri": "",
        },
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert profile.desired_occupations_text == ["Nurse Responsible For General Care", "aide-soignante au village"]
    assert nurse in profile.desired_occupations.all()
    assert profile.current_title == "infirmière polyvalente"


def test_occupation_picked_from_autocomplete_is_linked_by_uri(newcomer):
    user, client = newcomer
    waiter = Occupation.objects.get(preferred_label="waiter/waitress")
    client.post("/candidates/profile/occupation/", {"desired_1": "serveur", "desired_1_uri": waiter.uri})
    profile = CandidateProfile.objects.get(user=user)
    assert list(profile.desired_occupations.all()) == [waiter]
    assert profile.desired_occupations_text == ["serveur"]


def test_skills_step_links_esco_skill_keeps_free_text_and_records_language(newcomer):
    user, client = newcomer
    skill = Skill.objects.filter(
        occupation_links__occupation__preferred_label="nurse responsible for general care"
    ).first()
    data = formset(
        "skills",
        [
            {"label": skill.preferred_label.upper(), "skill_uri": "", "years": "4"},
            {"label": "soins palliatifs à domicile", "skill_uri": "", "years": ""},
        ],
    )
    response = client.post("/candidates/profile/skills/", data, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    rows = {s.label: s for s in profile.skills.all()}
    assert rows[skill.preferred_label.upper()].skill == skill
    assert rows[skill.preferred_label.upper()].years == 4
    assert rows["soins palliatifs à domicile"].skill is None
    assert rows["soins palliatifs à domicile"].label_language == "fr"


def test_languages_step_saves_nothing_when_one_row_is_bad(newcomer):
    user, client = newcomer
    client.post("/candidates/profile/languages/", formset("languages", [{"code": "fr", "level": "C1"}]))
    profile = CandidateProfile.objects.get(user=user)
    assert list(profile.languages.values_list("code", "level")) == [("fr", "C1")]
    bad = formset("languages", [{"code": "de", "level": "B1"}, {"code": "en", "level": "D3"}])
    response = client.post("/candidates/profile/languages/", bad)
    assert response.status_code == 400
    assert "not one of the available choices" in response.content.decode()
    assert list(profile.languages.values_list("code", "level")) == [("fr", "C1")]


def test_languages_step_refuses_the_same_language_twice(newcomer):
    user, client = newcomer
    response = client.post(
        "/candidates/profile/languages/",
        formset("languages", [{"code": "de", "level": "B1"}, {"code": "de", "level": "B2"}]),
    )
    assert response.status_code == 400
    assert "only once" in response.content.decode()
    assert not CandidateProfile.objects.get(user=user).languages.exists()


def test_education_years_must_be_ordered(newcomer):
    user, client = newcomer
    response = client.post(
        "/candidates/profile/education/",
        formset(
            "education",
            [
                {
                    "isced_level": "6",
                    "field": "Nursing",
                    "institution": "ISSI Tunis",
                    "country": "TN",
                    "start_year": "2019",
                    "end_year": "2016",
                }
            ],
        ),
    )
    assert response.status_code == 400
    assert "end must not be before the start" in response.content.decode()
    assert not CandidateProfile.objects.get(user=user).education.exists()


def test_experience_dates_ordered_and_title_linked(newcomer):
    user, client = newcomer
    bad = formset(
        "experience", [{"title": "software developer", "country": "MD", "start": "2022-05-01", "end": "2021-01-01"}]
    )
    assert client.post("/candidates/profile/experience/", bad).status_code == 400
    good = formset(
        "experience",
        [
            {
                "title": "software developer",
                "employer_name": "Endava",
                "country": "MD",
                "start": "2021-01-01",
                "end": "2022-05-01",
                "description": "Backend work",
            }
        ],
    )
    assert client.post("/candidates/profile/experience/", good).status_code == 302
    item = CandidateProfile.objects.get(user=user).experience.get()
    assert item.occupation.preferred_label == "software developer"


def test_mobility_step_checks_stays_and_countries(newcomer):
    user, client = newcomer
    response = client.post(
        "/candidates/profile/mobility/", {"destinations": ["DE", "BE"], "min_stay_months": "24", "max_stay_months": "6"}
    )
    assert response.status_code == 400
    assert "longest stay cannot be shorter" in response.content.decode()
    response = client.post(
        "/candidates/profile/mobility/",
        {
            "destinations": ["DE", "BE"],
            "sectors": ["Q"],
            "min_stay_months": "6",
            "max_stay_months": "24",
            "available_from": "2027-03-01",
            "circular_migration_interest": "on",
        },
    )
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert profile.destinations == ["BE", "DE"] and profile.circular_migration_interest is True


def test_credential_claim_goes_to_programme_or_caseworker(newcomer, programme_admin, programme):
    user, client = newcomer
    orphan = ProgrammeFactory(acronym="ORPHAN")
    client.post(
        "/candidates/profile/credentials/", {"programme": programme.pk, "title": "Nursing assistant, THAMM cohort 2"}
    )
    client.post("/candidates/profile/credentials/", {"programme": orphan.pk, "title": "Hospitality course"})
    profile = CandidateProfile.objects.get(user=user)
    assert set(profile.credentials.values_list("status", flat=True)) == {"claimed"}
    items = ReviewItem.objects.filter(kind=ReviewItem.Kind.CREDENTIAL, candidate=profile)
    assert [i.programme for i in items] == [orphan]


def test_wizard_is_resumable_from_dashboard(newcomer):
    _user, client = newcomer
    client.post("/candidates/profile/personal/", PERSONAL)
    client.post("/candidates/profile/occupation/", {"desired_1": "hotel receptionist"})
    page = client.get("/candidates/dashboard/").content.decode()
    assert "/candidates/profile/skills/" in page
    assert "Continue my profile" in page


def test_submit_needs_consent_then_opens_review_item_and_tells_matching(newcomer, hooks):
    user, client = newcomer
    client.post("/candidates/profile/personal/", PERSONAL)
    client.post("/candidates/profile/occupation/", {"desired_1": "nurse responsible for general care"})
    response = client.post("/candidates/profile/review/")
    assert response.status_code == 400
    assert "keep your profile" in response.content.decode()
    client.post("/candidates/profile/consents/", {"keep_profile": "on", "matching": "on"})
    response = client.post("/candidates/profile/review/")
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert profile.status == CandidateProfile.Status.SUBMITTED
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.PROFILE, candidate=profile, country="TN").exists()
    assert ("profile_changed", {"profile_id": profile.pk}) in hooks.calls
    assert "Submitted for review" in client.get("/candidates/dashboard/").content.decode()


def test_wizard_pages_render_for_every_step_and_unknown_step_is_404(newcomer):
    _user, client = newcomer
    for step in (
        "personal",
        "occupation",
        "skills",
        "languages",
        "education",
        "experience",
        "credentials",
        "mobility",
        "consents",
        "review",
    ):
        assert client.get(f"/candidates/profile/{step}/").status_code == 200, step
    assert client.get("/candidates/profile/nope/").status_code == 404


def test_wizard_renders_in_french_and_arabic(newcomer):
    _user, client = newcomer
    client.cookies["django_language"] = "fr"
    assert "Enregistrer et continuer" in client.get("/candidates/profile/personal/").content.decode()
    client.cookies["django_language"] = "ar"
    page = client.get("/candidates/profile/personal/").content.decode()
    assert 'dir="rtl"' in page and "حفظ ومتابعة" in page
