"""Explicit input and output shapes of the review API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import StrictCharField, StrictChoiceField
from programmes.countries import country_choices
from review.models import ReviewItem
from review.reasons import Decision, MatchRejectReason, ReasonCode
from review.selectors import is_overdue


class ReviewItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ReviewItem.Kind.choices)
    status = serializers.ChoiceField(choices=ReviewItem.Status.choices)
    priority = serializers.IntegerField()
    assignee = serializers.SerializerMethodField()
    age_days = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    country = serializers.CharField()
    sector = serializers.CharField()
    programme = serializers.IntegerField(source="programme_id", allow_null=True)
    candidate = serializers.IntegerField(source="candidate_id", allow_null=True)
    other_candidate = serializers.IntegerField(source="other_candidate_id", allow_null=True)
    document = serializers.IntegerField(source="document_id", allow_null=True)
    credential = serializers.IntegerField(source="credential_id", allow_null=True)
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    fee_report = serializers.IntegerField(source="fee_report_id", allow_null=True)
    vacancy = serializers.IntegerField(source="vacancy_id", allow_null=True)
    created_at = serializers.DateTimeField()
    claimed_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.EmailField(allow_null=True))
    def get_assignee(self, item: ReviewItem) -> str | None:
        return item.assignee.email if item.assignee is not None else None

    def get_age_days(self, item: ReviewItem) -> int:
        return (timezone.now() - item.created_at).days

    def get_overdue(self, item: ReviewItem) -> bool:
        return is_overdue(item)


class ClaimNextInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewItem.Kind.choices, required=False)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)
    programme = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    sector = serializers.RegexField(r"^[A-Ua-u]$", required=False)


class DecideInput(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason_code = serializers.ChoiceField(choices=ReasonCode.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MatchReleaseInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class MatchRejectInput(serializers.Serializer):
    reason_code = serializers.ChoiceField(choices=MatchRejectReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReviewMatchOutput(serializers.Serializer):
    id = serializers.IntegerField()
    candidate = serializers.IntegerField(source="candidate_id")
    candidate_label = serializers.CharField(source="candidate.pseudonymous_label")
    status = serializers.CharField()
    score = serializers.FloatField()
    rank = serializers.IntegerField(allow_null=True)
    review_rank = serializers.IntegerField(allow_null=True)
    added_manually = serializers.BooleanField()
    components = serializers.JSONField()
    matched_essential_skills = serializers.ListField(child=serializers.JSONField())
    missing_essential_skills = serializers.ListField(child=serializers.JSONField())
    passed_rules = serializers.ListField(child=serializers.CharField())
    failed_rules = serializers.ListField(child=serializers.CharField())
    summary = serializers.SerializerMethodField()
    released_at = serializers.DateTimeField(allow_null=True)

    def get_summary(self, match: Any) -> str:
        from matching.explanations import plain_summary

        return plain_summary(match=match, audience="caseworker", labels=self.context.get("labels"))


class MatchDecisionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    released_at = serializers.DateTimeField(allow_null=True)


class PauseInput(serializers.Serializer):
    country = StrictChoiceField(
        choices=[code for code, _name in country_choices()],
        required=False,
        allow_blank=True,
        default="",
        help_text="ISO 3166-1 alpha-2; empty: everywhere",
    )
    reason = StrictCharField(max_length=2000)


class PauseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    country = serializers.CharField()
    reason = serializers.CharField()
    paused_at = serializers.DateTimeField()
    lifted_at = serializers.DateTimeField(allow_null=True)
