"""What a decision on each kind of queue item does: one entry per kind, instead of an if-chain in the decide service.

An entry says which decisions the kind accepts (escalating is always possible: it hands the item to staff), which
decisions need a note because someone will read it, and what approving, rejecting or requesting changes does —
through the owning app's services, so their own checks and logs apply. `review_item_decide` looks the kind up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.translation import gettext_noop

from candidates.models import CandidateProfile, Document
from employers.models import Organisation
from employers.services import organisation_reject, organisation_suspend, organisation_vet
from programmes.services import credential_reject, credential_verify
from review.models import ReviewItem
from review.reasons import Decision, ReasonCode


@dataclass(frozen=True)
class DecisionRequest:
    item: ReviewItem
    actor: Any
    decision: str
    reason_code: str
    note: str

    @property
    def reason_text(self) -> str:
        """What the person affected reads: the caseworker's note, or the reason's label when they wrote none."""
        return self.note or str(ReasonCode(self.reason_code).label)


class ItemKind:
    """Default: every decision is accepted and only closes the item."""

    decisions: ClassVar[frozenset[str]] = frozenset(Decision.values)
    # decision → the message when its note is missing. Messages are marked for translation, translated when raised.
    notes_required: ClassVar[dict[str, str]] = {}
    refused_message: ClassVar[str] = gettext_noop("This decision does not apply to this kind of item.")

    def apply(self, request: DecisionRequest) -> None:
        """Carry the decision out (the item itself is closed or escalated by the caller)."""


KINDS: dict[str, ItemKind] = {}


def register(kind: str) -> Any:
    def wrap(cls: type[ItemKind]) -> type[ItemKind]:
        KINDS[kind] = cls()
        return cls

    return wrap


def kind_of(item: ReviewItem) -> ItemKind:
    return KINDS.get(item.kind) or ItemKind()


def decisions_for(kind: str) -> list[str]:
    """The decisions a caseworker is offered for `kind`, in the order of Decision."""
    accepted = (KINDS.get(kind) or ItemKind()).decisions | {Decision.ESCALATE}
    return [value for value in Decision.values if value in accepted]


@register(ReviewItem.Kind.PROFILE)
class ProfileItem(ItemKind):
    notes_required: ClassVar[dict[str, str]] = {
        Decision.REQUEST_CHANGES: gettext_noop("Tell the candidate what to change in the note.")
    }

    def apply(self, request: DecisionRequest) -> None:
        profile = request.item.candidate
        if profile is None:
            return
        if request.decision == Decision.APPROVE:
            CandidateProfile.objects.filter(pk=profile.pk).update(
                status=CandidateProfile.Status.VERIFIED, review_note=""
            )
        elif request.decision in (Decision.REJECT, Decision.REQUEST_CHANGES):
            CandidateProfile.objects.filter(pk=profile.pk).update(
                status=CandidateProfile.Status.CHANGES_REQUESTED, review_note=request.note
            )


@register(ReviewItem.Kind.DOCUMENT)
class DocumentItem(ItemKind):
    """A decision on one document concerns that document: the rest of the profile keeps its status, and the
    candidate is told what to replace and why."""

    notes_required: ClassVar[dict[str, str]] = {
        Decision.REQUEST_CHANGES: gettext_noop("Tell the candidate what is wrong with the document in the note."),
        Decision.REJECT: gettext_noop("Tell the candidate why the document is not accepted in the note."),
    }
    outcome: ClassVar[dict[str, str]] = {
        Decision.APPROVE: Document.Review.VERIFIED,
        Decision.REQUEST_CHANGES: Document.Review.CHANGES_REQUESTED,
        Decision.REJECT: Document.Review.REJECTED,
    }

    def apply(self, request: DecisionRequest) -> None:
        # Imported here: candidates' services still open review items themselves (the cycle of issue 10).
        from candidates.services.documents import document_review_record

        document = request.item.document
        if document is not None and request.decision in self.outcome:
            document_review_record(document=document, status=self.outcome[request.decision], note=request.note)


@register(ReviewItem.Kind.CREDENTIAL)
class CredentialItem(ItemKind):
    # The programme's services verify or reject; there is nothing the candidate could change on a claim.
    decisions: ClassVar[frozenset[str]] = frozenset({Decision.APPROVE, Decision.REJECT, Decision.ESCALATE})
    refused_message: ClassVar[str] = gettext_noop("A credential claim is verified or rejected.")

    def apply(self, request: DecisionRequest) -> None:
        credential = request.item.credential
        if credential is None:
            return
        if request.decision == Decision.APPROVE:
            credential_verify(credential=credential, actor=request.actor)
        elif request.decision == Decision.REJECT:
            credential_reject(credential=credential, actor=request.actor, reason=request.reason_text)


@register(ReviewItem.Kind.ORGANISATION)
class OrganisationItem(ItemKind):
    decisions: ClassVar[frozenset[str]] = frozenset({Decision.APPROVE, Decision.REJECT, Decision.ESCALATE})
    refused_message: ClassVar[str] = gettext_noop("An organisation is vetted or rejected.")

    def apply(self, request: DecisionRequest) -> None:
        organisation = request.item.organisation
        if organisation is None:
            return
        if request.decision == Decision.APPROVE:
            organisation_vet(organisation=organisation, actor=request.actor)
        elif request.decision == Decision.REJECT:
            # A vetted organisation that fails a later check is suspended; a new registration is turned down.
            close = organisation_suspend if organisation.status == Organisation.Status.VETTED else organisation_reject
            close(organisation=organisation, actor=request.actor, reason=request.reason_text)


@register(ReviewItem.Kind.FEE_REPORT)
class FeeReportItem(ItemKind):
    decisions: ClassVar[frozenset[str]] = frozenset({Decision.APPROVE, Decision.REJECT, Decision.ESCALATE})
    refused_message: ClassVar[str] = gettext_noop("A fee report is upheld (approve) or found unfounded (reject).")

    def apply(self, request: DecisionRequest) -> None:
        # Charging candidates a recruitment fee breaks the ILO fair-recruitment pledge: an upheld report suspends.
        if request.decision == Decision.APPROVE and request.item.fee_report is not None:
            organisation_suspend(
                organisation=request.item.fee_report.organisation, actor=request.actor, reason=request.reason_text
            )


@register(ReviewItem.Kind.DUPLICATE)
class DuplicateItem(ItemKind):
    # Approve: two different people; reject: the same person twice. The record of the answer is the decision.
    decisions: ClassVar[frozenset[str]] = frozenset({Decision.APPROVE, Decision.REJECT, Decision.ESCALATE})
    refused_message: ClassVar[str] = gettext_noop("A possible duplicate is confirmed (reject) or cleared (approve).")


@register(ReviewItem.Kind.MATCHES)
class MatchesItem(ItemKind):
    # Each proposed match is decided on the vacancy's page; the item closes when none is left.
    decisions: ClassVar[frozenset[str]] = frozenset({Decision.ESCALATE})
    refused_message: ClassVar[str] = gettext_noop(
        "Decide on proposed matches one by one or in bulk on the vacancy's page."
    )
