"""At a phone's width (390 px) no review page scrolls sideways: wide tables scroll inside their own box."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review import services
from review.models import ReviewItem
from tests.conftest import browser_login
from tests.factories.employers import OrganisationFactory, VacancyFactory
from tests.factories.review import ProposedMatchFactory, ReviewItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_pages_do_not_scroll_sideways_on_a_phone(browser, live_server, staff_user):
    vacancy = VacancyFactory(title="Pflegefachkraft (m/w/d) Intensivstation Universitätsklinikum", country="DE")
    for rank in (1, 2, 3):
        ProposedMatchFactory(vacancy=vacancy, rank=rank)
    services.review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country="DE", sector="Q")
    ReviewItemFactory(candidate__headline="Infirmière diplômée d'État, service de réanimation")
    ReviewItemFactory(
        kind=ReviewItem.Kind.ORGANISATION,
        candidate=None,
        organisation=OrganisationFactory(legal_name="Krankenhausgesellschaft Nordrhein-Westfalen mbH"),
    )
    services.oversight_pause(actor=staff_user, country="AT", reason="Audit")
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    browser_login(page, live_server, staff_user.email)
    widths = {}
    for name, url in {
        "queue": reverse("review:queue"),
        "matches": reverse("review:vacancy_matches", args=[vacancy.pk]),
        "oversight": reverse("review:oversight"),
        "fairness": reverse("review:fairness"),
        "access log": reverse("review:access_log"),
    }.items():
        page.goto(live_server.url + url)
        page.wait_for_selector("main h1")
        widths[name] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert widths == dict.fromkeys(widths, 390)
