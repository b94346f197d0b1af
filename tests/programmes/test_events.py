"""The directory tells the layers above what changed, through the outbox, ids only: SCHEME_CHANGED when a scheme's
rules, quota or partners change, CREDENTIAL_CHANGED when a programme decides a credential."""

from __future__ import annotations

import pytest

from core import events
from core.models import OutboxEvent
from programmes.models import SchemeQuota
from programmes.services.credentials import credential_reject, credential_verify, credentials_bulk_issue
from programmes.services.partners import programme_partner_add, programme_partner_remove
from programmes.services.quotas import scheme_quota_consume, scheme_quota_set
from programmes.services.schemes import scheme_save
from tests.factories.programmes import CredentialFactory, LegalSchemeFactory, graduate_of

pytestmark = pytest.mark.django_db


def sent(name: str) -> list[dict]:
    return [event.payload for event in OutboxEvent.objects.filter(name=name).order_by("pk")]


def test_changing_a_schemes_rules_tells_matching_but_renaming_it_does_not(programme, programme_admin):
    scheme = LegalSchemeFactory(programme=programme, reservation_months=0)
    scheme_save(programme=programme, actor=programme_admin, scheme=scheme, data={"name": "Renamed", "summary": "New"})
    assert sent(events.SCHEME_CHANGED) == []
    scheme_save(programme=programme, actor=programme_admin, scheme=scheme, data={"reservation_months": 24})
    assert sent(events.SCHEME_CHANGED) == [{"scheme_id": scheme.pk}]


def test_a_new_scheme_sends_nothing_it_has_no_vacancies_yet(programme, programme_admin):
    scheme_save(
        programme=programme, actor=programme_admin, data={"slug": "new", "name": "New", "destination_country": "DE"}
    )
    assert sent(events.SCHEME_CHANGED) == []


def test_setting_a_quota_tells_matching_once(programme, programme_admin):
    scheme = LegalSchemeFactory(programme=programme)
    scheme_quota_set(scheme=scheme, actor=programme_admin, year=2027, quota=5)
    scheme_quota_set(scheme=scheme, actor=programme_admin, year=2027, quota=5)
    assert sent(events.SCHEME_CHANGED) == [{"scheme_id": scheme.pk}]


def test_only_the_hire_that_fills_the_quota_tells_matching(programme):
    scheme = LegalSchemeFactory(programme=programme)
    SchemeQuota.objects.create(scheme=scheme, year=2027, nationality="", quota=2)
    scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    assert sent(events.SCHEME_CHANGED) == []
    scheme_quota_consume(scheme=scheme, nationality="MA", year=2027)
    assert sent(events.SCHEME_CHANGED) == [{"scheme_id": scheme.pk}]


def test_a_partner_added_or_removed_changes_every_scheme_of_the_programme(programme, programme_admin):
    first, second = LegalSchemeFactory(programme=programme), LegalSchemeFactory(programme=programme)
    partner = programme_partner_add(
        programme=programme,
        actor=programme_admin,
        name="Lycée de Praia",
        kind="training_institute",
        role="training_provider",
    )
    programme_partner_add(
        programme=programme,
        actor=programme_admin,
        name="Lycée de Praia",
        kind="training_institute",
        role="training_provider",
    )
    assert sent(events.SCHEME_CHANGED) == [{"scheme_id": first.pk}, {"scheme_id": second.pk}]
    programme_partner_remove(programme=programme, actor=programme_admin, partner_id=partner.pk)
    assert len(sent(events.SCHEME_CHANGED)) == 4


def test_credential_decisions_send_the_credential_and_holder_ids(programme, programme_admin, candidate):
    verified = CredentialFactory(programme=programme, candidate=candidate)
    rejected = CredentialFactory(programme=programme, candidate=candidate)
    credential_verify(credential=verified, actor=programme_admin)
    credential_reject(credential=rejected, actor=programme_admin, reason="Not in our cohort lists")
    assert sent(events.CREDENTIAL_CHANGED) == [
        {"credential_id": verified.pk, "profile_id": candidate.pk},
        {"credential_id": rejected.pk, "profile_id": candidate.pk},
    ]


def test_a_csv_reupload_that_changes_nothing_sends_nothing(programme, programme_admin):
    holder = graduate_of(programme, user__email="amina.k@example.org")
    text = "issue_reference,candidate,title,completed_on\nR-1,amina.k@example.org,Hotel operations,2025-06-30\n"
    credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=text)
    credentials_bulk_issue(programme=programme, actor=programme_admin, csv_text=text)
    issued = holder.credentials.get()  # the graduate's claim, now issued
    assert sent(events.CREDENTIAL_CHANGED) == [{"credential_id": issued.pk, "profile_id": holder.pk}]
