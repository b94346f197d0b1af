"""End to end in a real browser: an employer signs up, is vetted, posts a vacancy pre-filled from ESCO and acts on a
candidate a caseworker released."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from employers.models import Organisation, Vacancy
from employers.services import organisation_vet
from matching.models import Match
from tests.employers.conftest import release
from tests.factories.candidates import CandidateProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employer_signs_up_posts_esco_vacancy_and_sees_released_candidate(
    page, live_server, caseworker, matching_hooks
):
    from employers.selectors import occupation_suggestions

    occupation_suggestions(text="nurse")  # builds the search index once, outside the browser's time budget
    page.set_default_timeout(60000)
    # Sign up.
    page.goto(live_server.url + "/employers/signup/")
    page.fill("#id_legal_name", "Seniorenresidenz Am Park GmbH")
    page.select_option("#id_country", "DE")
    page.fill("#id_registration_number", "HRB 98765")
    page.select_option("#id_sector", "Q")
    page.select_option("#id_size", "small")
    page.fill("#id_website", "https://am-park.example")
    page.fill("#id_address", "Parkstraße 5, 20095 Hamburg")
    page.fill("#id_email", "pflegedienstleitung@am-park.example")
    page.fill("#id_password1", "a-long-enough-password-2026")
    page.fill("#id_password2", "a-long-enough-password-2026")
    page.check("#id_pledge")
    page.click("button[type=submit]")
    page.wait_for_selector("#signup-sent")  # the account opens from the link mailed to the address
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/verify/\S+)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    page.wait_for_url("**/employers/dashboard/")
    assert "waiting to be vetted" in page.content()

    # A caseworker vets the organisation.
    organisation = Organisation.objects.get(legal_name="Seniorenresidenz Am Park GmbH")
    organisation_vet(organisation=organisation, actor=caseworker)

    # Post a vacancy: the ESCO occupation is suggested from the title and its essential skills are pre-filled.
    page.goto(live_server.url + "/employers/vacancies/new/")
    page.fill("#id_title", "nurse responsible for general care")
    page.click("#suggest-occupation")
    page.wait_for_selector("#essential-list input[name=essential_skills]")
    assert page.locator("input[name=occupation]:checked").count() == 1
    assert (
        "nurse responsible for general care" in page.locator("label:has(input[name=occupation]:checked)").inner_text()
    )
    prefilled = page.locator("#essential-list input[name=essential_skills]:checked").count()
    assert prefilled == 10  # a short list to confirm (issue 11), not ESCO's 88
    suggestions = page.locator("#suggested-essential input[name=essential_skills]")
    assert suggestions.count() == 78 and page.locator("#suggested-essential input:checked").count() == 0
    page.click("#esco-suggestions summary")
    picked_label = page.locator("#suggested-essential label").first.inner_text().strip()
    suggestions.first.check()
    prefilled += 1
    today = dt.date.today()
    page.fill("#id_city", "Hamburg")
    page.fill("#id_positions", "2")
    page.select_option("#id_contract_type", "fixed_term")
    page.fill("#id_duration_months", "24")
    page.fill("#id_start_date", (today + dt.timedelta(days=120)).isoformat())
    page.fill("#id_expires_on", (today + dt.timedelta(days=60)).isoformat())
    page.fill("#id_pay_min", "3200")
    page.fill("#id_pay_max", "3700")
    page.select_option("#id_language_1", "de")
    page.select_option("#id_level_1", "B2")
    page.click("#save-publish")
    page.wait_for_selector("#essential-skills")
    assert "Published" in page.content()

    vacancy = Vacancy.objects.get(organisation=organisation)
    assert vacancy.status == Vacancy.Status.PUBLISHED
    essential = list(vacancy.skill_requirements.filter(is_essential=True).select_related("skill"))
    assert len(essential) == prefilled and picked_label in {r.skill.preferred_label for r in essential}
    assert matching_hooks.changed == [vacancy.pk]
    # Re-opened and saved without a change: the same requirements, the picked one no longer among the suggestions.
    page.goto(live_server.url + f"/employers/vacancies/{vacancy.pk}/edit/")
    assert page.locator("#essential-list input[name=essential_skills]:checked").count() == prefilled
    assert picked_label not in page.locator("#esco-suggestions").inner_text()
    page.click("button[name=action][value=save]")
    page.wait_for_load_state("load")
    assert vacancy.skill_requirements.filter(is_essential=True).count() == prefilled

    # The matching engine proposed a candidate and a caseworker released them.
    candidate = CandidateProfileFactory(nationality="PH", headline="Registered nurse, 4 years on a surgical ward")
    Match.objects.create(vacancy=vacancy, candidate=CandidateProfileFactory(nationality="MA"), status="proposed")
    match = release(
        vacancy,
        candidate,
        caseworker=caseworker,
        score=0.82,
        matched_essential_skills=[r.skill.uri for r in essential[:6]],
        missing_essential_skills=[r.skill.uri for r in essential[6:8]],
    )

    page.goto(live_server.url + f"/employers/vacancies/{vacancy.pk}/candidates/")
    card = page.locator(f"#match-{match.pk}")
    assert candidate.display_name in card.inner_text()  # released with the consent to share the profile
    assert "Holds 6 of 8 essential skills" in card.inner_text()
    assert essential[0].skill.preferred_label in card.inner_text()
    assert page.locator("article.candidate").count() == 1  # the proposed, unreleased match stays invisible

    # Shortlist with a reason.
    card.locator("select[name$=decision]").select_option("shortlist")
    card.locator("select[name$=reason]").select_option("shortlist:skills")
    card.locator("textarea[name$=note]").fill("Strong surgical experience")
    card.locator("button[type=submit]").click()
    page.wait_for_selector("text=Decision recorded.")
    match.refresh_from_db()
    assert match.status == Match.Status.SHORTLISTED
    assert match.decisions.filter(action="shortlist", reason_code="skills").exists()


def test_occupation_autocomplete_loads_esco_skills(page, live_server, matching_hooks):
    """The client-side search (taxonomy API) picks an occupation; the server then pre-fills its ESCO skills."""
    from employers.selectors import occupation_suggestions
    from tests.conftest import browser_login
    from tests.factories.employers import MembershipFactory

    occupation_suggestions(text="nurse")
    page.set_default_timeout(60000)
    member = MembershipFactory(user__email="hr@altenheim.example")
    browser_login(page, live_server, member.user.email)
    page.goto(live_server.url + "/employers/vacancies/new/")
    page.fill("#id_title", "Receptionist")
    page.fill("#occupation-search", "hotel receptionist")  # an ESCO alternative label
    pick = page.locator("#occupation-results button", has_text="hospitality establishment receptionist").first
    pick.wait_for(state="visible")
    pick.click()
    page.wait_for_selector("#essential-list input[name=essential_skills]")
    assert (
        "hospitality establishment receptionist"
        in page.locator("label:has(input[name=occupation]:checked)").inner_text()
    )
    assert page.locator("#essential-list input:checked").count() > 3
    assert page.input_value("#id_title") == "Receptionist"  # what was typed survives the reload


def test_failed_publishes_on_new_keep_working_on_one_draft(page, live_server, employer_member):
    """Issue 11: a publish that fails validation saved a draft but left the form on /new/, so the next submit made a
    second vacancy. Now the form goes on with the draft it saved, however many times the employer tries."""
    from tests.conftest import browser_login

    page.set_default_timeout(60000)
    browser_login(page, live_server, employer_member.user.email)
    page.goto(live_server.url + "/employers/vacancies/new/")
    page.fill("#id_title", "Pflegefachkraft (m/w/d) Innere Medizin")
    page.fill("#id_city", "Köln")
    page.fill("#id_positions", "1")
    page.click("#save-publish")  # no pay range, no dates, no occupation: refused, saved as a draft
    page.wait_for_selector("p.error[role=alert]")
    assert Vacancy.objects.filter(organisation=employer_member.organisation).count() == 1
    page.fill("#id_pay_min", "3100")
    page.fill("#id_pay_max", "3600")
    page.click("#save-publish")  # still no occupation: refused again
    page.wait_for_selector("p.error[role=alert]")
    vacancies = list(Vacancy.objects.filter(organisation=employer_member.organisation))
    assert len(vacancies) == 1, [v.title for v in vacancies]
    assert vacancies[0].status == Vacancy.Status.DRAFT and vacancies[0].pay_min == 3100
    assert page.input_value("#id_pay_max") == "3600"


def test_back_after_saving_a_new_vacancy_and_saving_again_makes_no_second_vacancy(page, live_server, employer_member):
    """Saving a new vacancy, pressing the browser's Back button and saving the form again (people do, to fix a typo)
    saved a second vacancy: Back re-fetched /new/, which handed out a fresh creation key. The key now lives in a
    field the browser restores on Back, so the second save updates the vacancy the first one made."""
    from tests.conftest import browser_login

    page.set_default_timeout(60000)
    browser_login(page, live_server, employer_member.user.email)
    page.goto(live_server.url + "/employers/vacancies/new/")
    page.fill("#id_title", "Réceptionniste de nuit")
    page.fill("#id_city", "Lyon")
    page.fill("#id_positions", "1")
    page.click("button[name=action][value=save]")
    page.wait_for_url(re.compile(r"/employers/vacancies/\d+/"))
    assert Vacancy.objects.filter(organisation=employer_member.organisation).count() == 1
    page.go_back()
    page.wait_for_selector("#id_title")
    assert page.input_value("#id_title") == "Réceptionniste de nuit"
    page.fill("#id_city", "Lyon 3e")
    page.click("button[name=action][value=save]")
    page.wait_for_url(re.compile(r"/employers/vacancies/\d+/"))
    vacancies = list(Vacancy.objects.filter(organisation=employer_member.organisation))
    assert len(vacancies) == 1, [(v.pk, v.title, v.city) for v in vacancies]
    assert vacancies[0].city == "Lyon 3e"
    # A new vacancy opened afresh is a new vacancy.
    page.goto(live_server.url + "/employers/vacancies/new/")
    page.fill("#id_title", "Réceptionniste de jour")
    page.fill("#id_city", "Lyon")
    page.fill("#id_positions", "1")
    page.click("button[name=action][value=save]")
    page.wait_for_url(re.compile(r"/employers/vacancies/\d+/"))
    titles = sorted(Vacancy.objects.filter(organisation=employer_member.organisation).values_list("title", flat=True))
    assert titles == ["Réceptionniste de jour", "Réceptionniste de nuit"]
