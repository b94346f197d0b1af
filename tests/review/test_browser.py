"""End to end in a real browser: a caseworker claims a vacancy's proposed matches, approves one and rejects one;
the employer sees exactly the approved candidate; the approved candidate sees they were put forward."""

from __future__ import annotations

import pytest
from django.urls import reverse

from matching.models import Match
from review import services
from review.models import ReviewItem
from tests.conftest import browser_login
from tests.factories.employers import VacancyFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_releases_one_and_rejects_one(page, browser, live_server, caseworker, employer_member):
    vacancy = VacancyFactory(
        organisation=employer_member.organisation, title="Hotel receptionist, Vienna", country="AT"
    )
    approved = ProposedMatchFactory(vacancy=vacancy, rank=1, candidate__user__email="approved@example.org")
    rejected = ProposedMatchFactory(vacancy=vacancy, rank=2, candidate__user__email="rejected@example.org")
    services.review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country="AT", sector="I")

    browser_login(page, live_server, caseworker.email)
    page.goto(live_server.url + reverse("review:queue"))
    page.click("#claim-next")
    page.wait_for_selector("#automation-bias")
    assert "The ranking is only a suggestion." in page.inner_text("#automation-bias")
    assert "Hotel receptionist, Vienna" in page.inner_text("h1")

    page.fill(f"#release-note-{approved.pk}", "Front-desk experience fits")
    page.click(f"#match-{approved.pk} button[name=approve]")
    page.wait_for_selector(".messages")
    page.select_option(f"#reject-reason-{rejected.pk}", "language_level")
    page.fill(f"#reject-note-{rejected.pk}", "German A2, vacancy needs B1")
    page.click(f"#match-{rejected.pk} button.danger")
    page.wait_for_selector("#decided-h")
    assert "No proposed match waits for a decision." in page.content()

    assert dict(Match.objects.filter(vacancy=vacancy).values_list("pk", "status")) == {
        approved.pk: "released",
        rejected.pk: "rejected",
    }
    assert ReviewItem.objects.get(kind="matches", vacancy=vacancy).status == ReviewItem.Status.DONE

    employer = browser.new_context(locale="en-GB")
    employer_page = employer.new_page()
    browser_login(employer_page, live_server, employer_member.user.email)
    employer_page.goto(live_server.url + reverse("employers:vacancy_candidates", args=[vacancy.pk]))
    employer_page.wait_for_selector("main h1")
    html = employer_page.content()
    assert f'id="match-{approved.pk}"' in html
    assert f'id="match-{rejected.pk}"' not in html
    employer.close()

    candidate = browser.new_context(locale="en-GB")
    candidate_page = candidate.new_page()
    browser_login(candidate_page, live_server, "approved@example.org")
    candidate_page.goto(live_server.url + reverse("candidates:dashboard"))
    text = candidate_page.inner_text("main")
    assert "Hotel receptionist, Vienna" in text
    assert "Released to the employer" in text
    candidate.close()
