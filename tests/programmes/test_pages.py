from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AccessLog
from programmes.models import Cohort, Credential, LegalScheme, Programme, ProgrammePartner
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.programmes import (
    CohortFactory,
    CredentialFactory,
    LegalSchemeFactory,
    ProgrammeFactory,
    StakeholderFactory,
    graduate_of,
)

pytestmark = pytest.mark.django_db


def test_directory_lists_bundled_programmes_for_anonymous_visitors(client):
    response = client.get(reverse("programmes:directory"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Triple Win" in body and "PALIM" in body and "Employment Permit System" in body


def test_directory_filters_by_origin_destination_and_component(client):
    body = client.get(reverse("programmes:directory"), {"origin": "MA", "destination": "BE"}).content.decode()
    assert "PALIM" in body and "THAMM" in body
    assert "Triple Win" not in body and "DIGI TALENTS" not in body
    body = client.get(reverse("programmes:directory"), {"mobility": "no"}).content.decode()
    assert "Australia Pacific Technical College" in body and "PALIM" not in body


def test_directory_search_and_occupation_filter(client):
    body = client.get(reverse("programmes:directory"), {"q": "Cape Verde"}).content.decode()
    assert "Luxembourg" in body and "Triple Win" not in body
    body = client.get(reverse("programmes:directory"), {"sector": "F"}).content.decode()
    assert "Kosovo construction partnership" in body and "PALIM" not in body


def test_directory_rejects_unknown_filter_values_with_a_message_not_an_error(client):
    response = client.get(reverse("programmes:directory"), {"origin": "ZZ", "kind": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_detail_groups_partners_by_role_and_explains_schemes(client):
    programme = Programme.objects.get(slug="lu-cape-verde")
    ProgrammePartner.objects.create(
        programme=programme, stakeholder=StakeholderFactory(name="Lycée de Praia"), role="training_provider"
    )
    CohortFactory(programme=programme, name="Intake 2027", status=Cohort.Status.OPEN)
    body = client.get(reverse("programmes:detail", kwargs={"slug": "lu-cape-verde"})).content.decode()
    assert "Training provider" in body and "Lycée de Praia" in body and "Implementer" in body
    assert "Age 18 to 35." in body and "Stay of 3 to 18 months." in body and "Annual quota: 10 people." in body
    assert "Intake 2027" in body
    assert "How an employer joins" in body
    assert 'id="funnel-chart"' in body and "chart.umd.min.js" in body


def test_unknown_programme_is_404(client):
    assert client.get(reverse("programmes:detail", kwargs={"slug": "no-such-programme"})).status_code == 404


def test_for_employers_lists_programmes_and_pathways_for_an_occupation(client):
    nurse = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    from django.core.management import call_command

    call_command("link_programme_occupations")
    body = client.get(reverse("programmes:for_employers"), {"occupation": nurse, "destination": "DE"}).content.decode()
    assert "Triple Win" in body
    assert "Work is allowed while the recognition of the qualification is pending." in body
    assert "Atypical Working Scheme" not in body  # Ireland, not Germany


def test_for_employers_says_so_when_the_occupation_is_unknown(client):
    body = client.get(
        reverse("programmes:for_employers"), {"occupation": "http://data.europa.eu/esco/occupation/none"}
    ).content.decode()
    assert "could not find this occupation" in body


# --- programme administration ----------------------------------------------------------------------------------------


def admin_urls(slug: str, scheme_pk: int, cohort_pk: int) -> list[str]:
    return [
        reverse("programmes:edit", kwargs={"slug": slug}),
        reverse("programmes:scheme_create", kwargs={"slug": slug}),
        reverse("programmes:scheme_edit", kwargs={"slug": slug, "pk": scheme_pk}),
        reverse("programmes:cohort_create", kwargs={"slug": slug}),
        reverse("programmes:cohort_edit", kwargs={"slug": slug, "pk": cohort_pk}),
        reverse("programmes:credentials_upload", kwargs={"slug": slug}),
    ]


def test_administrator_cannot_touch_another_programme(client_for, programme, programme_admin, other_programme):
    scheme = LegalSchemeFactory(programme=other_programme)
    cohort = CohortFactory(programme=other_programme)
    client = client_for(programme_admin)
    for url in admin_urls(other_programme.slug, scheme.pk, cohort.pk):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Hijacked"}).status_code == 404, url
    other_programme.refresh_from_db()
    assert other_programme.name == "Test PALIM"
    # nor reach another programme's scheme through their own programme's URL
    own_cohort = CohortFactory(programme=programme)
    assert (
        client.get(reverse("programmes:scheme_edit", kwargs={"slug": programme.slug, "pk": scheme.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("programmes:cohort_edit", kwargs={"slug": programme.slug, "pk": cohort.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("programmes:cohort_edit", kwargs={"slug": programme.slug, "pk": own_cohort.pk})).status_code
        == 200
    )


@pytest.mark.parametrize("role_fixture", ["candidate", "employer_member", "caseworker"])
def test_other_roles_do_not_see_programme_administration(request, client_for, programme, role_fixture):
    obj = request.getfixturevalue(role_fixture)
    user = getattr(obj, "user", obj)
    client = client_for(user)
    assert client.get(reverse("programmes:admin_home")).status_code == 404
    assert client.get(reverse("programmes:edit", kwargs={"slug": programme.slug})).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, programme):
    response = client.get(reverse("programmes:edit", kwargs={"slug": programme.slug}))
    assert response.status_code == 302 and "login" in response["Location"]


def test_administrator_edits_own_programme(client_for, programme, programme_admin):
    client = client_for(programme_admin)
    assert programme.name in client.get(reverse("programmes:admin_home")).content.decode()
    data = {
        "name": "THAMM renamed",
        "acronym": "THAMM-T",
        "kind": "smp",
        "status": "running",
        "origin_countries": "MA, tn",
        "destination_countries": "DE",
        "sectors": ["I"],
        "has_training": "on",
        "training_note": "Hotel school in Agadir",
    }
    response = client.post(reverse("programmes:edit", kwargs={"slug": programme.slug}), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "THAMM renamed" and programme.origin_countries == ["MA", "TN"] and programme.has_training


def test_programme_form_reports_bad_country_codes(client_for, programme, programme_admin):
    data = {"name": "X", "kind": "smp", "status": "running", "origin_countries": "Morocco"}
    response = client_for(programme_admin).post(reverse("programmes:edit", kwargs={"slug": programme.slug}), data)
    assert response.status_code == 200 and "Unknown country code" in response.content.decode()


def test_administrator_adds_a_scheme_with_rules(client_for, programme, programme_admin):
    data = {
        "slug": "thamm-t-de",
        "name": "THAMM-T Germany",
        "destination_country": "DE",
        "eligible_nationalities": "MA",
        "min_age": "18",
        "max_age": "35",
        "max_stay_months": "24",
        "min_language_code": "de",
        "min_language_level": "B1",
        "isco_prefixes_text": "5131, 4224",
        "reservation_months": "12",
        "annual_quota": "50",
    }
    response = client_for(programme_admin).post(
        reverse("programmes:scheme_create", kwargs={"slug": programme.slug}), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scheme = LegalScheme.objects.get(slug="thamm-t-de")
    assert (
        scheme.programme == programme and scheme.isco_prefixes == ["5131", "4224"] and scheme.reservation_months == 12
    )


def test_claim_queue_shows_only_own_programme_claims_and_logs_the_access(
    client_for, programme, programme_admin, other_programme
):
    mine = CredentialFactory(programme=programme, title="Own claim")
    CredentialFactory(programme=other_programme, title="Foreign claim")
    body = client_for(programme_admin).get(reverse("programmes:claims")).content.decode()
    assert "Own claim" in body and "Foreign claim" not in body
    assert AccessLog.objects.filter(actor=programme_admin, subject_candidate_id=mine.candidate_id).exists()


def test_claim_decision_through_the_queue(client_for, programme, programme_admin, other_programme):
    mine = CredentialFactory(programme=programme)
    foreign = CredentialFactory(programme=other_programme)
    client = client_for(programme_admin)
    assert (
        client.post(reverse("programmes:claim_decide", kwargs={"pk": foreign.pk}), {"decision": "verify"}).status_code
        == 404
    )
    client.post(reverse("programmes:claim_decide", kwargs={"pk": mine.pk}), {"decision": "reject", "reason": ""})
    assert Credential.objects.get(pk=mine.pk).status == Credential.Status.CLAIMED  # no reason, no rejection
    client.post(reverse("programmes:claim_decide", kwargs={"pk": mine.pk}), {"decision": "verify"})
    assert Credential.objects.get(pk=mine.pk).status == Credential.Status.VERIFIED
    assert Credential.objects.get(pk=foreign.pk).status == Credential.Status.CLAIMED


def test_csv_upload_page_lists_errors_by_line_and_field(client_for, programme, programme_admin):
    CandidateProfileFactory(user__email="ok@example.org")
    text = "issue_reference,candidate,title,completed_on\nR-1,ok@example.org,Cook,2025-01-01\nR-2,ghost@example.org,Cook,2025-13-01\n"
    upload = SimpleUploadedFile("grads.csv", text.encode(), content_type="text/csv")
    response = client_for(programme_admin).post(
        reverse("programmes:credentials_upload", kwargs={"slug": programme.slug}), {"file": upload}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        "nothing was imported" in body
        and "<td>3</td><td>candidate</td>" in body
        and "<td>3</td><td>completed_on</td>" in body
    )
    assert not Credential.objects.exists()


def test_csv_upload_page_imports_a_good_file(client_for, programme, programme_admin):
    graduate_of(programme, user__email="ok@example.org")
    upload = SimpleUploadedFile(
        "grads.csv", b"issue_reference,candidate,title,completed_on\nR-1,ok@example.org,Cook,2025-01-01\n"
    )
    client = client_for(programme_admin)
    response = client.post(
        reverse("programmes:credentials_upload", kwargs={"slug": programme.slug}), {"file": upload}, follow=True
    )
    assert "1 credential issued, 0 updated, 0 unchanged." in response.content.decode()
    assert Credential.objects.get(issue_reference="R-1").status == Credential.Status.ISSUED


def test_non_utf8_upload_is_refused_with_a_message(client_for, programme, programme_admin):
    upload = SimpleUploadedFile("grads.csv", "issue_reference\nRé\n".encode("latin-1"))
    response = client_for(programme_admin).post(
        reverse("programmes:credentials_upload", kwargs={"slug": programme.slug}), {"file": upload}
    )
    assert response.status_code == 200 and "not UTF-8" in response.content.decode()


def test_directory_has_a_country_view_linking_to_the_filter(client):
    body = client.get(reverse("programmes:directory")).content.decode()
    assert '<a href="?destination=BE">Belgium</a> · 4 programmes' in body


def test_administrator_sets_a_cohort_curriculum_from_esco_skills(client_for, programme, programme_admin):
    from taxonomy.models import Skill

    skill = Skill.objects.order_by("pk").first()
    url = reverse("programmes:cohort_create", kwargs={"slug": programme.slug})
    client = client_for(programme_admin)
    bad = client.post(
        url, {"name": "2027", "status": "open", "curriculum_add_uri": "http://data.europa.eu/esco/skill/none"}
    )
    assert "Unknown ESCO skill" in bad.content.decode()
    assert client.post(url, {"name": "2027", "status": "open", "curriculum": skill.uri}).status_code == 302
    assert list(Cohort.objects.get(programme=programme, name="2027").curriculum.all()) == [skill]


def test_administrator_adds_and_removes_partners_of_own_programme_only(
    client_for, programme, programme_admin, other_programme
):
    client = client_for(programme_admin)
    url = reverse("programmes:partners", kwargs={"slug": programme.slug})
    response = client.post(
        url,
        {
            "name": "Agence Nationale de Promotion de l'Emploi (demo)",
            "kind": "pes",
            "country": "MA",
            "role": "implementer",
        },
    )
    assert response.status_code == 302
    partner = ProgrammePartner.objects.get(programme=programme)
    assert partner.stakeholder.kind == "pes" and partner.stakeholder.country == "MA"
    body = client.get(reverse("programmes:detail", kwargs={"slug": programme.slug})).content.decode()
    assert "Agence Nationale de Promotion" in body
    foreign = ProgrammePartner.objects.create(
        programme=other_programme, stakeholder=StakeholderFactory(), role="funder"
    )
    client.post(url, {"remove": foreign.pk})
    assert ProgrammePartner.objects.filter(pk=foreign.pk).exists()
    assert client.get(reverse("programmes:partners", kwargs={"slug": other_programme.slug})).status_code == 404
    client.post(url, {"remove": partner.pk})
    assert not ProgrammePartner.objects.filter(pk=partner.pk).exists()


def test_administrator_sets_a_yearly_quota_and_sees_its_use(client_for, programme, programme_admin):
    from programmes.models import SchemeQuota
    from programmes.services.quotas import scheme_quota_consume

    scheme = LegalSchemeFactory(programme=programme)
    url = reverse("programmes:scheme_quotas", kwargs={"slug": programme.slug, "pk": scheme.pk})
    client = client_for(programme_admin)
    assert client.post(url, {"year": 2027, "nationality": "MA", "quota": 3}).status_code == 302
    scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    response = client.post(url, {"year": 2027, "nationality": "MA", "quota": 1})
    assert "below the 2 places already used" in response.content.decode()
    assert SchemeQuota.objects.get(scheme=scheme).quota == 3
    assert "<td>3</td><td>2</td><td>1</td>" in client.get(url).content.decode()


def test_sources_are_edited_as_title_and_link_lines(client_for, programme, programme_admin):
    data = {
        "name": "X",
        "kind": "smp",
        "status": "running",
        "sources": "Evaluation 2024 | https://example.org/eval.pdf\nNational report",
    }
    client = client_for(programme_admin)
    assert client.post(reverse("programmes:edit", kwargs={"slug": programme.slug}), data).status_code == 302
    programme.refresh_from_db()
    assert programme.sources == [
        {"title": "Evaluation 2024", "url": "https://example.org/eval.pdf"},
        {"title": "National report", "url": ""},
    ]
    bad = client.post(
        reverse("programmes:edit", kwargs={"slug": programme.slug}), {**data, "sources": "x | javascript:alert(1)"}
    )
    assert "Not a web link" in bad.content.decode()


def test_who_safeguards_list_page_shows_the_edition_and_countries(client):
    body = client.get(reverse("programmes:safeguards")).content.decode()
    assert "Edition 2023: 55 countries." in body and "Nigeria" in body and "government-to-government" in body


def test_a_standing_quota_page_never_also_says_no_quota_is_set(client_for, programme, programme_admin):
    scheme = LegalSchemeFactory(programme=programme, annual_quota=90)
    url = reverse("programmes:scheme_quotas", kwargs={"slug": programme.slug, "pk": scheme.pk})
    body = client_for(programme_admin).get(url).content.decode()
    assert "Standing annual quota: 90" in body
    assert "No quota set" not in body
    assert "each year starts with all 90 standing places" in body


def test_a_programme_with_no_partners_does_not_point_to_partners_listed_above(client):
    lone = ProgrammeFactory(how_to_join="")
    ProgrammePartner.objects.filter(programme=lone).delete()
    body = client.get(reverse("programmes:detail", kwargs={"slug": lone.slug})).content.decode()
    assert "No partners recorded yet." in body
    assert "listed above" not in body
    assert "No contact is recorded for this programme" in body


def test_a_programmes_sectors_read_as_nace_titles_in_the_interface_language(client):
    shown = ProgrammeFactory(sectors=["Q", "I"])
    url = reverse("programmes:detail", kwargs={"slug": shown.slug})
    body = client.get(url).content.decode()
    assert "Q · Human health and social work, I · Accommodation and food service" in body
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Q · Human health and social work" not in french and "Q · " in french


def _in(client, language: str):  # type: ignore[no-untyped-def]
    client.cookies["django_language"] = language
    return client


def test_a_programme_page_says_no_recognition_body_is_recorded_and_where_to_look(client):
    """Issue 11: recognition bodies were missing from every programme with nothing said about it."""
    programme = ProgrammeFactory(slug="no-recognition")
    body = client.get(reverse("programmes:detail", kwargs={"slug": programme.slug})).content.decode()
    recognition = body[body.index('id="recognition"') :][:600]
    assert "No recognition body is recorded for this programme." in recognition
    assert "Regulated Professions Database" in recognition and "ec.europa.eu/growth/tools-databases/regprof" in body


def test_a_programme_page_names_its_recognition_body(client):
    programme = ProgrammeFactory(slug="with-recognition")
    ProgrammePartner.objects.create(
        programme=programme,
        stakeholder=StakeholderFactory(name="Anerkennungsstelle Pflege NRW", website="https://pflege.example"),
        role=ProgrammePartner.Role.RECOGNITION_BODY,
    )
    body = client.get(reverse("programmes:detail", kwargs={"slug": programme.slug})).content.decode()
    recognition = body[body.index('id="recognition"') :][:400]
    assert "Anerkennungsstelle Pflege NRW" in recognition and "No recognition body" not in recognition


def test_programme_texts_carry_their_language_and_say_they_are_untranslated_to_a_french_reader(client):
    """Issue 11: programme content stays English in French and Arabic. It is the programme's own text: the page
    marks it with its language and tells the reader it is not translated, rather than passing it off as French."""
    programme = ProgrammeFactory(slug="texts-en", summary="Nurses trained in Tunis for hospitals in Bavaria.")
    url = reverse("programmes:detail", kwargs={"slug": programme.slug})
    french = _in(client, "fr").get(url).content.decode()
    assert '<p dir="auto" lang="en">Nurses trained in Tunis' in french
    assert "Textes du programme dans leur langue d&#x27;origine (Anglais), non traduits." in french
    english = _in(client, "en").get(url).content.decode()
    assert 'id="content-language"' not in english


def test_an_administrator_records_the_language_of_the_programme_texts(client_for, programme, programme_admin):
    client = client_for(programme_admin)
    form = client.get(reverse("programmes:edit", kwargs={"slug": programme.slug})).content.decode()
    assert 'name="content_language"' in form
    data = {
        "name": programme.name,
        "kind": "smp",
        "status": "running",
        "content_language": "fr",
        "summary": "Des infirmières formées à Tunis pour des hôpitaux de Bavière.",
    }
    assert client.post(reverse("programmes:edit", kwargs={"slug": programme.slug}), data).status_code == 302
    programme.refresh_from_db()
    assert programme.content_language == "fr"
    french = _in(client, "fr").get(reverse("programmes:detail", kwargs={"slug": programme.slug})).content.decode()
    assert 'lang="fr">Des infirmières' in french and 'id="content-language"' not in french
    data.pop("content_language")  # a post without the field keeps what was recorded
    assert client.post(reverse("programmes:edit", kwargs={"slug": programme.slug}), data).status_code == 302
    programme.refresh_from_db()
    assert programme.content_language == "fr"


def test_the_safeguards_list_names_countries_in_the_interface_language(client):
    """Issue 11: safeguards.html used its own (English) country names."""
    from programmes.models import SafeguardCountry

    assert SafeguardCountry.objects.filter(country="CI", edition__is_active=True).exists()
    french = _in(client, "fr").get(reverse("programmes:safeguards")).content.decode()
    assert "Côte d&#x27;Ivoire" in french or "Côte d'Ivoire" in french
    assert "Éthiopie" in french and "Ethiopia" not in french
    arabic = _in(client, "ar").get(reverse("programmes:safeguards")).content.decode()
    assert "إثيوبيا" in arabic
