"""Explicit input and output shapes of the candidate's own API (/api/v1/me/profile/...)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from candidates.consents import CONSENT_TEXTS
from candidates.models import CandidateProfile, Consent, Document
from candidates.validation import CANDIDATE_LEVELS
from core.api.fields import StrictBooleanField, StrictCharField, StrictIntegerField

MAX_ID = 2**31 - 1


class OccupationTextInput(serializers.Serializer):
    text = StrictCharField(max_length=300, allow_blank=True, required=False, default="")
    uri = StrictCharField(max_length=200, allow_blank=True, required=False, default="")


class ProfileInput(serializers.Serializer):
    given_name = StrictCharField(max_length=150, required=False)
    family_name = StrictCharField(max_length=150, required=False)
    birth_date = serializers.DateField(required=False)
    nationality = StrictCharField(max_length=2, required=False)
    residence_country = StrictCharField(max_length=2, required=False)
    gender = serializers.ChoiceField(
        choices=[("", ""), *list(CandidateProfile.Gender.choices)], required=False, allow_blank=True
    )
    phone = StrictCharField(max_length=40, required=False, allow_blank=True)
    # many=True makes a ListSerializer, which takes max_length; drf-stubs type only the single serializer's arguments.
    desired_occupations = OccupationTextInput(many=True, required=False, max_length=5)  # type: ignore[call-arg]
    current_title = StrictCharField(max_length=300, required=False, allow_blank=True)
    current_occupation_uri = StrictCharField(max_length=200, required=False, allow_blank=True)
    destinations = serializers.ListField(child=StrictCharField(max_length=2), required=False, max_length=60)
    sectors = serializers.ListField(child=StrictCharField(max_length=1), required=False, max_length=21)
    available_from = serializers.DateField(required=False, allow_null=True)
    min_stay_months = StrictIntegerField(min_value=1, max_value=240, required=False, allow_null=True)
    max_stay_months = StrictIntegerField(min_value=1, max_value=240, required=False, allow_null=True)
    circular_migration_interest = StrictBooleanField(required=False)
    return_plans = StrictCharField(max_length=2000, required=False, allow_blank=True)


class ProfileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    review_note = serializers.CharField()
    completeness = serializers.SerializerMethodField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    birth_date = serializers.DateField(allow_null=True)
    nationality = serializers.CharField()
    residence_country = serializers.CharField()
    gender = serializers.CharField()
    phone = serializers.CharField()
    desired_occupations_text = serializers.ListField(child=serializers.CharField())
    desired_occupation_uris = serializers.SerializerMethodField()
    current_title = serializers.CharField()
    current_occupation_uri = serializers.SerializerMethodField()
    destinations = serializers.ListField(child=serializers.CharField())
    sectors = serializers.ListField(child=serializers.CharField())
    available_from = serializers.DateField(allow_null=True)
    min_stay_months = serializers.IntegerField(allow_null=True)
    max_stay_months = serializers.IntegerField(allow_null=True)
    circular_migration_interest = serializers.BooleanField()
    return_plans = serializers.CharField()
    text_language = serializers.CharField()
    last_confirmed_at = serializers.DateTimeField(allow_null=True)

    def get_completeness(self, profile: CandidateProfile) -> int:
        from candidates.selectors import profile_completeness

        return profile_completeness(profile)

    def get_desired_occupation_uris(self, profile: CandidateProfile) -> list[str]:
        return [o.uri for o in profile.desired_occupations.all()]

    def get_current_occupation_uri(self, profile: CandidateProfile) -> str | None:
        return profile.current_occupation.uri if profile.current_occupation else None


class SkillInput(serializers.Serializer):
    # A declared field named like a Field attribute (label, source): DRF moves it into _declared_fields; the stubs
    # see the class attribute.
    label = StrictCharField(max_length=300, required=False, allow_blank=True, default="")  # type: ignore[assignment]
    skill_uri = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    years = StrictIntegerField(min_value=0, max_value=70, required=False, allow_null=True, default=None)


class SkillOutput(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.label (see SkillInput)
    skill_uri = serializers.SerializerMethodField()
    skill_label = serializers.SerializerMethodField()
    years = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.source (see SkillInput)
    label_language = serializers.CharField()

    def get_skill_uri(self, obj: Any) -> str | None:
        return obj.skill.uri if obj.skill else None

    def get_skill_label(self, obj: Any) -> str | None:
        return obj.skill.preferred_label if obj.skill else None


class LanguageInput(serializers.Serializer):
    code = StrictCharField(max_length=2, help_text="ISO 639-1")
    level = serializers.ChoiceField(choices=[(c, c) for c in CANDIDATE_LEVELS], help_text="A1 to C2, or native")
    certificate = StrictCharField(max_length=120, required=False, allow_blank=True, default="")
    certificate_document_id = StrictIntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )


class LanguageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    level = serializers.CharField()
    certificate = serializers.CharField()
    certificate_document_id = serializers.IntegerField(allow_null=True)


class EducationInput(serializers.Serializer):
    isced_level = StrictIntegerField(min_value=0, max_value=8, required=False, allow_null=True, default=None)
    field = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    institution = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    country = StrictCharField(max_length=2, required=False, allow_blank=True, default="")
    start_year = StrictIntegerField(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)
    end_year = StrictIntegerField(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)


class EducationOutput(EducationInput):
    id = serializers.IntegerField()
    text_language = serializers.CharField()


class ExperienceInput(serializers.Serializer):
    title = StrictCharField(max_length=300, required=False, allow_blank=True, default="")
    occupation_uri = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    employer_name = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    country = StrictCharField(max_length=2, required=False, allow_blank=True, default="")
    start = serializers.DateField(required=False, allow_null=True, default=None)
    end = serializers.DateField(required=False, allow_null=True, default=None)
    description = StrictCharField(max_length=4000, required=False, allow_blank=True, default="")


class ExperienceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    occupation_uri = serializers.SerializerMethodField()
    employer_name = serializers.CharField()
    country = serializers.CharField()
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    text_language = serializers.CharField()

    def get_occupation_uri(self, obj: Any) -> str | None:
        return obj.occupation.uri if obj.occupation else None


class CredentialInput(serializers.Serializer):
    programme = StrictIntegerField(min_value=1, max_value=MAX_ID)
    cohort = StrictIntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None)
    title = StrictCharField(max_length=300)
    completed_on = serializers.DateField(required=False, allow_null=True, default=None)
    evidence_document_id = StrictIntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )


class CredentialOutput(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    programme_name = serializers.CharField(source="programme.name")
    cohort = serializers.IntegerField(source="cohort_id", allow_null=True)
    title = serializers.CharField()
    completed_on = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    is_verified = serializers.BooleanField()
    evidence_document_id = serializers.IntegerField(source="evidence_id", allow_null=True)


class ConsentInput(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=Consent.Purpose.choices)


class ConsentOutput(serializers.Serializer):
    purpose = serializers.CharField()
    text = serializers.CharField()
    current_version = serializers.CharField()
    active = serializers.BooleanField()
    text_version = serializers.CharField(allow_null=True)
    granted_at = serializers.DateTimeField(allow_null=True)


def consent_rows(profile: CandidateProfile) -> list[dict[str, Any]]:
    active = {c.purpose: c for c in profile.consents.filter(withdrawn_at__isnull=True)}
    return [
        {
            "purpose": purpose,
            "text": str(text),
            "current_version": version,
            "active": purpose in active,
            "text_version": active[purpose].text_version if purpose in active else None,
            "granted_at": active[purpose].granted_at if purpose in active else None,
        }
        for purpose, (version, text) in CONSENT_TEXTS.items()
    ]


class DocumentUploadInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    file = serializers.FileField(allow_empty_file=True)
    document_number = StrictCharField(max_length=80, required=False, allow_blank=True, default="")


class DocumentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, obj: Document) -> str:
        return reverse("candidate-api-document-download", args=[obj.pk])


class SubmitOutput(serializers.Serializer):
    status = serializers.CharField()


class EraseInput(serializers.Serializer):
    confirm = StrictBooleanField()
    password = StrictCharField(max_length=256, trim_whitespace=False)


class NotInterestedInput(serializers.Serializer):
    note = StrictCharField(max_length=1000, required=False, allow_blank=True, default="")
