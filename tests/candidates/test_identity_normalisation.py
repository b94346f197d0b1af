"""Identity numbers and names that look the same are the same (candidates.identity); names a caseworker cannot
read are refused, through the wizard page and the API alike; real names in any script are kept as typed.

Before: a zero-width space, a Cyrillic "о" or full-width digits in a document number evaded duplicate detection,
and a name of zero-width characters only, or with a right-to-left override, was stored.
"""

from __future__ import annotations

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from candidates.models import CandidateProfile, Document
from candidates.services.documents import document_upload
from candidates.services.profile import profile_update_personal
from core.exceptions import ValidationFailed
from review.models import ReviewItem
from tests.candidates.conftest import png_bytes
from tests.factories.candidates import CandidateProfileFactory

pytestmark = pytest.mark.django_db
JSON = "application/json"
PERSONAL_PAGE = "/candidates/profile/personal/"
PROFILE_API = "/api/v1/me/profile/"
PERSONAL = {
    "given_name": "Salma",
    "family_name": "Ben Youssef",
    "birth_date": "1999-03-14",
    "nationality": "TN",
    "residence_country": "TN",
}
NUMBER = "AB1234567"


def upload_identity(client, number: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/me/profile/documents/",
        {"kind": "identity", "document_number": number, "file": SimpleUploadedFile("id.png", png_bytes())},
    )


@pytest.mark.parametrize(
    ("case", "first", "second"),
    [
        ("zero-width-space", NUMBER, "AB1234\u200b567"),
        ("word-joiner-and-soft-hyphen", NUMBER, "AB\u20601234\u00ad567"),
        ("cyrillic-o", "PO1234567", "P\u043e1234567"),
        ("cyrillic-a-and-ve", NUMBER, "\u0410\u04121234567"),
        ("greek-alpha-and-beta", NUMBER, "\u0391\u03921234567"),
        ("full-width-digits", NUMBER, "AB\uff11\uff12\uff13\uff14\uff15\uff16\uff17"),
        ("full-width-letters", NUMBER, "\uff21\uff221234567"),
        ("arabic-indic-digits", NUMBER, "AB\u0661\u0662\u0663\u0664\u0665\u0666\u0667"),
        ("lower-case-and-spaces", NUMBER, "ab 123-4567"),
    ],
)
def test_duplicate_identity_numbers_are_found_despite_lookalike_characters(
    candidate, other_candidate, client_for, case, first, second
):
    assert upload_identity(client_for(candidate.user), first).status_code == 201
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE).exists()
    assert upload_identity(client_for(other_candidate.user), second).status_code == 201
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.DUPLICATE)
    assert (item.candidate, item.other_candidate) == (other_candidate, candidate), case
    assert Document.objects.get(profile=other_candidate).document_number == first


def test_the_page_upload_stores_the_folded_number_too(candidate, other_candidate, client_for):
    document_upload(profile=candidate, kind="identity", content=png_bytes(), name="id.png", document_number=NUMBER)
    response = client_for(other_candidate.user).post(
        "/candidates/documents/",
        {
            "kind": "identity",
            "document_number": "\u0410\u0412\u200b\uff11234567",
            "file": SimpleUploadedFile("id.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(profile=other_candidate).document_number == NUMBER
    assert ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE, candidate=other_candidate).exists()


def test_letters_are_not_folded_into_digits(candidate, other_candidate):
    document_upload(profile=candidate, kind="identity", content=png_bytes(), name="id.png", document_number="AO12345")
    document_upload(
        profile=other_candidate, kind="identity", content=png_bytes(), name="id.png", document_number="A012345"
    )
    assert not ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE).exists()


def test_numbers_stored_before_are_folded_by_the_migration(candidate, other_candidate):
    old = Document.objects.create(
        profile=candidate, kind="identity", size=1, sha256="0" * 64, document_number="P\u041e1"
    )
    migration = importlib.import_module("candidates.migrations.0004_renormalise_document_numbers")
    from django.apps import apps

    migration.renormalise(apps, None)
    old.refresh_from_db()
    assert old.document_number == "PO1"


@pytest.mark.parametrize(
    ("given", "family"),
    [
        ("Y\u043eussef", "El Amrani"),  # Cyrillic о
        ("Youssef", "El\u200b Amrani"),  # zero-width space
        ("YOUSSEF", "EL AMRANI"),
        ("\uff39oussef", "El  Amrani"),  # full-width Y, two spaces
    ],
)
def test_the_same_person_with_lookalike_letters_in_the_name_is_flagged(given, family):
    first = CandidateProfileFactory(user__email="y1@example.ma", given_name="Youssef", family_name="El Amrani")
    twin = CandidateProfileFactory(user__email="y2@example.ma", status="draft", given_name="x", family_name="y")
    profile_update_personal(
        profile=twin,
        data={
            "given_name": given,
            "family_name": family,
            "birth_date": first.birth_date,
            "nationality": first.nationality,
            "residence_country": "MA",
        },
    )
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.DUPLICATE)
    assert {item.candidate, item.other_candidate} == {twin, first}


INVISIBLE = [
    "\u200b",
    "\u200b\u200b\u200b",
    "\u200c\u200d",
    "\u2060\ufeff",
    "\u00ad",
    "\u200e\u200f",
    "\u3164",  # HANGUL FILLER: a "letter" that shows nothing
    "\u0301",  # a combining accent on nothing
]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.fixture
def newcomer(client_for):  # type: ignore[no-untyped-def]
    from tests.factories.core import UserFactory

    user = UserFactory(email="salma@example.tn", role="candidate")
    return user, client_for(user)


@pytest.mark.parametrize("name", INVISIBLE, ids=[f"U+{ord(n[0]):04X}x{len(n)}" for n in INVISIBLE])
def test_a_name_without_a_visible_letter_is_refused_on_the_page(newcomer, name):
    user, client = newcomer
    response = client.post(PERSONAL_PAGE, PERSONAL | {"given_name": name})
    assert response.status_code == 400
    assert "visible letter" in " ".join(response.context["form"].errors["given_name"])
    profile = CandidateProfile.objects.get(user=user)
    assert profile.given_name == "" and profile.birth_date is None


@pytest.mark.parametrize("name", INVISIBLE, ids=[f"U+{ord(n[0]):04X}x{len(n)}" for n in INVISIBLE])
def test_a_name_without_a_visible_letter_is_refused_by_the_api(candidate, client_for, name):
    before = candidate.family_name
    response = client_for(candidate.user).patch(PROFILE_API, {"family_name": name}, content_type=JSON)
    assert response.status_code == 400
    assert "visible letter" in " ".join(response.json()["error"]["fields"]["family_name"])
    candidate.refresh_from_db()
    assert candidate.family_name == before


@pytest.mark.parametrize("control", BIDI, ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_name_with_a_bidi_control_is_refused_on_the_page_and_by_the_api(newcomer, candidate, client_for, control):
    user, client = newcomer
    response = client.post(PERSONAL_PAGE, PERSONAL | {"family_name": f"Ben{control}ssuoY"})
    assert response.status_code == 400
    assert "direction of text" in " ".join(response.context["form"].errors["family_name"])
    assert CandidateProfile.objects.get(user=user).family_name == ""

    before = candidate.given_name
    response = client_for(candidate.user).patch(PROFILE_API, {"given_name": f"Ali{control}adbA"}, content_type=JSON)
    assert response.status_code == 400
    assert "direction of text" in " ".join(response.json()["error"]["fields"]["given_name"])
    candidate.refresh_from_db()
    assert candidate.given_name == before


@pytest.mark.parametrize(
    ("given", "family"),
    [
        ("محمد", "بن يوسف"),
        ("François-Xavier", "Lefèvre"),
        ("Ștefan", "Țurcanu"),
        ("Jürgen", "Großmann"),
        ("Siobhán", "O’Brien"),
        ("Jean", "D'Alembert"),
        ("مریم\u200cالسادات", "حسینی"),  # Persian: the ZWNJ belongs to the name
        ("Ольга", "Иванова"),  # stored in its own script: only the comparison key is folded
        ("Nguyễn", "Thị Minh Khai"),
        ("李", "小龍"),
        ("Ἀλέξανδρος", "Παπαδόπουλος"),
    ],
)
def test_real_names_in_many_scripts_are_kept_as_typed(newcomer, candidate, client_for, given, family):
    user, client = newcomer
    response = client.post(PERSONAL_PAGE, PERSONAL | {"given_name": given, "family_name": family})
    assert response.status_code == 302, response.context["form"].errors
    profile = CandidateProfile.objects.get(user=user)
    assert (profile.given_name, profile.family_name) == (given, family)

    response = client_for(candidate.user).patch(
        PROFILE_API, {"given_name": given, "family_name": family}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    assert (response.json()["given_name"], response.json()["family_name"]) == (given, family)


def test_invisible_characters_inside_a_name_are_removed_and_a_stray_zwnj_too(candidate):
    profile = profile_update_personal(
        profile=candidate,
        data={
            "given_name": "Ami\u200bna\u200c",
            "family_name": "Ben\u00a0 \u2060Youssef",
            "birth_date": candidate.birth_date,
            "nationality": "MA",
            "residence_country": "MA",
        },
    )
    assert (profile.given_name, profile.family_name) == ("Amina", "Ben Youssef")


@pytest.mark.parametrize(
    ("language", "direction", "letter"), [("fr", "sens d'écriture", "lettre visible"), ("ar", "اتجاه النص", "حرف ظاهر")]
)
def test_the_refusals_are_translated(candidate, language, direction, letter):
    data = {"family_name": "B", "birth_date": candidate.birth_date, "nationality": "MA", "residence_country": "MA"}
    for given, word in (("\u202eA", direction), ("\u200b", letter)):
        with translation.override(language), pytest.raises(ValidationFailed) as refused:
            profile_update_personal(profile=candidate, data=data | {"given_name": given})
        assert word in refused.value.message
