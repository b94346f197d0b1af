"""No code path shows a candidate to an employer without a caseworker's approval record."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from employers.selectors import released_matches
from matching.models import Match, MatchDecision
from matching.services import matches_withdraw_for_candidate
from review import services
from tests.factories.employers import VacancyFactory
from tests.factories.review import ProposedMatchFactory

pytestmark = pytest.mark.django_db

ALL_STATUSES = [status for status, _label in Match.Status.choices]


@pytest.fixture
def vacancy(employer_member):  # type: ignore[no-untyped-def]
    return VacancyFactory(organisation=employer_member.organisation)


@pytest.mark.parametrize(("status", "approved"), list(itertools.product(ALL_STATUSES, [False, True])))
def test_employer_sees_a_match_only_with_an_approval_record(
    client_for, employer_member, caseworker, vacancy, status, approved
):
    match = ProposedMatchFactory(vacancy=vacancy, status=status)
    if approved:
        MatchDecision.objects.create(
            match=match,
            actor=caseworker,
            actor_role="caseworker",
            action="release",
            from_status="proposed",
            to_status="released",
        )
    visible = match in released_matches(viewer=employer_member.user, vacancy=vacancy)
    page = client_for(employer_member.user).get(reverse("employers:vacancy_candidates", args=[vacancy.pk]))
    shown_on_page = f'id="match-{match.pk}"' in page.content.decode()
    assert shown_on_page == visible
    if visible:
        assert approved, f"status {status} without an approval record reached the employer"
    # Statuses after the caseworker's approval, with the record, are what the employer works with.
    expected = approved and status in ("released", "shortlisted", "interview", "hired", "declined")
    assert visible == expected


def test_every_transition_through_the_services_keeps_the_rule(client_for, caseworker, employer_member, vacancy):
    """Walk the matches through the real services and check visibility after each step."""
    from employers.services import REASON_CODES, match_employer_decide

    kept, rejected, withdrawn = (ProposedMatchFactory(vacancy=vacancy) for _ in range(3))
    user = employer_member.user

    def visible() -> set[int]:
        return set(released_matches(viewer=user, vacancy=vacancy).values_list("pk", flat=True))

    assert visible() == set()  # proposed: nobody approved yet
    services.match_reject(match=rejected, actor=caseworker, reason_code="experience")
    matches_withdraw_for_candidate(profile_id=withdrawn.candidate_id)
    assert visible() == set()
    services.match_release(match=kept, actor=caseworker)
    assert visible() == {kept.pk}
    for decision in ("shortlist", "interview", "hire"):
        match_employer_decide(match=kept, actor=user, decision=decision, reason_code=REASON_CODES[decision][0][0])
        assert visible() == {kept.pk}
    # A withdrawn candidate cannot be released afterwards either.
    with pytest.raises(Exception):
        services.match_release(match=withdrawn, actor=caseworker)
    assert visible() == {kept.pk}


def test_other_organisation_never_sees_released_matches(caseworker, other_employer_member, vacancy):
    match = ProposedMatchFactory(vacancy=vacancy)
    services.match_release(match=match, actor=caseworker)
    assert list(released_matches(viewer=other_employer_member.user, vacancy=vacancy)) == []
