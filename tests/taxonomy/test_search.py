from __future__ import annotations

import numpy as np
import pytest

from taxonomy.models import Occupation
from taxonomy.search import link_occupation, search_occupations, search_skills

pytestmark = pytest.mark.django_db


def _top_labels(text: str, n: int = 3, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.preferred_label for hit in search_occupations(text, limit=n, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hotel receptionist", "hospitality establishment receptionist"),
        ("Kellnerin", "waiter/waitress"),
        ("maçon", "bricklayer"),
        ("programmeur", "software developer"),
        ("care worker", "social care worker"),
    ],
)
def test_job_titles_as_people_write_them_find_their_occupation_first(text, expected):
    assert _top_labels(text, 1) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nurse", "nurse responsible for general care"),
        ("camarero", "waiter/waitress"),  # Spanish for waiter and for bartender: both belong near the top
        ("RN", "nurse responsible for general care"),
        ("infirmier", "nurse responsible for general care"),
        ("Java dev", "software developer"),
        ("care worker for elderly", "social care worker"),
    ],
)
def test_short_and_foreign_titles_find_their_occupation_in_the_top_five(text, expected):
    assert expected in _top_labels(text, 5)


def test_interface_language_breaks_ties_between_languages(client):
    # "infirmier" is a French nurse and a Romanian healthcare assistant: a French interface gets the nurse first.
    response = client.get("/api/v1/occupations/", {"q": "infirmier"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["results"][0]["preferred_label"] == "nurse responsible for general care"


def test_curated_aliases_link_titles_esco_lacks():
    assert _top_labels("Pflegefachkraft", 1) == ["nurse responsible for general care"]
    assert _top_labels("Java dev", 1) == ["software developer"]


def test_hits_carry_uri_and_the_label_that_matched():
    hit = search_occupations("Kellner", limit=1)[0]
    assert hit.uri.startswith("http://data.europa.eu/esco/occupation/")
    assert hit.matched_label.lower().startswith("kellner")
    assert hit.occupation.uri == hit.uri


def test_empty_or_punctuation_only_text_finds_nothing():
    assert search_occupations("") == []
    assert search_occupations("  --- ") == []


def test_any_text_gets_a_list_of_uris_never_an_error():
    for text in ["zzzzqqq", "日本語の仕事", "x" * 500, "' OR 1=1 --"]:
        hits = search_occupations(text)
        assert all(hit.uri.startswith("http://data.europa.eu/esco/") for hit in hits)


def test_link_occupation_returns_nothing_for_gibberish():
    assert link_occupation("qwxzv") is None
    assert link_occupation("hotel receptionist") == Occupation.objects.get(
        preferred_label="hospitality establishment receptionist"
    )


def test_skill_search_finds_a_skill_by_its_alternative_label():
    hits = search_skills("patient-centred care", limit=5)
    assert any("care" in hit.preferred_label for hit in hits)
    assert all(hit.uri.startswith("http://data.europa.eu/esco/skill/") for hit in hits)


def test_occupation_search_api_returns_ranked_uris_with_matched_label(client):
    response = client.get("/api/v1/occupations/", {"q": "Kellnerin"})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["preferred_label"] == "waiter/waitress"
    assert first["uri"].startswith("http://data.europa.eu/esco/occupation/")
    assert first["matched_label"].lower().startswith("kellner")


def test_occupation_detail_lists_essential_and_optional_skills(client):
    nurse = Occupation.objects.get(preferred_label="nurse responsible for general care")
    body = client.get(f"/api/v1/occupations/{nurse.pk}/").json()
    assert body["uri"] == nurse.uri
    assert len(body["essential_skills"]) > 10
    assert all(skill["uri"].startswith("http://data.europa.eu/esco/skill/") for skill in body["optional_skills"])


def test_search_api_refuses_bad_parameters_with_a_clear_message(client):
    response = client.get("/api/v1/occupations/", {"q": "nurse", "limit": "lots"})
    assert response.status_code == 400
    assert "limit" in response.json()["error"]["fields"]
    assert client.get("/api/v1/skills/", {"q": "x" * 201}).status_code == 400
    assert client.get("/api/v1/occupations/999999/").status_code == 404


def test_a_repeated_query_reuses_its_embedding_and_nobody_can_change_it(monkeypatch):
    """Autocomplete sends the same prefixes from every user: the second one must not run the model again."""
    from taxonomy import encoder

    encoder._encode_query_cached.cache_clear()
    calls: list[str] = []
    real = encoder._encode_one
    monkeypatch.setattr(encoder, "_encode_one", lambda text: calls.append(text) or real(text))
    first = encoder.encode_query("soins aux personnes âgées")
    second = encoder.encode_query("soins aux personnes âgées")
    assert calls == ["soins aux personnes âgées"]
    np.testing.assert_array_equal(first, second)
    with pytest.raises(ValueError):
        first[0] = 0.0  # a caller scribbling on the shared vector would corrupt every later search
    encoder._encode_query_cached.cache_clear()
