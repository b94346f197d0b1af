"""Issue 12.3: a consent the candidate withdraws takes effect at once on the employer's side, through the real pages
and API (no hook is replaced): the released card disappears from the list and the page, the match is
withdrawn with a system decision on record, and the employer can no longer act on it."""

from __future__ import annotations

import pytest

from candidates.models import Consent
from matching.models import Match, MatchDecision
from review import services as review_services
from tests.factories.employers import VacancyFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def released(caseworker, employer_member):  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(organisation=employer_member.organisation, title="Pflegefachkraft, Intensivstation")
    match = ProposedMatchFactory(vacancy=vacancy, candidate__headline="Infirmière en soins intensifs")
    review_services.match_release(match=match, actor=caseworker)
    match.refresh_from_db()
    return match


def _listed(client, match) -> list[int]:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/vacancies/{match.vacancy_id}/candidates/")
    assert response.status_code == 200
    return [row["match_id"] for row in response.json()["results"]]


@pytest.mark.parametrize("purpose", ["share_with_employers", "keep_profile"])
def test_withdrawing_sharing_or_keep_profile_takes_the_card_off_the_employer_at_once(
    purpose, released, employer_member, client_for
):
    employer = client_for(employer_member.user)
    assert _listed(employer, released) == [released.pk]
    page = employer.get(f"/employers/vacancies/{released.vacancy_id}/candidates/")
    assert page.status_code == 200 and "Infirmière en soins intensifs" in page.content.decode()

    response = client_for(released.candidate.user).post(f"/candidates/consents/{purpose}/withdraw/")
    assert response.status_code == 302

    assert _listed(employer, released) == []
    listing = employer.get(f"/employers/vacancies/{released.vacancy_id}/candidates/").content.decode()
    assert "Infirmière en soins intensifs" not in listing
    released.refresh_from_db()
    assert released.status == Match.Status.WITHDRAWN
    decision = MatchDecision.objects.filter(match=released).latest("created_at")
    assert (decision.action, decision.from_status, decision.actor_role) == ("withdraw", "released", "system")
    act = employer.post(
        f"/api/v1/vacancies/{released.vacancy_id}/candidates/{released.pk}/decisions/",
        {"decision": "shortlist", "reason_code": "good_fit"},
        content_type="application/json",
    )
    assert act.status_code == 404


def test_withdrawing_matching_only_keeps_what_the_employer_already_holds(released, employer_member, client_for):
    """Matching consent covers the automated comparison: proposed matches go, a released card stays shared."""
    other = ProposedMatchFactory(candidate=released.candidate)
    client_for(released.candidate.user).post("/candidates/consents/matching/withdraw/")
    other.refresh_from_db()
    released.refresh_from_db()
    assert other.status == Match.Status.WITHDRAWN
    assert released.status == Match.Status.RELEASED
    assert _listed(client_for(employer_member.user), released) == [released.pk]


def test_a_hired_candidate_who_stops_sharing_is_no_longer_shown(released, employer_member, client_for):
    """A decided match is not withdrawn (the hire stays on record, quota included), but without consent no card."""
    Match.objects.filter(pk=released.pk).update(status=Match.Status.HIRED)
    Consent.objects.filter(profile=released.candidate, purpose="share_with_employers").update(
        withdrawn_at=released.released_at
    )
    assert _listed(client_for(employer_member.user), released) == []
    released.refresh_from_db()
    assert released.status == Match.Status.HIRED
