"""Shared fixtures: the ESCO test subset, one user per role (own and other), and the real-service switch.

Role fixtures follow healthchecks' Alice/Bob/Charlie habit: `candidate` and `other_candidate`,
`employer_member` and `other_employer_member`, `caseworker`, `programme_admin` (of `programme`) and
`other_programme_admin` (of `other_programme`), `staff_user`.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from core.roles import Role
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.core import UserFactory
from tests.factories.employers import MembershipFactory
from tests.factories.programmes import ProgrammeFactory

# Property tests draw the same cases on every run (the gate must not go red because a run drew a new input); a
# failure they find is kept as an @example. Explore with `--hypothesis-profile=explore`.
hypothesis_settings.register_profile("gate", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False, max_examples=2000)
hypothesis_settings.load_profile("gate")

ESCO_MINI = Path(__file__).resolve().parent / "fixtures" / "esco-mini"
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct-horse-battery-staple"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Real-service tests run only in the PostgreSQL pass. There, unreachable servers fail in CI and skip elsewhere."""
    db_url = os.environ.get("DATABASE_URL", "")
    on_postgres = db_url.startswith("postgres")
    problems: list[str] = []
    if on_postgres:
        parsed = urlparse(db_url)
        if not _reachable(parsed.hostname or "127.0.0.1", parsed.port or 5432):
            problems.append(f"PostgreSQL at {parsed.hostname}:{parsed.port or 5432} is unreachable")
        if not _reachable("127.0.0.1", 6379):
            problems.append("Redis at 127.0.0.1:6379 is unreachable")
        if problems and IN_CI and any("realservice" in item.keywords for item in items):
            pytest.exit("Real-service tests cannot run in CI: " + "; ".join(problems), returncode=1)
    for item in items:
        if "realservice" not in item.keywords:
            continue
        if not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL and Redis: runs in `make test-services`"))
        elif problems:
            item.add_marker(pytest.mark.skip(reason="; ".join(problems)))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the ESCO test subset once per session, with the production importer."""
    from taxonomy.importer import import_esco

    with django_db_blocker.unblock():
        import_esco(ESCO_MINI)


def load_reference_data() -> None:
    """ESCO test subset, bundled programme directory and WHO list: what a fresh install has after `migrate`."""
    from programmes import bundled_directory
    from programmes.models import (
        LegalScheme,
        Programme,
        ProgrammePartner,
        SafeguardCountry,
        SafeguardListEdition,
        Stakeholder,
    )
    from taxonomy.importer import import_esco

    import_esco(ESCO_MINI)
    bundled_directory.load_programmes(
        Programme=Programme, LegalScheme=LegalScheme, Stakeholder=Stakeholder, ProgrammePartner=ProgrammePartner
    )
    bundled_directory.load_safeguards(SafeguardListEdition=SafeguardListEdition, SafeguardCountry=SafeguardCountry)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):  # type: ignore[no-untyped-def]
    """Transactional tests (browser, worker) end with a flush that empties every table; put the reference data back."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    if transactional or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        from taxonomy.models import Occupation

        request.getfixturevalue("transactional_db")
        if not Occupation.objects.exists():
            load_reference_data()


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    """A test that activates French or Arabic (a request, translation.override left open) must not leave it active
    for the next test in the same worker."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Rate-limit counters live in the cache: each test starts with none (the local-memory cache outlives a test)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _reset_axes(db):  # type: ignore[no-untyped-def]
    from axes.utils import reset

    reset()


def _client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    """Return a logged-in test client for any user: `client_for(user)`."""
    return _client_for


@pytest.fixture
def candidate(db):  # type: ignore[no-untyped-def]
    return CandidateProfileFactory(user__email="amina@example.org")


@pytest.fixture
def other_candidate(db):  # type: ignore[no-untyped-def]
    return CandidateProfileFactory(user__email="ion@example.org", nationality="MD", residence_country="MD")


@pytest.fixture
def employer_member(db):  # type: ignore[no-untyped-def]
    return MembershipFactory(user__email="hr@klinikum.example", organisation__legal_name="Klinikum Nord GmbH")


@pytest.fixture
def other_employer_member(db):  # type: ignore[no-untyped-def]
    return MembershipFactory(
        user__email="hr@hotel.example", organisation__legal_name="Hotel Sonne AG", organisation__sector="I"
    )


@pytest.fixture
def caseworker(db):  # type: ignore[no-untyped-def]
    return UserFactory(email="caseworker@pes.example", role=Role.CASEWORKER)


@pytest.fixture
def staff_user(db):  # type: ignore[no-untyped-def]
    return UserFactory(email="staff@talentpool.example", role=Role.STAFF, is_staff=True)


@pytest.fixture
def programme(db):  # type: ignore[no-untyped-def]
    return ProgrammeFactory(acronym="THAMM-T", name="Test THAMM")


@pytest.fixture
def other_programme(db):  # type: ignore[no-untyped-def]
    return ProgrammeFactory(acronym="PALIM-T", name="Test PALIM")


@pytest.fixture
def programme_admin(programme):  # type: ignore[no-untyped-def]
    user = UserFactory(email="admin@thamm.example", role=Role.PROGRAMME_ADMIN)
    programme.administrators.add(user)
    return user


@pytest.fixture
def other_programme_admin(other_programme):  # type: ignore[no-untyped-def]
    user = UserFactory(email="admin@palim.example", role=Role.PROGRAMME_ADMIN)
    other_programme.administrators.add(user)
    return user


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's chromium driven by Playwright. Missing chromium fails in CI and skips elsewhere."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium package")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    """A fresh browser page; `page.goto(live_server.url + path)`. Screenshots on failure go to var/screenshots."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    context.close()


def browser_login(page, live_server, email: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real login form."""
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def wait_for_js(page, expression: str, timeout: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until `expression` is truthy in the page.

    Playwright's `wait_for_function` evaluates its predicate with `eval` inside the page, which the strict
    Content-Security-Policy (no 'unsafe-eval') refuses; `page.evaluate` goes through the DevTools protocol instead.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)
