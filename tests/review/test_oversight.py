"""The oversight switch: staff pause automated ranking globally or per country; runs stop, queues keep working."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from core.models import DecisionLog
from matching.models import MatchRun, OversightPause
from review import services
from review.selectors import ranking_paused_for
from tests.factories.employers import VacancyFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db


def test_staff_pause_a_country_with_a_reason_and_it_is_logged(client_for, staff_user):
    response = client_for(staff_user).post(reverse("review:oversight"), {"country": "de", "reason": "Audit of ranking"})
    assert response.status_code == 302
    pause = OversightPause.objects.get()
    assert (pause.country, pause.reason, pause.paused_by, pause.lifted_at) == (
        "DE",
        "Audit of ranking",
        staff_user,
        None,
    )
    assert DecisionLog.objects.filter(subject_type="oversight_pause", subject_id=pause.pk, action="pause").exists()
    assert ranking_paused_for(country="DE") and not ranking_paused_for(country="FR")


def test_global_pause_covers_every_country_and_resume_lifts_it(client_for, staff_user):
    pause = services.oversight_pause(actor=staff_user, country="", reason="Bias found")
    assert ranking_paused_for(country="IT")
    client_for(staff_user).post(reverse("review:oversight_resume", args=[pause.pk]), {"note": "Fixed"})
    pause.refresh_from_db()
    assert pause.lifted_at is not None and pause.lifted_by == staff_user
    assert not ranking_paused_for(country="IT")
    assert DecisionLog.objects.filter(subject_id=pause.pk, action="resume", note="Fixed").exists()


def test_pause_needs_a_reason_and_a_valid_country(client_for, staff_user):
    with pytest.raises(ValidationFailed):
        services.oversight_pause(actor=staff_user, country="DE", reason=" ")
    with pytest.raises(ValidationFailed):
        services.oversight_pause(actor=staff_user, country="1x", reason="x")
    response = client_for(staff_user).post(reverse("review:oversight"), {"country": "DE", "reason": ""})
    assert response.status_code == 200 and not OversightPause.objects.exists()


def test_pausing_twice_the_same_scope_is_refused(staff_user):
    services.oversight_pause(actor=staff_user, country="DE", reason="a")
    with pytest.raises(Conflict):
        services.oversight_pause(actor=staff_user, country="DE", reason="b")


def test_only_staff_use_the_switch(client_for, caseworker):
    assert client_for(caseworker).get(reverse("review:oversight")).status_code == 404
    with pytest.raises(PermissionDeniedError):
        services.oversight_pause(actor=caseworker, country="", reason="x")


def test_no_run_is_created_while_paused_but_the_queue_keeps_working(staff_user, caseworker):
    from matching.pipeline import run_for_vacancy

    vacancy = VacancyFactory(country="DE")
    services.oversight_pause(actor=staff_user, country="DE", reason="Stop")
    run, ranked = run_for_vacancy(vacancy_id=vacancy.pk)
    assert run is None and ranked == [] and not MatchRun.objects.exists()
    match = ProposedMatchFactory(vacancy=vacancy)
    services.match_release(match=match, actor=caseworker)
    match.refresh_from_db()
    assert match.status == "released"


def test_the_pause_takes_a_country_from_a_picker_and_a_name_is_never_read_as_a_code(client_for, staff_user):
    client = client_for(staff_user)
    page = client.get(reverse("review:oversight")).content.decode()
    assert '<select name="country"' in page and '<option value="AT">Austria</option>' in page
    refused = client.post(reverse("review:oversight"), {"country": "Austria", "reason": "Audit"})
    assert refused.status_code == 200 and not OversightPause.objects.exists()
    assert client.post(reverse("review:oversight"), {"country": "ZZ", "reason": "Audit"}).status_code == 200
    assert not OversightPause.objects.exists()
    client.post(reverse("review:oversight"), {"country": "AT", "reason": "Audit"})
    assert list(OversightPause.objects.values_list("country", flat=True)) == ["AT"]
    assert "Austria (AT)" in client.get(reverse("review:oversight")).content.decode()


def test_the_picker_names_countries_in_the_interface_language(client_for, staff_user):
    client = client_for(staff_user)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("review:oversight"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="AT">Autriche</option>' in page


def test_the_pause_api_refuses_unknown_codes_and_pauses_a_real_one(staff_user, caseworker):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(staff_user)
    url = "/api/v1/review/oversight/pauses/"
    for bad in ("ZZ", "Austria", "A1"):
        response = client.post(url, {"country": bad, "reason": "Audit"}, format="json")
        assert response.status_code == 400 and "country" in response.json()["error"]["fields"]
    assert client.post(url, {"country": "AT", "reason": "Audit"}, format="json").status_code == 201
    assert [p["country"] for p in client.get(url).json()] == ["AT"]
    with pytest.raises(ValidationFailed):
        services.oversight_pause(actor=staff_user, country="ZZ", reason="x")
    client.force_authenticate(caseworker)
    assert client.post(url, {"country": "DE", "reason": "x"}, format="json").status_code == 404  # staff only
