"""The caseworker queue: one model for every kind of item, with status, assignee, priority and history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewItem(models.Model):
    class Kind(models.TextChoices):
        PROFILE = "profile", _("Candidate profile")
        DOCUMENT = "document", _("Document to verify")
        CREDENTIAL = "credential", _("Credential claim")
        DUPLICATE = "duplicate", _("Possible duplicate")
        ORGANISATION = "organisation", _("Organisation to vet")
        FEE_REPORT = "fee_report", _("Recruitment fee report")
        MATCHES = "matches", _("Proposed matches for a vacancy")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("Claimed")
        DONE = "done", _("Decided")
        ESCALATED = "escalated", _("Escalated")

    kind = models.CharField(max_length=15, choices=Kind.choices)
    subject = models.CharField(
        max_length=200, blank=True, default="", editable=False, help_text="The targets it was opened for, as ids"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    priority = models.PositiveSmallIntegerField(default=2, help_text="1 high, 2 normal, 3 low")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_items"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    # What the item is about (one of these is set, by kind).
    candidate = models.ForeignKey(
        "candidates.CandidateProfile", null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    other_candidate = models.ForeignKey(
        "candidates.CandidateProfile", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    document = models.ForeignKey(
        "candidates.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    credential = models.ForeignKey(
        "programmes.Credential", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "employers.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    fee_report = models.ForeignKey(
        "employers.FeeReport", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy", null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    # Denormalised for filters.
    country = models.CharField(max_length=2, blank=True)
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sector = models.CharField(max_length=1, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["priority", "created_at"]
        indexes = [models.Index(fields=["status", "kind"])]
        constraints = [
            # One active item per kind and subject, even when two events open it at the same moment.
            models.UniqueConstraint(
                fields=["kind", "subject"],
                condition=models.Q(status__in=["open", "claimed", "escalated"]) & ~models.Q(subject=""),
                name="uniq_active_review_item",
            )
        ]


class ReviewEvent(models.Model):
    """History of an item: created, claimed, released, decided (with reason code and note), escalated."""

    item = models.ForeignKey(ReviewItem, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20)
    reason_code = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    @property
    def action_label(self) -> str:
        """The history line in the reader's language; an action without a label is shown as stored."""
        from review.reasons import Decision

        labels = {
            "opened": _("opened"),
            "claimed": _("claimed"),
            "released": _("released"),
            "all_matches_decided": _("all matches decided"),
            **dict(Decision.choices),
        }
        return str(labels.get(self.action, self.action))
