import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_arabic_is_right_to_left(page, live_server):
    page.goto(live_server.url + "/?stay=1")
    with page.expect_navigation():
        page.select_option("#lang-select", "ar")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
