"""Explicit input and output shapes of the programmes API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programmes.components import component_profile
from programmes.countries import is_country_code
from programmes.models import CEFR_LEVELS, Cohort, LegalScheme, Programme, Stakeholder
from programmes.selectors import programme_funnel
from taxonomy.nace import NACE_SECTIONS


class CountryCodeField(serializers.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_length=2, max_length=2, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data).upper()
        if not is_country_code(value):
            raise serializers.ValidationError(_("Unknown ISO 3166-1 alpha-2 country code."))
        return value


def country_list(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=CountryCodeField(), max_length=250, **kwargs)


class StakeholderOutput(serializers.ModelSerializer):
    class Meta:
        model = Stakeholder
        fields = ["id", "name", "kind", "country", "website"]


class PartnerOutput(serializers.Serializer):
    role = serializers.CharField()
    stakeholder = StakeholderOutput()


class OccupationRefOutput(serializers.Serializer):
    uri = serializers.CharField()
    preferred_label = serializers.CharField()
    isco_group = serializers.CharField()


class QuotaOutput(serializers.Serializer):
    year = serializers.IntegerField()
    nationality = serializers.CharField()
    quota = serializers.IntegerField()
    used = serializers.IntegerField()
    remaining = serializers.IntegerField()


class SchemeOutput(serializers.ModelSerializer):
    programme: serializers.SlugRelatedField[Programme] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    occupations = OccupationRefOutput(many=True, read_only=True)
    quotas = QuotaOutput(many=True, read_only=True)

    class Meta:
        model = LegalScheme
        fields = [
            "slug",
            "name",
            "summary",
            "programme",
            "destination_country",
            "eligible_nationalities",
            "min_age",
            "max_age",
            "min_stay_months",
            "max_stay_months",
            "renewals",
            "renewal_months",
            "min_language_code",
            "min_language_level",
            "sectors",
            "isco_prefixes",
            "occupations",
            "is_government_to_government",
            "work_allowed_pending_recognition",
            "reservation_months",
            "reserved_destinations",
            "return_required",
            "annual_quota",
            "quotas",
            "source_note",
        ]


class ComponentOutput(serializers.Serializer):
    key = serializers.CharField()
    # A declared field named like a Field attribute: the metaclass moves it into _declared_fields.
    label = serializers.CharField()  # type: ignore[assignment]
    present = serializers.BooleanField()
    note = serializers.CharField()


class ProgrammeListOutput(serializers.ModelSerializer):
    component_count = serializers.IntegerField(read_only=True)
    is_full_smp = serializers.BooleanField(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "status",
            "summary",
            "origin_countries",
            "destination_countries",
            "sectors",
            "has_state_cooperation",
            "has_multi_stakeholder",
            "has_training",
            "has_skills_recognition",
            "has_mobility",
            "component_count",
            "is_full_smp",
        ]


class CohortOutput(serializers.ModelSerializer):
    training_provider: serializers.StringRelatedField[Stakeholder] = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = Cohort
        fields = ["id", "name", "training_provider", "size", "start_date", "end_date", "status"]


class FunnelStageOutput(serializers.Serializer):
    key = serializers.CharField()
    # Declared fields named like Field attributes: the metaclass moves them into _declared_fields.
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]


class ProgrammeDetailOutput(ProgrammeListOutput):
    occupations = OccupationRefOutput(many=True, read_only=True)
    partners = PartnerOutput(many=True, read_only=True)
    schemes = SchemeOutput(many=True, read_only=True)
    cohorts = CohortOutput(many=True, read_only=True)
    components = serializers.SerializerMethodField()
    funnel = serializers.SerializerMethodField()

    class Meta(ProgrammeListOutput.Meta):
        fields = [
            *ProgrammeListOutput.Meta.fields,
            "occupations",
            "funding_source",
            "start_date",
            "end_date",
            "capacity",
            "targets",
            "trained_count",
            "placed_count",
            "returned_count",
            "outcome_note",
            "sources",
            "source_note",
            "how_to_join",
            "state_cooperation_note",
            "multi_stakeholder_note",
            "training_note",
            "skills_recognition_note",
            "mobility_note",
            "components",
            "partners",
            "schemes",
            "cohorts",
            "funnel",
        ]

    @extend_schema_field(ComponentOutput(many=True))
    def get_components(self, programme: Programme) -> list[dict[str, Any]]:
        return ComponentOutput(component_profile(programme), many=True).data  # type: ignore[return-value]

    @extend_schema_field(FunnelStageOutput(many=True))
    def get_funnel(self, programme: Programme) -> list[dict[str, Any]]:
        return FunnelStageOutput(programme_funnel(programme=programme), many=True).data  # type: ignore[return-value]


class SourceInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)


class ProgrammeUpdateInput(serializers.Serializer):
    """Every field optional (PATCH). Occupations are ESCO URIs."""

    name = serializers.CharField(max_length=300, required=False)
    acronym = serializers.CharField(max_length=40, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=Programme.Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Programme.Status.choices, required=False)
    summary = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    origin_countries = country_list(required=False)
    destination_countries = country_list(required=False)
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=NACE_SECTIONS), max_length=21, required=False)
    occupation_uris = serializers.ListField(child=serializers.CharField(max_length=200), max_length=200, required=False)
    funding_source = serializers.CharField(max_length=300, required=False, allow_blank=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    capacity = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    targets = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    trained_count = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    placed_count = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    returned_count = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    outcome_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    sources = SourceInput(many=True, required=False)
    source_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    how_to_join = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    has_state_cooperation = serializers.BooleanField(required=False)
    state_cooperation_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    has_multi_stakeholder = serializers.BooleanField(required=False)
    multi_stakeholder_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    has_training = serializers.BooleanField(required=False)
    training_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    has_skills_recognition = serializers.BooleanField(required=False)
    skills_recognition_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    has_mobility = serializers.BooleanField(required=False)
    mobility_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("The end date is before the start date.")]})
        return data


class SchemeInput(serializers.Serializer):
    slug = serializers.SlugField(max_length=80)
    name = serializers.CharField(max_length=300)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    destination_country = CountryCodeField()
    eligible_nationalities = country_list(required=False, default=list)
    min_age = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True, default=None)
    max_age = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True, default=None)
    min_stay_months = serializers.IntegerField(
        min_value=0, max_value=600, required=False, allow_null=True, default=None
    )
    max_stay_months = serializers.IntegerField(
        min_value=0, max_value=600, required=False, allow_null=True, default=None
    )
    renewals = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True, default=None)
    renewal_months = serializers.IntegerField(min_value=0, max_value=600, required=False, allow_null=True, default=None)
    min_language_code = serializers.RegexField(r"^[a-z]{2}$", required=False, allow_blank=True, default="")
    min_language_level = serializers.ChoiceField(choices=CEFR_LEVELS, required=False, allow_blank=True, default="")
    sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=NACE_SECTIONS), max_length=21, required=False, default=list
    )
    isco_prefixes = serializers.ListField(
        child=serializers.RegexField(r"^\d{1,4}$"), max_length=100, required=False, default=list
    )
    is_government_to_government = serializers.BooleanField(required=False, default=False)
    work_allowed_pending_recognition = serializers.BooleanField(required=False, default=False)
    reservation_months = serializers.IntegerField(min_value=0, max_value=600, required=False, default=0)
    reserved_destinations = country_list(required=False, default=list)
    return_required = serializers.BooleanField(required=False, default=False)
    annual_quota = serializers.IntegerField(
        min_value=0, max_value=10_000_000, required=False, allow_null=True, default=None
    )
    source_note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        for low, high in (("min_age", "max_age"), ("min_stay_months", "max_stay_months")):
            if data.get(low) is not None and data.get(high) is not None and data[high] < data[low]:
                raise serializers.ValidationError({high: [_("The maximum is below the minimum.")]})
        return data


class SchemeUpdateInput(SchemeInput):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class CohortInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    training_provider = serializers.PrimaryKeyRelatedField(
        queryset=Stakeholder.objects.all(), required=False, allow_null=True, default=None
    )
    size = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, allow_null=True, default=None)
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    status = serializers.ChoiceField(choices=Cohort.Status.choices, required=False, default=Cohort.Status.PLANNED)


class CredentialBulkInput(serializers.Serializer):
    csv = serializers.CharField(
        max_length=2 * 1024 * 1024,
        trim_whitespace=False,
        help_text="CSV text: issue_reference, candidate, title, completed_on, level, skills, cohort, recognition",
    )


class CsvErrorOutput(serializers.Serializer):
    line = serializers.IntegerField()
    field = serializers.CharField()
    message = serializers.CharField()


class CredentialBulkOutput(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = CsvErrorOutput(many=True)  # type: ignore[assignment]  # a declared field named like Serializer.errors


class CredentialRejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CredentialDecisionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    rejection_reason = serializers.CharField()
