"""Issue 11's country picker in a real browser, in French: the candidate picks her nationality and a destination by
the French name, the choice survives a re-save and a reload, and the review step names both in French."""

from __future__ import annotations

import pytest

from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page, step: str) -> None:  # type: ignore[no-untyped-def]
    page.click("#step-form button[name=stay]")
    page.wait_for_url(f"**/candidates/profile/{step}/")
    page.wait_for_selector("#step-form")


def test_a_french_candidate_picks_countries_by_their_french_names(page, live_server, candidate, hooks):
    page.set_default_timeout(30000)
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    browser_login(page, live_server, candidate.user.email)
    base = live_server.url + "/candidates/profile/"

    page.goto(base + "personal/")
    page.select_option("#id_nationality", label="Maroc")
    page.select_option("#id_residence_country", label="Tunisie")
    _save(page, "personal")
    _save(page, "personal")  # again, unchanged
    page.reload()
    assert page.locator("#id_nationality option:checked").inner_text() == "Maroc"
    assert page.locator("#id_residence_country option:checked").inner_text() == "Tunisie"

    page.goto(base + "mobility/")
    page.get_by_label("Allemagne", exact=True).check()
    _save(page, "mobility")
    page.reload()
    assert page.get_by_label("Allemagne", exact=True).is_checked()
    assert not page.get_by_label("Autriche", exact=True).is_checked()

    candidate.refresh_from_db()
    assert (candidate.nationality, candidate.residence_country) == ("MA", "TN")
    assert "DE" in candidate.destinations

    page.goto(base + "review/")
    review = page.inner_text("main")
    assert "Maroc" in review and "Allemagne" in review
    assert "Germany" not in review and "Morocco" not in review
    page.screenshot(path="/tmp/country-picker-review.png", full_page=True)
