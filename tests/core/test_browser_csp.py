"""Issue 12 item 12: under the strict Content-Security-Policy, the main pages of every role run in Chromium with no
violation, and what their scripts draw (charts, suggestions, the language picker) still works."""

from __future__ import annotations

import pytest

from core.roles import Role
from tests.conftest import browser_login, wait_for_js
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.core import UserFactory
from tests.factories.employers import MembershipFactory
from tests.factories.programmes import ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded in the page before any of its own scripts run; CDP init scripts are not subject to the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});
"""


def _visit(page, live_server, path: str, console: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, path
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    return page.evaluate("window.__cspViolations") + [line for line in console if "Content Security Policy" in line]


@pytest.fixture
def watched(page):  # type: ignore[no-untyped-def]
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: console.append(message.text))
    return page, console


def test_public_pages_run_without_a_policy_violation(watched, live_server):
    page, console = watched
    programme = ProgrammeFactory(slug="thamm-csp", name="THAMM for the CSP test")
    for path in ("/?stay=1", "/programmes/directory/", "/accounts/signup/", f"/programmes/p/{programme.slug}/"):
        assert _visit(page, live_server, path, console) == [], path
    wait_for_js(page, "window.funnelChart !== undefined")  # the programme page's chart ran from its own file
    page.goto(live_server.url + "/programmes/for-employers/")
    assert page.evaluate("window.__cspViolations") == []
    with page.expect_navigation():  # the language picker's handler now lives in static/js/site.js
        page.select_option("#lang-select", "fr")
    assert page.get_attribute("html", "lang") == "fr"
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize(
    ("role", "paths"),
    [
        (Role.CANDIDATE, ["/candidates/dashboard/", "/candidates/profile/personal/", "/candidates/profile/skills/"]),
        (Role.EMPLOYER, ["/employers/dashboard/", "/employers/vacancies/new/"]),
        (Role.CASEWORKER, ["/review/queue/", "/review/fairness/"]),
        (Role.PROGRAMME_ADMIN, ["/programmes/admin-home/"]),
        (Role.STAFF, ["/review/queue/", "/review/oversight/", "/review/access-log/", "/admin/"]),
    ],
)
def test_each_roles_main_pages_run_without_a_policy_violation(watched, live_server, role, paths):
    page, console = watched
    if role == Role.CANDIDATE:
        user = CandidateProfileFactory().user
    elif role == Role.EMPLOYER:
        user = MembershipFactory().user
    else:
        user = UserFactory(role=role, is_staff=role == Role.STAFF, is_superuser=role == Role.STAFF)
    if role == Role.PROGRAMME_ADMIN:
        ProgrammeFactory().administrators.add(user)
    browser_login(page, live_server, user.email)
    page.wait_for_load_state("load")
    for path in paths:
        assert _visit(page, live_server, path, console) == [], f"{role} {path}"
