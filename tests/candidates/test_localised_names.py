"""Country and language names follow the interface language, in every list, sorted by the name shown (issue 11)."""

from __future__ import annotations

import re

import pytest

from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def _client_in(client_for, user, language: str):  # type: ignore[no-untyped-def]
    client = client_for(user)
    client.cookies["django_language"] = language
    return client


def _options(html: str, select_name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, select_name
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def _sorted_by_name(names: list[str]) -> bool:
    import unicodedata

    def key(name: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()

    return names == sorted(names, key=key)


@pytest.fixture
def newcomer(client_for):  # type: ignore[no-untyped-def]
    return UserFactory(email="salma@example.tn", role="candidate")


def test_french_wizard_names_countries_in_french_sorted_by_the_french_name(client_for, newcomer):
    html = _client_in(client_for, newcomer, "fr").get("/candidates/profile/personal/").content.decode()
    options = dict(_options(html, "nationality"))
    assert options["DE"] == "Allemagne" and options["MA"] == "Maroc" and options["EG"] == "Égypte"
    names = [name for code, name in _options(html, "nationality") if code]
    assert _sorted_by_name(names)
    assert names.index("Égypte") < names.index("Espagne") < names.index("Finlande")


def test_arabic_wizard_names_countries_and_languages_in_arabic(client_for, newcomer):
    client = _client_in(client_for, newcomer, "ar")
    personal = dict(_options(client.get("/candidates/profile/personal/").content.decode(), "nationality"))
    assert personal["MA"] == "المغرب"
    languages = dict(_options(client.get("/candidates/profile/languages/").content.decode(), "languages-0-code"))
    assert languages["de"] == "الألمانية" and languages["ar"] == "العربية"


def test_french_language_select_and_cefr_levels_are_in_french(client_for, newcomer):
    html = _client_in(client_for, newcomer, "fr").get("/candidates/profile/languages/").content.decode()
    languages = _options(html, "languages-0-code")
    assert dict(languages)["de"] == "Allemand"
    assert _sorted_by_name([name for code, name in languages if code])
    assert "B1 · intermédiaire" in dict(_options(html, "languages-0-level"))["B1"]


def test_a_country_is_spelt_the_same_in_the_wizard_and_on_the_caseworker_page(client_for, newcomer, caseworker):
    """Once "Korea, Republic of" in the wizard and "South Korea" elsewhere: now one short name everywhere."""
    wizard = dict(_options(client_for(newcomer).get("/candidates/profile/personal/").content.decode(), "nationality"))
    destinations = client_for(newcomer).get("/candidates/profile/mobility/").content.decode()
    assert wizard["KR"] == "South Korea" and wizard["BO"] == "Bolivia"
    assert "Korea, Republic of" not in wizard.values()
    assert "Germany" in destinations


def test_employer_vacancy_form_offers_destinations_and_languages_in_french(client_for, employer_member):
    client = _client_in(client_for, employer_member.user, "fr")
    html = client.get("/employers/vacancies/new/").content.decode()
    countries = _options(html, "country")
    assert dict(countries)["DE"] == "Allemagne" and dict(countries)["AT"] == "Autriche"
    assert _sorted_by_name([name for code, name in countries if code])
    assert dict(_options(html, "language_1"))["de"] == "Allemand"
