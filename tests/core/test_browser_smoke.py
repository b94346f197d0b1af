import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_arabic_is_right_to_left(page, live_server):
    page.goto(live_server.url + "/?stay=1")
    page.select_option("#lang-select", "ar")
    page.wait_for_load_state()
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
