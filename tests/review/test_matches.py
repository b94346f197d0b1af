"""Proposed matches of a vacancy: release, reject, reorder, add by hand, set the ranking aside, bulk decisions."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from candidates.models import Consent
from core.exceptions import Conflict, ValidationFailed
from core.models import AccessLog, DecisionLog
from employers.selectors import released_matches
from employers.services import match_employer_decide
from matching.models import Match, MatchDecision
from review import selectors, services
from review.models import ReviewItem
from tests.factories.employers import VacancyFactory
from tests.factories.review import ConsentingCandidateFactory, ProposedMatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(employer_member):  # type: ignore[no-untyped-def]
    return VacancyFactory(organisation=employer_member.organisation, title="Nurse, cardiology ward")


@pytest.fixture
def proposed(vacancy):  # type: ignore[no-untyped-def]
    matches = [ProposedMatchFactory(vacancy=vacancy, rank=i + 1, score=0.9 - i / 10) for i in range(3)]
    services.review_item_open(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy, country="DE", sector="Q")
    return matches


def test_release_makes_the_match_visible_and_emails_the_candidate(
    caseworker, employer_member, vacancy, proposed, django_capture_on_commit_callbacks
):
    match = proposed[0]
    with django_capture_on_commit_callbacks(execute=True):
        services.match_release(match=match, actor=caseworker, note="Strong ward experience")
    match.refresh_from_db()
    assert match.status == Match.Status.RELEASED and match.released_by == caseworker and match.released_at
    decision = MatchDecision.objects.get(match=match)
    assert (decision.action, decision.from_status, decision.to_status) == ("release", "proposed", "released")
    assert DecisionLog.objects.filter(subject_type="match", subject_id=match.pk, action="release").exists()
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == [match]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [match.candidate.user.email]
    assert "Nurse, cardiology ward" in mail.outbox[0].subject


def test_no_email_when_the_transaction_rolls_back(caseworker, proposed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.match_release(match=proposed[0], actor=caseworker)
    assert len(callbacks) == 1 and mail.outbox == []


def test_reject_needs_a_reason_and_hides_the_candidate(caseworker, employer_member, vacancy, proposed):
    with pytest.raises(ValidationFailed):
        services.match_reject(match=proposed[0], actor=caseworker, reason_code="")
    with pytest.raises(ValidationFailed):
        services.match_reject(match=proposed[0], actor=caseworker, reason_code="other", note="")
    services.match_reject(match=proposed[0], actor=caseworker, reason_code="language_level", note="Needs B2")
    proposed[0].refresh_from_db()
    assert proposed[0].status == Match.Status.REJECTED
    assert MatchDecision.objects.get(match=proposed[0]).reason_code == "language_level"
    assert list(released_matches(viewer=employer_member.user, vacancy=vacancy)) == []


def test_only_proposed_matches_can_be_decided(caseworker, proposed):
    services.match_reject(match=proposed[0], actor=caseworker, reason_code="experience")
    with pytest.raises(Conflict):
        services.match_release(match=proposed[0], actor=caseworker)


def test_candidate_without_sharing_consent_cannot_be_released(caseworker, vacancy):
    match = ProposedMatchFactory(vacancy=vacancy)
    Consent.objects.filter(profile=match.candidate, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS).update(
        withdrawn_at="2026-01-01T00:00Z"
    )
    with pytest.raises(Conflict):
        services.match_release(match=match, actor=caseworker)
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED


def test_ineligible_match_cannot_be_released(caseworker, vacancy):
    match = ProposedMatchFactory(vacancy=vacancy, eligible=False, failed_rules=["who_safeguard_list"])
    with pytest.raises(Conflict):
        services.match_release(match=match, actor=caseworker)


def test_vacancy_claimed_by_another_caseworker_cannot_be_worked(caseworker, vacancy, proposed):
    from tests.factories.core import UserFactory

    other = UserFactory(role="caseworker")
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy)
    services.review_item_claim(item=item, actor=other)
    with pytest.raises(Conflict):
        services.match_release(match=proposed[0], actor=caseworker)


def test_queue_item_closes_when_every_match_is_decided(caseworker, vacancy, proposed):
    item = ReviewItem.objects.get(kind=ReviewItem.Kind.MATCHES, vacancy=vacancy)
    services.review_item_claim(item=item, actor=caseworker)
    services.match_release(match=proposed[0], actor=caseworker)
    services.matches_bulk_decide(
        vacancy=vacancy,
        actor=caseworker,
        match_ids=[proposed[1].pk, proposed[2].pk],
        decision="reject",
        reason_code="skills_mismatch",
    )
    item.refresh_from_db()
    assert item.status == ReviewItem.Status.DONE
    assert Match.objects.filter(vacancy=vacancy, status=Match.Status.REJECTED).count() == 2


def test_bulk_is_all_or_nothing(caseworker, vacancy, proposed):
    foreign = ProposedMatchFactory()
    with pytest.raises(ValidationFailed):
        services.matches_bulk_decide(
            vacancy=vacancy, actor=caseworker, match_ids=[proposed[0].pk, foreign.pk], decision="release"
        )
    assert not Match.objects.filter(status=Match.Status.RELEASED).exists()


def test_move_up_and_down_changes_the_review_order(client_for, caseworker, vacancy, proposed):
    client = client_for(caseworker)
    client.post(reverse("review:match_move", args=[vacancy.pk, proposed[2].pk]), {"direction": "up"})
    order = [m.pk for m in selectors.review_order(Match.objects.filter(vacancy=vacancy))]
    assert order == [proposed[0].pk, proposed[2].pk, proposed[1].pk]
    client.post(reverse("review:match_move", args=[vacancy.pk, proposed[0].pk]), {"direction": "down"})
    order = [m.pk for m in selectors.review_order(Match.objects.filter(vacancy=vacancy))]
    assert order == [proposed[2].pk, proposed[0].pk, proposed[1].pk]
    page = client.get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    positions = [page.index(f'id="match-{pk}"') for pk in order]
    assert positions == sorted(positions)


def test_setting_the_ranking_aside_orders_by_pseudonym_and_hides_scores(client_for, caseworker, vacancy, proposed):
    response = client_for(caseworker).post(reverse("review:matches_set_aside", args=[vacancy.pk]), follow=True)
    body = response.content.decode()
    by_pseudonym = sorted(proposed, key=lambda m: str(m.candidate.pseudonym))
    positions = [body.index(f'id="match-{m.pk}"') for m in by_pseudonym]
    assert positions == sorted(positions)
    assert "score 0.90" not in body
    assert DecisionLog.objects.filter(
        subject_type="vacancy", subject_id=vacancy.pk, action="ranking_set_aside"
    ).exists()


def test_add_a_candidate_by_hand(client_for, caseworker, vacancy, proposed):
    extra = ConsentingCandidateFactory(headline="Cardiac nurse, 6 years")
    client = client_for(caseworker)
    search = client.get(reverse("review:vacancy_matches", args=[vacancy.pk]), {"q": "Cardiac"}).content.decode()
    assert extra.pseudonymous_label in search
    client.post(reverse("review:matches_add", args=[vacancy.pk]), {"candidate_id": extra.pk, "note": "Met at job fair"})
    match = Match.objects.get(vacancy=vacancy, candidate=extra)
    assert match.added_manually and match.status == Match.Status.PROPOSED and match.review_rank == 4
    assert MatchDecision.objects.get(match=match).action == "add_manually"


def test_candidate_without_matching_consent_cannot_be_added(caseworker, vacancy):
    extra = ConsentingCandidateFactory(consents=False)
    with pytest.raises(Conflict):
        services.match_add_manually(vacancy=vacancy, candidate=extra, actor=caseworker, note="Try")


def test_page_shows_explanations_reminder_and_logs_access(client_for, caseworker, vacancy, proposed):
    body = client_for(caseworker).get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    assert "The ranking is only a suggestion." in body
    assert "Holds 2 of 3 essential skills." in body
    assert "German medical terminology" in body
    assert AccessLog.objects.filter(actor=caseworker, part="match_explanation").count() == 3


def test_employer_decisions_flow_back_to_the_caseworker_page(
    client_for, caseworker, employer_member, vacancy, proposed
):
    services.match_release(match=proposed[0], actor=caseworker)
    match_employer_decide(
        match=proposed[0],
        actor=employer_member.user,
        decision="shortlist",
        reason_code=_first_reason("shortlist"),
        note="Good fit",
    )
    body = client_for(caseworker).get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    assert "Shortlisted" in body and "Good fit" in body


def _first_reason(decision: str) -> str:
    from employers.services import REASON_CODES

    return REASON_CODES[decision][0][0]


def test_release_and_reject_through_the_page(client_for, caseworker, vacancy, proposed):
    client = client_for(caseworker)
    client.post(reverse("review:match_release", args=[vacancy.pk, proposed[0].pk]), {"note": ""})
    client.post(reverse("review:match_reject", args=[vacancy.pk, proposed[1].pk]), {"reason_code": "availability"})
    bad = client.post(
        reverse("review:match_reject", args=[vacancy.pk, proposed[2].pk]), {"reason_code": "nonsense"}, follow=True
    )
    assert bad.status_code == 200
    statuses = dict(Match.objects.filter(vacancy=vacancy).values_list("pk", "status"))
    assert statuses == {proposed[0].pk: "released", proposed[1].pk: "rejected", proposed[2].pk: "proposed"}


def test_employer_and_candidate_cannot_open_the_review_page(client_for, employer_member, candidate, vacancy, proposed):
    for user in (employer_member.user, candidate.user):
        assert client_for(user).get(reverse("review:vacancy_matches", args=[vacancy.pk])).status_code == 404


def test_decided_matches_read_in_words_not_codes(client_for, caseworker, employer_member, vacancy, proposed):
    """Issue 11: the decided-matches table showed raw action and reason codes ("shortlist (<code>skills</code>)")."""
    services.match_release(match=proposed[0], actor=caseworker)
    match_employer_decide(match=proposed[0], actor=employer_member.user, decision="shortlist", reason_code="skills")
    services.match_reject(match=proposed[1], actor=caseworker, reason_code="language_level")
    client = client_for(caseworker)
    body = client.get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    decided = body[body.index('id="decided-h"') :]
    assert "Approved and released" in decided and "Shortlist (Skills match)" in decided
    assert "Rejected (Language level too low)" in decided
    assert "<code>" not in decided and "language_level" not in decided
    client.cookies["django_language"] = "fr"
    french = client.get(reverse("review:vacancy_matches", args=[vacancy.pk])).content.decode()
    decided = french[french.index('id="decided-h"') :]
    assert "Présélectionner (Compétences correspondantes)" in decided, decided[:1500]
