"""Links in e-mails are absolute (SITE_URL): a mail client cannot open `/candidates/dashboard/`."""

from __future__ import annotations

import re

import pytest

from candidates.services.dormancy import _send_reconfirm_reminder
from matching.models import Match
from review.tasks import notify_candidate_put_forward
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db

SITE = "https://talentpool.example"


def _links(body: str) -> list[str]:
    return re.findall(r"(?:https?://\S+|(?<!\S)/\S+)", body)


def test_the_put_forward_mail_links_to_the_dashboard_in_full(settings, mailoutbox):  # type: ignore[no-untyped-def]
    settings.SITE_URL = SITE
    match = ProposedMatchFactory(status=Match.Status.RELEASED)
    assert notify_candidate_put_forward(match.pk) is True
    assert _links(mailoutbox[0].body) == [f"{SITE}/candidates/dashboard/"]


def test_the_reconfirm_reminder_says_where_to_confirm(settings, mailoutbox, candidate):  # type: ignore[no-untyped-def]
    settings.SITE_URL = SITE
    _send_reconfirm_reminder(candidate.pk)
    assert _links(mailoutbox[0].body) == [f"{SITE}/candidates/dashboard/"]
