"""Issue 11, programme administrator: the edit forms read as a person would fill them in, pick ESCO concepts by
label, start without meaningless defaults, and lose nothing when saved unchanged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from programmes import bundled_directory
from programmes.models import Cohort, LegalScheme, Programme
from taxonomy.models import Occupation, Skill
from tests.factories.programmes import CohortFactory, LegalSchemeFactory
from tests.programmes.page_forms import read_form

pytestmark = pytest.mark.django_db

NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"


def _link_bundled_occupations() -> None:
    bundled_directory.link_occupations(Programme=Programme, LegalScheme=LegalScheme, Occupation=Occupation)


def _machine_label(field_name: str) -> str:
    """The label Django makes up from a field's name when nobody wrote one ("Has multi stakeholder")."""
    return field_name.replace("_", " ").capitalize()


# Field names whose made-up label happens to be plain language; any other made-up label fails the test.
PLAIN_NAMES = {
    "name",
    "status",
    "summary",
    "sources",
    "sectors",
    "targets",
    "origin_countries",
    "destination_countries",
    "destination_country",
    "eligible_nationalities",
    "start_date",
    "end_date",
    "training_provider",
}


def _assert_every_label_is_written_for_people(labels: dict[str, str]) -> None:
    assert labels, "the page has no labelled fields"
    made_up = {
        for_id: text
        for for_id, text in labels.items()
        if for_id.startswith("id_") and for_id[3:] not in PLAIN_NAMES and text == _machine_label(for_id[3:])
    }
    assert not made_up, made_up


def test_programme_form_shows_occupations_as_labels_in_the_interface_language(client_for, staff_user):
    _link_bundled_occupations()
    client = client_for(staff_user)
    url = reverse("programmes:edit", kwargs={"slug": "triple-win"})
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    chosen = body.split('class="esco-chosen"')[1].split("</div>")[0]
    assert "de soins généraux" in chosen and "nurse responsible" not in chosen  # one of ESCO's French labels
    assert "<textarea" not in body.split(NURSE)[0][-300:]  # the URI is no longer typed into a text box
    assert f'value="{NURSE}" checked' in body and f'href="{NURSE}"' in body
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "nurse responsible for general care" in english


def test_programme_form_labels_are_written_for_people(client_for, staff_user):
    body = client_for(staff_user).get(reverse("programmes:edit", kwargs={"slug": "thamm"})).content.decode()
    _data, labels = read_form(body)
    _assert_every_label_is_written_for_people(labels)
    assert labels["id_has_multi_stakeholder"] == "Several kinds of partners take part"
    assert "Component 2" in body  # the jargon is explained


def test_programme_saved_unchanged_keeps_its_occupations_and_facts(client_for, staff_user):
    _link_bundled_occupations()
    programme = Programme.objects.get(slug="triple-win")
    programme.capacity, programme.sectors, programme.origin_countries = 300, ["Q"], ["PH", "TN"]
    programme.save()
    before = Programme.objects.filter(pk=programme.pk).values().get()
    client = client_for(staff_user)
    url = reverse("programmes:edit", kwargs={"slug": programme.slug})
    data, _labels = read_form(client.get(url).content.decode())
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    after = Programme.objects.filter(pk=programme.pk).values().get()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert list(programme.occupations.values_list("uri", flat=True)) == [NURSE]


def test_administrator_adds_an_occupation_by_its_words_and_removes_one_by_unticking(client_for, staff_user):
    _link_bundled_occupations()
    client = client_for(staff_user)
    url = reverse("programmes:edit", kwargs={"slug": "triple-win"})
    data, _labels = read_form(client.get(url).content.decode())
    data["occupations_add"] = "hospitality establishment receptionist"  # typed, no suggestion picked (no JS)
    assert client.post(url, data).status_code == 302
    programme = Programme.objects.get(slug="triple-win")
    labels = set(programme.occupations.values_list("preferred_label", flat=True))
    assert labels == {"nurse responsible for general care", "hospitality establishment receptionist"}

    data, _labels = read_form(client.get(url).content.decode())
    data.setlist("occupations", [uri for uri in data.getlist("occupations") if uri != NURSE])  # untick the nurse
    assert client.post(url, data).status_code == 302
    assert list(programme.occupations.values_list("preferred_label", flat=True)) == [
        "hospitality establishment receptionist"
    ]

    data, _labels = read_form(client.get(url).content.decode())
    data["occupations_add"] = "zzqx wobble"
    response = client.post(url, data)
    assert response.status_code == 200 and "ESCO has nothing close to" in response.content.decode()
    assert 'value="zzqx wobble"' in response.content.decode()  # what was typed is kept for a correction


def test_new_scheme_starts_without_a_destination_and_requires_one(client_for, programme, programme_admin):
    client = client_for(programme_admin)
    url = reverse("programmes:scheme_create", kwargs={"slug": programme.slug})
    body = client.get(url).content.decode()
    data, labels = read_form(body)
    _assert_every_label_is_written_for_people(labels)
    assert data["destination_country"] == ""  # not Afghanistan, the first country of the list
    assert "Choose a country" in body
    data.update({"slug": "thamm-t-nl", "name": "THAMM-T Netherlands"})
    response = client.post(url, data)
    assert response.status_code == 200 and not LegalScheme.objects.filter(slug="thamm-t-nl").exists()
    assert response.context["form"].errors["destination_country"] == ["This field is required."]
    data["destination_country"] = "NL"
    assert client.post(url, data).status_code == 302
    assert LegalScheme.objects.get(slug="thamm-t-nl").destination_country == "NL"


def test_scheme_saved_unchanged_keeps_its_rules_and_occupations(client_for, programme, programme_admin):
    nurse = Occupation.objects.get(uri=NURSE)
    scheme = LegalSchemeFactory(
        programme=programme,
        destination_country="DE",
        eligible_nationalities=["MA", "TN"],
        min_age=18,
        max_age=35,
        min_language_code="de",
        min_language_level="B1",
        sectors=["Q"],
        isco_prefixes=["2221"],
        reservation_months=12,
        reserved_destinations=["DE"],
        annual_quota=90,
        is_government_to_government=True,
    )
    scheme.occupations.add(nurse)
    before = LegalScheme.objects.filter(pk=scheme.pk).values().get()
    client = client_for(programme_admin)
    url = reverse("programmes:scheme_edit", kwargs={"slug": programme.slug, "pk": scheme.pk})
    body = client.get(url).content.decode()
    assert "nurse responsible for general care" in body
    data, labels = read_form(body)
    assert labels["id_min_language_code"] == "Language required"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LegalScheme.objects.filter(pk=scheme.pk).values().get() == before
    assert list(scheme.occupations.all()) == [nurse]


def test_cohort_curriculum_is_picked_by_skill_label_and_kept_on_an_unchanged_save(
    client_for, programme, programme_admin
):
    skill = Skill.objects.order_by("pk").first()
    cohort = CohortFactory(programme=programme, name="Agadir 2027", size=40)
    cohort.curriculum.add(skill)
    client = client_for(programme_admin)
    url = reverse("programmes:cohort_edit", kwargs={"slug": programme.slug, "pk": cohort.pk})
    body = client.get(url).content.decode()
    assert skill.preferred_label in body and f'value="{skill.uri}" checked' in body
    data, labels = read_form(body)
    _assert_every_label_is_written_for_people(labels)
    assert client.post(url, data).status_code == 302
    cohort = Cohort.objects.get(pk=cohort.pk)
    assert list(cohort.curriculum.all()) == [skill] and cohort.size == 40 and cohort.name == "Agadir 2027"


def test_the_public_programme_page_names_its_occupations_in_the_interface_language(client):
    _link_bundled_occupations()
    url = reverse("programmes:detail", kwargs={"slug": "triple-win"})
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    taught = french.split("Métiers enseignés</dt><dd>")[1].split("</dd>")[0]
    assert "de soins généraux" in taught and "nurse responsible" not in taught
    assert "nurse responsible for general care" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
