"""Possible duplicate registrations, flagged for a caseworker."""

from __future__ import annotations

from django.db import transaction

from candidates.identity import name_key, normalise_identifier
from candidates.models import CandidateProfile, Document
from review.models import ReviewItem
from review.services import review_item_open


def _normalise_number(number: str) -> str:
    return normalise_identifier(number)


@transaction.atomic
def duplicates_flag(*, profile: CandidateProfile) -> list[CandidateProfile]:
    """Open a DUPLICATE review item for every other profile with the same name, birth date and nationality, or the
    same identity document number. The caseworker decides; nothing is merged or refused automatically."""
    others: set[int] = set()
    if profile.given_name and profile.family_name and profile.birth_date and profile.nationality:
        # Names are compared by their key (candidates.identity): the same birth date and nationality narrow the
        # candidates to a handful, whose names are then compared here.
        wanted = (name_key(profile.given_name), name_key(profile.family_name))
        same_birth = (
            CandidateProfile.objects.filter(birth_date=profile.birth_date, nationality=profile.nationality)
            .exclude(pk=profile.pk)
            .values_list("pk", "given_name", "family_name")
        )
        others.update(pk for pk, given, family in same_birth if (name_key(given), name_key(family)) == wanted)
    numbers = {
        _normalise_number(n)
        for n in profile.documents.exclude(document_number="").values_list("document_number", flat=True)
    }
    numbers.discard("")
    if numbers:
        others.update(
            Document.objects.filter(document_number__in=numbers)
            .exclude(profile=profile)
            .values_list("profile_id", flat=True)
        )
    found = list(CandidateProfile.objects.filter(pk__in=others))
    for other in found:
        already = (
            ReviewItem.objects.filter(kind=ReviewItem.Kind.DUPLICATE, candidate=other, other_candidate=profile)
            .exclude(status=ReviewItem.Status.DONE)
            .exists()
        )
        if not already:
            review_item_open(
                kind=ReviewItem.Kind.DUPLICATE, candidate=profile, other_candidate=other, country=profile.nationality
            )
    return found
