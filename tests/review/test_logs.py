"""The access and decision logs are append-only through the application, and purged only after retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.audit import log_access, log_decision
from core.models import AccessLog, DecisionLog
from core.tasks import purge_old_logs

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):  # type: ignore[no-untyped-def]
    from tests.factories.core import UserFactory

    return UserFactory(email="root@talentpool.example", role="staff", is_staff=True, is_superuser=True)


@pytest.fixture
def access_row(caseworker, candidate):  # type: ignore[no-untyped-def]
    log_access(actor=caseworker, candidate_id=candidate.pk, part="profile", purpose="review_queue", path="/x")
    return AccessLog.objects.get()


def test_access_log_row_cannot_be_changed_or_deleted_on_the_instance(access_row):
    access_row.purpose = "curiosity"
    with pytest.raises(PermissionError):
        access_row.save()
    with pytest.raises(PermissionError):
        access_row.delete()
    assert AccessLog.objects.get().purpose == "review_queue"


def test_access_log_rows_cannot_be_changed_or_deleted_in_bulk(access_row):
    with pytest.raises(Exception):
        AccessLog.objects.filter(pk=access_row.pk).update(purpose="curiosity")
    with pytest.raises(Exception):
        AccessLog.objects.filter(pk=access_row.pk).delete()
    assert AccessLog.objects.get().purpose == "review_queue"


def test_decision_log_rows_cannot_be_changed_or_deleted(caseworker):
    row = log_decision(actor=caseworker, subject_type="match", subject_id=1, action="release")
    row.action = "reject"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(Exception):
        DecisionLog.objects.all().update(action="reject")
    with pytest.raises(Exception):
        DecisionLog.objects.all().delete()
    assert DecisionLog.objects.get().action == "release"


def test_admin_cannot_change_or_delete_access_log_rows(client_for, superuser, access_row):
    client = client_for(superuser)
    change_url = reverse("admin:core_accesslog_change", args=[access_row.pk])
    delete_url = reverse("admin:core_accesslog_delete", args=[access_row.pk])
    client.post(change_url, {"purpose": "curiosity", "part": "x", "subject_candidate_id": 1, "actor_role": "staff"})
    response = client.post(delete_url, {"post": "yes"})
    assert response.status_code in (403, 302)
    changelist = reverse("admin:core_accesslog_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [access_row.pk], "post": "yes"})
    assert AccessLog.objects.get().purpose == "review_queue"


def test_staff_access_log_viewer_is_read_only_and_staff_only(client_for, staff_user, caseworker, access_row, candidate):
    response = client_for(staff_user).get(reverse("review:access_log"), {"candidate": candidate.pk})
    body = response.content.decode()
    assert response.status_code == 200 and caseworker.email in body and "review_queue" in body
    assert '<form method="post"' not in body.split("<main", 1)[1]
    assert client_for(caseworker).get(reverse("review:access_log")).status_code == 404
    assert client_for(staff_user).get(reverse("review:access_log"), {"candidate": "x"}).status_code == 200


def _aged(model, days: int, **fields):  # type: ignore[no-untyped-def]
    return model.objects.create(created_at=timezone.now() - dt.timedelta(days=days), **fields)


def _row(days: int):  # type: ignore[no-untyped-def]
    return _aged(AccessLog, days, actor_role="caseworker", subject_candidate_id=7, part="profile", purpose="p")


def test_retention_purges_only_rows_older_than_the_configured_period(settings):
    settings.LOG_RETENTION_DAYS = 200
    old, recent = _row(250), _row(190)
    old_decision = _aged(DecisionLog, 250, actor_role="staff", subject_type="match", subject_id=1, action="release")
    purge_old_logs()
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not DecisionLog.objects.filter(pk=old_decision.pk).exists()
    assert old.pk not in AccessLog.objects.values_list("pk", flat=True)


def test_retention_never_purges_rows_younger_than_six_months(settings):
    settings.LOG_RETENTION_DAYS = 10
    kept, gone = _row(100), _row(190)
    purge_old_logs()
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]
    assert gone.pk != kept.pk
