"""Factories for the review queue and for the proposed matches a caseworker reviews."""

from __future__ import annotations

import hashlib
import uuid

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from candidates.models import CandidateProfile, Consent, Document
from matching.models import Match
from review.models import ReviewItem
from tests.factories.candidates import CandidateProfileFactory
from tests.factories.employers import VacancyFactory


def consenting_candidate(**kwargs: object) -> CandidateProfile:
    """A verified candidate who agreed to be matched and to be shown to employers a caseworker approved."""
    profile = CandidateProfileFactory(**kwargs)
    for purpose in (Consent.Purpose.KEEP_PROFILE, Consent.Purpose.MATCHING, Consent.Purpose.SHARE_WITH_EMPLOYERS):
        Consent.objects.create(profile=profile, purpose=purpose, text_version="2026-01", granted_at=timezone.now())
    return profile


class ConsentingCandidateFactory(CandidateProfileFactory):
    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def consents(self, create: bool, extracted: object, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
        if not create or extracted is False:
            return
        for purpose in (Consent.Purpose.KEEP_PROFILE, Consent.Purpose.MATCHING, Consent.Purpose.SHARE_WITH_EMPLOYERS):
            Consent.objects.create(profile=self, purpose=purpose, text_version="2026-01", granted_at=timezone.now())


class ProposedMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    vacancy = factory.SubFactory(VacancyFactory)
    candidate = factory.SubFactory(ConsentingCandidateFactory)
    status = Match.Status.PROPOSED
    score = factory.Sequence(lambda n: round(0.9 - (n % 50) / 100, 2))
    rank = factory.Sequence(lambda n: n + 1)
    eligible = True
    components = factory.LazyFunction(lambda: {"semantic": 0.71, "skills": 0.6, "occupation": 1.0, "language": 0.5})
    matched_essential_skills = factory.LazyFunction(lambda: ["administer medication", "monitor patients"])
    missing_essential_skills = factory.LazyFunction(lambda: ["German medical terminology"])
    passed_rules = factory.LazyFunction(lambda: ["consent", "destination", "language"])
    failed_rules = factory.LazyFunction(list)


class ReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewItem

    kind = ReviewItem.Kind.PROFILE
    candidate = factory.SubFactory(CandidateProfileFactory, status=CandidateProfile.Status.SUBMITTED)
    country = "MA"
    priority = 2


def age_item(item: ReviewItem, days: int) -> ReviewItem:
    """Make an item look `days` old (created_at is auto_now_add)."""
    ReviewItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timezone.timedelta(days=days))
    item.refresh_from_db()
    return item


def stored_document(
    profile: CandidateProfile,
    *,
    kind: str = "identity",
    content: bytes = b"%PDF-1.4\n%%EOF\n",
    content_type: str = "application/pdf",
    name: str = "passport.pdf",
) -> Document:
    """A candidate's document stored in private media, as `document_upload` leaves it (without its checks)."""
    extension = name.rsplit(".", 1)[-1]
    document = Document(
        profile=profile,
        kind=kind,
        original_name=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    document.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=True)
    return document
