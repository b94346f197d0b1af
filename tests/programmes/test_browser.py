"""The directory in a real browser: filters, detail page with its Chart.js funnel, and a phone-sized screen."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_filters_the_directory_and_reads_a_programme(page, live_server):
    page.goto(live_server.url + "/programmes/directory/")
    assert page.locator(".programme-card").count() >= 26
    page.select_option("#id_destination", "BE")
    page.select_option("#id_origin", "MA")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state()
    titles = page.locator(".programme-card h2").all_inner_texts()
    assert any("PALIM" in title for title in titles) and any("THAMM" in title for title in titles)
    assert not any("Triple Win" in title for title in titles)

    page.click("text=Towards a Holistic Approach")
    page.wait_for_load_state()
    assert "Germany: 127 apprentices prepared." in page.inner_text("main")
    assert page.locator("#components-h").is_visible()
    wait_for_js(page, "window.funnelChart !== undefined")
    assert page.evaluate("window.funnelChart.data.labels.length") == 5
    assert page.locator("#funnel-figures tbody tr").count() == 5


def test_directory_fits_a_phone_screen(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="en-GB")
    phone = context.new_page()
    try:
        for path in (
            "/programmes/directory/",
            "/programmes/p/lu-cape-verde/",
            "/programmes/for-employers/?occupation=nurse",
        ):
            phone.goto(live_server.url + path)
            overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, path
        phone.goto(live_server.url + "/programmes/p/lu-cape-verde/")
        assert "Age 18 to 35." in phone.inner_text("main")
    finally:
        context.close()


def test_administrator_picks_programme_occupations_from_the_esco_autocomplete(page, live_server):
    """Issue 11: occupations were typed as raw ESCO URIs. Now the administrator searches ESCO, picks suggestions
    (each becomes a ticked box with its label), saves, and finds them on the edit page and the public page."""
    from programmes.models import Programme
    from tests.conftest import browser_login
    from tests.factories.core import UserFactory

    page.set_default_timeout(60000)
    programme = Programme.objects.get(slug="thamm")
    admin = UserFactory(email="admin@thamm.example", role="programme_admin")
    programme.administrators.add(admin)
    browser_login(page, live_server, admin.email)
    page.goto(live_server.url + "/programmes/manage/thamm/edit/")
    assert page.locator("textarea[name=occupation_uris]").count() == 0
    for words, label in (
        ("hotel receptionist", "hospitality establishment receptionist"),
        ("waiter", "waiter/waitress"),
    ):
        page.fill("#id_occupations", words)
        page.wait_for_selector(f'#dl-id_occupations option[value="{label}"]', state="attached")
        page.fill("#id_occupations", label)  # what choosing the suggestion puts in the box
        page.wait_for_selector(f'#id_occupations_chosen label:has-text("{label}") input:checked')
        assert page.input_value("#id_occupations") == ""
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/programmes/p/thamm/")
    assert set(programme.occupations.values_list("preferred_label", flat=True)) == {
        "hospitality establishment receptionist",
        "waiter/waitress",
    }
    assert "hospitality establishment receptionist" in page.inner_text("main")
    page.goto(live_server.url + "/programmes/manage/thamm/edit/")
    assert page.locator("#id_occupations_chosen input:checked").count() == 2
