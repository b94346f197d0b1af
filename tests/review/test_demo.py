from __future__ import annotations

import io

import pytest

from candidates.models import CandidateProfile
from core.models import User
from review import demo
from review.models import ReviewItem
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_queues_waiting_work():
    CandidateProfileFactory(status=CandidateProfile.Status.SUBMITTED)
    ProposedMatchFactory()
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    assert User.objects.get(email="caseworker@demo.talentpool.eu").check_password("demo-pass-2026")
    assert User.objects.get(email="staff@demo.talentpool.eu").role == "staff"
    assert sorted(ReviewItem.objects.values_list("kind", flat=True)) == ["matches", "profile"]
