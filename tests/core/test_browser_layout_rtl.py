"""Issue 11: the product in English, French and Arabic at a desktop's width (1280 px) and a phone's (390 px).

No main page of any role scrolls sideways (wide tables scroll inside their own box), every arrow in Arabic is the
mirror image of its English twin (a back arrow points right, the way back in a right-to-left page), the skip link
shows at the start side, and on a phone the navigation waits behind a menu button that works with mouse and keyboard.
Screenshots of every page go to /tmp/layout-<language>-<width>-<page>.png.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from core.models import User
from employers.models import Vacancy
from review.models import ReviewItem
from tests.conftest import browser_login
from tests.factories.employers import MembershipFactory, VacancyFactory
from tests.factories.programmes import CohortFactory, LegalSchemeFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-pass-2026"
LOCALES = {"en": "en-GB", "fr": "fr-FR", "ar": "ar"}
DESKTOP, PHONE = 1280, 390
SCREENSHOTS = "/tmp/layout-{language}-{width}-{name}.png"

# Which way each arrow on the page points on screen: a glyph's own direction, turned round by every horizontal
# mirror (a transform with a negative x scale) on it or on an element around it. Pseudo-element content counts.
ARROWS_SHOWN = """
(root) => {
  const GLYPHS = {"\\u2190": "left", "\\u2192": "right"};
  const mirrored = (style) => style.transform && style.transform !== "none" && new DOMMatrixReadOnly(style.transform).a < 0;
  const turn = (way, flip) => (flip ? (way === "left" ? "right" : "left") : way);
  const shown = [];
  const scan = (text, flip) => { for (const ch of text || "") if (GLYPHS[ch]) shown.push(turn(GLYPHS[ch], flip)); };
  const pseudo = (el, which, flip) => {
    const style = getComputedStyle(el, which);
    if (style.content && style.content !== "none" && style.content !== "normal") scan(style.content.split(" / ")[0], flip !== mirrored(style));
  };
  const walk = (el, flip) => {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return;
    flip = flip !== mirrored(style);
    pseudo(el, "::before", flip);
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) scan(node.data, flip);
      else if (node.nodeType === Node.ELEMENT_NODE) walk(node, flip);
    }
    pseudo(el, "::after", flip);
  };
  walk(root, false);
  return shown;
}
"""

OVERFLOWING = """
() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1);
  }).slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
}
"""


def _context(browser, language: str, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale=LOCALES[language], viewport={"width": width, "height": 844})
    context.set_default_timeout(20000)
    return context


def _demo_pages() -> dict[str | None, dict[str, str]]:
    """The main pages of every role in the demo world (`manage.py load_demo`), by the demo login that sees them."""
    employer = User.objects.get(email="employer@demo.talentpool.eu")
    vacancy = Vacancy.objects.filter(organisation__memberships__user=employer, matches__isnull=False).distinct().first()
    matches_item = ReviewItem.objects.filter(kind=ReviewItem.Kind.MATCHES).first()
    other_item = ReviewItem.objects.exclude(kind=ReviewItem.Kind.MATCHES).first()
    wizard = ["personal", "occupation", "experience", "education", "languages", "skills", "mobility"]
    wizard += ["credentials", "consents", "review"]
    return {
        None: {
            "home": "/?stay=1",
            "directory": "/programmes/directory/",
            "programme": "/programmes/p/thamm/",
            "for-employers": "/programmes/for-employers/",
            "signup": "/accounts/signup/",
        },
        "candidate@demo.talentpool.eu": {
            "candidate-dashboard": "/candidates/dashboard/",
            **{f"wizard-{step}": f"/candidates/profile/{step}/" for step in wizard},
            "candidate-documents": "/candidates/documents/",
        },
        "employer@demo.talentpool.eu": {
            "employer-dashboard": "/employers/dashboard/",
            "vacancy-form": "/employers/vacancies/new/",
            "vacancy": f"/employers/vacancies/{vacancy.pk}/",
            "vacancy-candidates": f"/employers/vacancies/{vacancy.pk}/candidates/",
            "organisation": "/employers/organisation/",
        },
        "caseworker@demo.talentpool.eu": {
            "review-queue": "/review/queue/",
            "review-queue-filtered": "/review/queue/?status=open",
            "review-item": f"/review/items/{other_item.pk}/",
            "review-matches-item": f"/review/items/{matches_item.pk}/",
            "review-matches": f"/review/vacancies/{matches_item.vacancy_id}/matches/",
            "review-matches-search": f"/review/vacancies/{matches_item.vacancy_id}/matches/?q=Candidate",
            "fairness": "/review/fairness/",
        },
        "staff@demo.talentpool.eu": {"oversight": "/review/oversight/", "access-log": "/review/access-log/"},
        "programme-admin@demo.talentpool.eu": {
            "programme-admin": "/programmes/admin-home/",
            "programme-claims": "/programmes/manage/claims/",
            "programme-edit": "/programmes/manage/thamm/edit/",
            "programme-partners": "/programmes/manage/thamm/partners/",
            "programme-upload": "/programmes/manage/thamm/credentials/upload/",
            "programme-employers": "/employers/programmes/thamm/participants/",
            "programme-as-admin": "/programmes/p/thamm/",
        },
    }


@pytest.fixture
def demo_world(settings):  # type: ignore[no-untyped-def]
    settings.MATCHING_ENCODER = "hashing"  # the engine's test encoder: the demo's shape, not the model's speed
    call_command("load_demo", verbosity=0)
    return _demo_pages()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_main_page_of_any_role_scrolls_sideways(browser, live_server, demo_world, width):
    too_wide: dict[str, tuple[int, list[str]]] = {}
    for language in LOCALES:
        for login, pages in demo_world.items():
            context = _context(browser, language, width)
            page = context.new_page()
            if login:
                browser_login(page, live_server, login, DEMO_PASSWORD)
                page.wait_for_load_state("load")
            for name, path in pages.items():
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, path
                page.wait_for_selector("main h1")
                assert page.get_attribute("html", "lang") == language
                page.screenshot(path=SCREENSHOTS.format(language=language, width=width, name=name), full_page=True)
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > page.evaluate("window.innerWidth"):
                    too_wide[f"{language} {name}"] = (scroll_width, page.evaluate(OVERFLOWING))
            context.close()
    report = "\n".join(
        f"{page} at {width} px: {px} px wide, past the edge: {', '.join(what)}" for page, (px, what) in too_wide.items()
    )
    assert too_wide == {}, "pages wider than the window:\n" + report


@pytest.fixture
def arrow_pages(programme_admin, programme, caseworker):  # type: ignore[no-untyped-def]
    """Pages with a back link (to the page they came from) and with arrows from one place to another."""
    membership = MembershipFactory(user__email="hr@klinikum-layout.example")
    vacancy = VacancyFactory(organisation=membership.organisation, title="Pflegefachkraft Intensivstation")
    scheme = LegalSchemeFactory(programme=programme)
    CohortFactory(programme=programme)
    ProgrammeFactory(name="Tunisia to Germany nurses", origin_countries=["TN"], destination_countries=["DE"])
    slug = programme.slug
    return {
        None: {
            "programme": (f"/programmes/p/{slug}/", "/programmes/directory/"),
            "directory": ("/programmes/directory/", None),
        },
        membership.user.email: {
            "vacancy": (f"/employers/vacancies/{vacancy.pk}/", "/employers/dashboard/"),
            "vacancy-candidates": (
                f"/employers/vacancies/{vacancy.pk}/candidates/",
                f"/employers/vacancies/{vacancy.pk}/",
            ),
        },
        caseworker.email: {"fairness": ("/review/fairness/", None)},  # proposed → released → shortlisted → hired
        programme_admin.email: {
            "programme-edit": (f"/programmes/manage/{slug}/edit/", f"/programmes/p/{slug}/"),
            "programme-partners": (f"/programmes/manage/{slug}/partners/", f"/programmes/p/{slug}/"),
            "programme-quotas": (f"/programmes/manage/{slug}/schemes/{scheme.pk}/quotas/", f"/programmes/p/{slug}/"),
            "programme-upload": (f"/programmes/manage/{slug}/credentials/upload/", f"/programmes/p/{slug}/"),
            "programme-claims": ("/programmes/manage/claims/", "/programmes/admin-home/"),
            "programme-employers": (f"/employers/programmes/{slug}/participants/", f"/programmes/p/{slug}/"),
        },
    }


def _arrows(browser, live_server, pages, language: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Which way the arrows in <main> point, and which way the back link's arrow points, page by page."""
    everywhere: dict[str, list[str]] = {}
    back: dict[str, list[str]] = {}
    for login, named in pages.items():
        context = _context(browser, language, DESKTOP)
        page = context.new_page()
        if login:
            browser_login(page, live_server, login)
            page.wait_for_load_state("load")
        for name, (path, back_to) in named.items():
            response = page.goto(live_server.url + path)
            assert response is not None and response.status == 200, path
            assert page.get_attribute("html", "lang") == language
            everywhere[name] = page.locator("main").evaluate(ARROWS_SHOWN)
            if back_to:
                back[name] = page.locator(f'main a[href="{back_to}"]').first.evaluate(ARROWS_SHOWN)
        context.close()
    return everywhere, back


def test_arrows_in_arabic_mirror_the_english_ones(browser, live_server, arrow_pages):
    english, english_back = _arrows(browser, live_server, arrow_pages, "en")
    arabic, arabic_back = _arrows(browser, live_server, arrow_pages, "ar")
    assert arabic_back == {name: ["right"] for name in english_back}  # back, in Arabic, is to the right
    assert english_back == {name: ["left"] for name in english_back}
    assert "right" in english["directory"]  # origin → destination on the programme cards
    mirror = {"left": "right", "right": "left"}
    assert arabic == {name: [mirror[way] for way in ways] for name, ways in english.items()}


def test_skip_link_is_hidden_until_focused_then_shows_at_the_start_side(browser, live_server):
    for language in ("en", "ar"):
        context = _context(browser, language, PHONE)
        page = context.new_page()
        page.goto(live_server.url + "/?stay=1")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, language
        skip = page.locator("a[href='#main']").first
        box = skip.bounding_box()
        assert box is None or box["width"] <= 1 or box["x"] + box["width"] <= 0 or box["x"] >= PHONE, language
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
        box = skip.bounding_box()
        assert box is not None and box["width"] > 20 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
        start_gap = PHONE - (box["x"] + box["width"]) if language == "ar" else box["x"]
        assert start_gap <= 24, language  # at the right edge in Arabic, the left edge in English
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, language
        context.close()


def _nav_links(page):  # type: ignore[no-untyped-def]
    return page.locator("header nav a, header nav button[type=submit]")


def _visible_nav_links(page) -> list[str]:  # type: ignore[no-untyped-def]
    links = _nav_links(page)
    return [links.nth(i).inner_text() for i in range(links.count()) if links.nth(i).is_visible()]


def _menu_disclosure(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The menu control as assistive technology sees it (Chromium's accessibility tree): role, name, expanded."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    for node in nodes:
        role = node.get("role", {}).get("value")
        if role in {"DisclosureTriangle", "button"}:
            properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            if "expanded" in properties:
                return {"role": role, "name": node.get("name", {}).get("value"), "expanded": properties["expanded"]}
    return {}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_the_navigation_waits_behind_a_menu_button(browser, live_server, candidate, language):
    context = _context(browser, language, PHONE)
    page = context.new_page()
    browser_login(page, live_server, candidate.user.email)
    page.goto(live_server.url + "/candidates/dashboard/")
    page.wait_for_selector("main h1")
    assert _nav_links(page).count() >= 5
    assert _visible_nav_links(page) == []  # collapsed: only the brand, the menu button and the language picker
    assert page.locator("header").bounding_box()["height"] <= 80
    menu = page.locator("header nav summary")
    assert menu.is_visible()
    assert _menu_disclosure(page)["expanded"] is False
    assert _menu_disclosure(page)["name"]

    menu.click()  # the mouse opens it
    assert len(_visible_nav_links(page)) == _nav_links(page).count()
    assert _menu_disclosure(page)["expanded"] is True
    for i in range(_nav_links(page).count()):  # every link inside the phone's width, in either direction
        box = _nav_links(page).nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.screenshot(path=SCREENSHOTS.format(language=language, width=PHONE, name="menu-open"), full_page=True)
    page.keyboard.press("Escape")  # Escape closes it and leaves the focus on the button
    assert _visible_nav_links(page) == []
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"

    page.keyboard.press("Enter")  # the keyboard opens it too
    assert len(_visible_nav_links(page)) == _nav_links(page).count()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav') !== null")  # the next stop is the first link
    page.keyboard.press("Escape")
    assert _visible_nav_links(page) == []

    page.set_viewport_size({"width": DESKTOP, "height": 900})  # on a desktop the links show without a button
    assert len(_visible_nav_links(page)) == _nav_links(page).count()
    assert not menu.is_visible()
    assert page.locator("header").bounding_box()["height"] <= 80
    page.screenshot(path=SCREENSHOTS.format(language=language, width=DESKTOP, name="header"))
    context.close()
