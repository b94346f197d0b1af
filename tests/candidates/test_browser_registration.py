"""A candidate registers in French, from sign-up to a submitted profile, in a real browser (Debian's chromium)."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from candidates.models import CandidateProfile
from programmes.models import Credential
from taxonomy.models import Skill
from tests.candidates.conftest import pdf_bytes
from tests.conftest import wait_for_js
from tests.factories.programmes import ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKILL_URI = "http://data.europa.eu/esco/skill/0450eaee-1a00-4622-8f4e-5356fce816d2"
SKILL_LABEL = "hygiene in a health care setting"
PASSWORD = "Jasmin-de-Sousse-2026"


@pytest.fixture
def french_page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})  # a phone
    context.set_default_timeout(20000)
    page = context.new_page()
    yield page
    context.close()


def test_candidate_registers_in_french_to_a_submitted_profile(french_page, live_server, hooks):
    # Earlier transactional tests may have flushed the ESCO subset: make sure the skill the candidate picks exists.
    Skill.objects.get_or_create(uri=SKILL_URI, defaults={"preferred_label": SKILL_LABEL})
    programme = ProgrammeFactory(name="Triple Win Tunisie", acronym="TW-TN")
    page = french_page
    base = live_server.url

    page.goto(base + "/accounts/signup/")
    page.fill("#id_email", "salma.benyoussef@example.tn")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_selector("#signup-sent")  # the account opens from the link mailed to the address
    assert "Consultez votre messagerie" in page.content()
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/verify/\S+)", mail.outbox[-1].body).group(1)
    page.goto(base + link)
    page.wait_for_url("**/candidates/profile/personal/")
    assert page.get_attribute("html", "lang") == "fr"
    assert "Enregistrer et continuer" in page.content()

    page.fill("#id_given_name", "Salma")
    page.fill("#id_family_name", "Ben Youssef")
    page.fill("#id_birth_date", "2015-03-14")  # too young: refused where entered
    page.select_option("#id_nationality", "TN")
    page.select_option("#id_residence_country", "TN")
    page.select_option("#id_gender", "undisclosed")
    page.click("#save-next")
    assert "au moins 18 ans" in page.content()
    page.fill("#id_birth_date", "1999-03-14")
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/occupation/")

    page.fill("#id_desired_1", "nurse responsible for general care")
    page.fill("#id_current_title", "infirmière polyvalente")
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/skills/")

    page.type("#id_skills-0-label", "hygiene in a health", delay=20)
    wait_for_js(page, "document.querySelectorAll('#dl-id_skills-0-label option').length > 0")
    page.fill("#id_skills-0-label", SKILL_LABEL)
    page.dispatch_event("#id_skills-0-label", "input")
    assert page.input_value("input[name='skills-0-skill_uri']") == SKILL_URI
    page.fill("#id_skills-0-years", "4")
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/languages/")

    page.select_option("#id_languages-0-code", "de")
    page.select_option("#id_languages-0-level", "B1")
    page.fill("#id_languages-0-certificate", "Goethe-Zertifikat B1")
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/education/")
    page.click("text=Passer")
    page.wait_for_url("**/candidates/profile/experience/")
    page.click("text=Passer")
    page.wait_for_url("**/candidates/profile/credentials/")

    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_title", "Aide-soignante, promotion 2025")
    page.set_input_files(
        "#id_evidence", files=[{"name": "attestation.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/mobility/")

    page.check("input[name=destinations][value=DE]")
    page.fill("#id_available_from", "2027-04-01")
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/consents/")

    for purpose in ("keep_profile", "matching", "share_with_employers"):
        page.check(f"#id_{purpose}")
    page.click("#save-next")
    page.wait_for_url("**/candidates/profile/review/")
    review = page.content()
    assert "Allemand (B1 · intermédiaire)" in review and "Tunisie" in review and "de B1" not in review
    assert "ESCO" in review and "Aide-soignante, promotion 2025" in review
    page.click("#submit-profile")
    page.wait_for_url("**/candidates/dashboard/")
    assert page.inner_text("#profile-status") == "Soumis pour examen"

    profile = CandidateProfile.objects.get(user__email="salma.benyoussef@example.tn")
    assert profile.status == CandidateProfile.Status.SUBMITTED
    skill = profile.skills.get()
    assert skill.skill.uri == SKILL_URI and skill.years == 4 and skill.label_language == "fr"
    assert list(profile.languages.values_list("code", "level")) == [("de", "B1")]
    credential = Credential.objects.get(candidate=profile)
    assert credential.status == Credential.Status.CLAIMED and credential.evidence.content_type == "application/pdf"
    assert set(profile.consents.filter(withdrawn_at__isnull=True).values_list("purpose", flat=True)) == {
        "keep_profile",
        "matching",
        "share_with_employers",
    }
    assert profile.destinations == ["DE"]
    assert ("profile_changed", {"profile_id": profile.pk}) in hooks.calls
