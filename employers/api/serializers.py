"""Explicit input and output shapes of the employers API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictDateField,
    StrictDecimalField,
    StrictIntegerField,
)
from employers.decisions import DECISIONS
from employers.forms import CURRENCIES, language_choices
from employers.models import Organisation, Vacancy
from programmes.countries import EUROPE_CODES
from programmes.models import CEFR_LEVELS
from taxonomy.nace import NACE_SECTIONS


class OrganisationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    legal_name = serializers.CharField()
    country = serializers.CharField()
    registration_number = serializers.CharField()
    sector = serializers.CharField()
    size = serializers.CharField()
    website = serializers.CharField()
    address = serializers.CharField()
    status = serializers.ChoiceField(choices=Organisation.Status.choices)
    status_reason = serializers.CharField()
    pledge_accepted_at = serializers.DateTimeField(allow_null=True)
    vetted_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class ConceptOutput(serializers.Serializer):
    uri = serializers.CharField()
    preferred_label = serializers.CharField()


class LanguageRequirement(serializers.Serializer):
    code = StrictChoiceField(choices=[c for c in language_choices() if c[0]])
    min_level = StrictChoiceField(choices=CEFR_LEVELS)


class VacancyInput(serializers.Serializer):
    """Create (all optional except title and country) or PATCH. Skills and occupation by ESCO URI.

    Omit `essential_skills` and `optional_skills` on create to pre-fill them from ESCO for the occupation."""

    title = StrictCharField(max_length=300)
    description = StrictCharField(max_length=20000, required=False, allow_blank=True)
    occupation = StrictCharField(
        max_length=200, required=False, allow_null=True, allow_blank=True, help_text="ESCO occupation URI"
    )
    essential_skills = serializers.ListField(
        child=StrictCharField(max_length=200), max_length=500, required=False, help_text="ESCO skill URIs"
    )
    optional_skills = serializers.ListField(child=StrictCharField(max_length=200), max_length=500, required=False)
    # max_length goes to the ListSerializer (DRF's LIST_SERIALIZER_KWARGS); the stubs' __init__ lacks it.
    languages = LanguageRequirement(many=True, required=False, max_length=20)  # type: ignore[call-arg]
    country = StrictChoiceField(choices=EUROPE_CODES)
    city = StrictCharField(max_length=120, required=False, allow_blank=True)
    sector = StrictChoiceField(choices=[c for c, _l in NACE_SECTIONS], required=False, allow_blank=True)
    positions = StrictIntegerField(min_value=1, max_value=10000, required=False)
    contract_type = StrictChoiceField(choices=Vacancy.ContractType.choices, required=False)
    duration_months = StrictIntegerField(min_value=1, max_value=120, required=False, allow_null=True)
    start_date = StrictDateField(required=False, allow_null=True)
    pay_min = StrictDecimalField(max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True)
    pay_max = StrictDecimalField(max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True)
    pay_currency = StrictChoiceField(choices=CURRENCIES, required=False)
    pay_period = StrictChoiceField(choices=Vacancy.PayPeriod.choices, required=False)
    accepts_recognition_pending = StrictBooleanField(required=False)
    requires_recognition = StrictBooleanField(required=False)
    programme = StrictIntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True)
    scheme = StrictIntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True)
    expires_on = StrictDateField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        from programmes.models import LegalScheme, Programme
        from taxonomy.models import Occupation, Skill

        errors: dict[str, list[str]] = {}
        if "occupation" in attrs:
            uri = attrs["occupation"] or ""
            attrs["occupation"] = Occupation.objects.filter(uri=uri).first() if uri else None
            if uri and attrs["occupation"] is None:
                errors["occupation"] = ["Unknown ESCO occupation URI."]
        for name in ("essential_skills", "optional_skills"):
            if name in attrs:
                uris = list(dict.fromkeys(attrs[name]))
                skills = list(Skill.objects.filter(uri__in=uris))
                unknown = sorted(set(uris) - {s.uri for s in skills})
                if unknown:
                    errors[name] = [f"Unknown ESCO skill URI: {', '.join(unknown[:5])}"]
                attrs[name] = skills
        for name, model in (("programme", Programme), ("scheme", LegalScheme)):
            if attrs.get(name) is not None:
                obj = model.objects.filter(pk=attrs[name]).first()
                if obj is None:
                    errors[name] = ["Not found."]
                attrs[name] = obj
        pay_min, pay_max = attrs.get("pay_min"), attrs.get("pay_max")
        if pay_min is not None and pay_max is not None and pay_min > pay_max:
            errors["pay_max"] = ["The maximum pay must be at least the minimum pay."]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class VacancyOutput(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField(source="organisation_id")
    status = serializers.ChoiceField(choices=Vacancy.Status.choices)
    title = serializers.CharField()
    description = serializers.CharField()
    occupation = ConceptOutput(allow_null=True)
    essential_skills = serializers.SerializerMethodField()
    optional_skills = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    country = serializers.CharField()
    city = serializers.CharField()
    sector = serializers.CharField()
    positions = serializers.IntegerField()
    contract_type = serializers.CharField()
    duration_months = serializers.IntegerField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    pay_min = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    pay_max = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    pay_currency = serializers.CharField()
    pay_period = serializers.CharField()
    accepts_recognition_pending = serializers.BooleanField()
    requires_recognition = serializers.BooleanField()
    programme = serializers.IntegerField(source="programme_id", allow_null=True)
    scheme = serializers.IntegerField(source="scheme_id", allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    # A list attaches the rows for its whole page (`selectors.attach_requirements`); one vacancy reads its own.
    def _skills(self, vacancy: Vacancy, essential: bool) -> list[dict[str, str]]:
        rows = getattr(vacancy, "requirement_rows", None)
        if rows is None:
            rows = vacancy.skill_requirements.order_by("skill__preferred_label", "pk").values_list(
                "is_essential", "skill__uri", "skill__preferred_label"
            )
        return [
            {"uri": uri, "preferred_label": label} for is_essential, uri, label in rows if is_essential == essential
        ]

    @extend_schema_field(ConceptOutput(many=True))
    def get_essential_skills(self, vacancy: Vacancy) -> list[dict[str, str]]:
        return self._skills(vacancy, True)

    @extend_schema_field(ConceptOutput(many=True))
    def get_optional_skills(self, vacancy: Vacancy) -> list[dict[str, str]]:
        return self._skills(vacancy, False)

    @extend_schema_field(LanguageRequirement(many=True))
    def get_languages(self, vacancy: Vacancy) -> list[dict[str, str]]:
        rows = getattr(vacancy, "language_rows", None)
        if rows is None:
            rows = vacancy.languages.order_by("code").values_list("code", "min_level")
        return [{"code": code, "min_level": level} for code, level in rows]


class VacancyCloseInput(serializers.Serializer):
    filled = StrictBooleanField(default=False, help_text="True when the positions were filled")


class CredentialView(serializers.Serializer):
    title = serializers.CharField()
    programme = serializers.CharField()
    verified = serializers.BooleanField()
    status = serializers.CharField()


class CandidateLanguageView(serializers.Serializer):
    code = serializers.CharField()
    level = serializers.CharField()
    # An API field named like Field.required: SerializerMetaclass moves declared fields off the class attributes.
    required = serializers.CharField(allow_null=True)  # type: ignore[assignment]
    meets = serializers.BooleanField()


class ReleasedCandidateOutput(serializers.Serializer):
    match_id = serializers.IntegerField()
    status = serializers.CharField()
    shares_identity = serializers.BooleanField(
        help_text="The candidate consented to share identity and contact details"
    )
    name = serializers.CharField(help_text="Full name, or a pseudonymous label without consent")
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    headline = serializers.CharField(allow_blank=True)
    summary = serializers.CharField()
    matched_essential_skills = serializers.ListField(child=serializers.CharField())
    missing_essential_skills = serializers.ListField(child=serializers.CharField())
    languages = CandidateLanguageView(many=True)
    missing_languages = serializers.ListField(child=serializers.CharField())
    credentials = CredentialView(many=True)
    released_at = serializers.DateTimeField(allow_null=True)
    allowed_decisions = serializers.ListField(child=serializers.CharField())


class DecisionInput(serializers.Serializer):
    decision = StrictChoiceField(choices=list(DECISIONS))
    reason_code = StrictCharField(max_length=40)
    note = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class DecisionOutput(serializers.Serializer):
    match_id = serializers.IntegerField(source="pk")
    status = serializers.CharField()


class ErrorBody(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    # An API field named like Serializer.fields: SerializerMetaclass moves declared fields off the class attributes.
    fields = serializers.JSONField(help_text="Field name → messages, for input errors")  # type: ignore[assignment]


class ErrorOutput(serializers.Serializer):
    error = ErrorBody()


def paginated(item: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The page envelope of core.api.pagination.StandardPagination around `item`."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True),
            "results": item(many=True),
        },
    )


OrganisationPage = paginated(OrganisationOutput, "OrganisationPage")
VacancyPage = paginated(VacancyOutput, "VacancyPage")
ReleasedCandidatePage = paginated(ReleasedCandidateOutput, "ReleasedCandidatePage")


class FeeReportInput(serializers.Serializer):
    organisation = StrictIntegerField(min_value=1, max_value=2**31 - 1, help_text="Organisation id")
    description = StrictCharField(max_length=5000, help_text="Who asked you to pay, how much, when, for what")


class FeeReportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
