"""The API documentation renders in Chromium from the project's own files, under the strict CSP, with no CDN."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.conftest import wait_for_js

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_lists_the_operations_without_leaving_the_site(page, live_server):  # type: ignore[no-untyped-def]
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(live_server.url + "/api/v1/docs/")
    assert response is not None and response.status == 200
    wait_for_js(page, "document.querySelectorAll('.opblock').length > 20", timeout=30)
    assert page.locator(".opblock-summary-path", has_text="/api/v1/vacancies/").count() >= 1
    assert hosts == {urlparse(live_server.url).netloc}
    assert errors == []
