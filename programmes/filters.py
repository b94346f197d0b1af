"""Directory filters, shared by the public pages and the API so both answer the same question the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.api.filters import StrictBooleanFilter
from programmes.components import COMPONENTS
from programmes.countries import country_choices
from programmes.models import LegalScheme, Programme, Stakeholder
from programmes.selectors import json_list_contains
from taxonomy.nace import NACE_SECTIONS

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
COUNTRIES = country_choices()  # a list, not a callable: the OpenAPI schema then lists the codes as an enum


class _LenientTextField(forms.CharField):
    """Free text for search: NUL characters are dropped and overlong input is cut, rather than refused."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)
        self.validators = []

    def to_python(self, value: Any) -> str:
        return (super().to_python(value) or "").replace("\x00", "")[:300]


class TextFilter(django_filters.CharFilter):
    field_class = _LenientTextField


class ProgrammeFilter(django_filters.FilterSet):
    q = TextFilter(method="filter_text", label=_("Search"))
    origin = django_filters.ChoiceFilter(choices=COUNTRIES, method="filter_origin", label=_("Origin country"))
    destination = django_filters.ChoiceFilter(
        choices=COUNTRIES, method="filter_destination", label=_("Destination country")
    )
    sector = django_filters.ChoiceFilter(choices=NACE_SECTIONS, method="filter_sector", label=_("Sector"))
    occupation = TextFilter(
        method="filter_occupation", label=_("Occupation"), help_text=_("ESCO occupation URI or words of its name")
    )
    kind = django_filters.ChoiceFilter(choices=Programme.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Programme.Status.choices, label=_("Status"))
    state_cooperation = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_component", label=COMPONENTS["state_cooperation"][2]
    )
    multi_stakeholder = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_component", label=COMPONENTS["multi_stakeholder"][2]
    )
    training = django_filters.ChoiceFilter(choices=YES_NO, method="filter_component", label=COMPONENTS["training"][2])
    skills_recognition = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_component", label=COMPONENTS["skills_recognition"][2]
    )
    mobility = django_filters.ChoiceFilter(choices=YES_NO, method="filter_component", label=COMPONENTS["mobility"][2])
    full_smp = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_full_smp", label=_("Full SMP (all five components)")
    )

    class Meta:
        model = Programme
        fields = ["q", "origin", "destination", "sector", "occupation", "kind", "status"]

    def filter_text(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(acronym__icontains=word)
                | Q(summary__icontains=word)
                | Q(partners__stakeholder__name__icontains=word)
                | Q(occupations__preferred_label__icontains=word)
            )
        return queryset.distinct()

    def filter_origin(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        return queryset.filter(
            json_list_contains("origin_countries", value) | Q(schemes__eligible_nationalities__icontains=f'"{value}"')
        ).distinct()

    def filter_destination(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        return queryset.filter(
            json_list_contains("destination_countries", value) | Q(schemes__destination_country=value)
        ).distinct()

    def filter_sector(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        return queryset.filter(json_list_contains("sectors", value))

    def filter_occupation(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        value = value.strip()
        if value.startswith("http"):
            condition = Q(occupations__uri=value) | Q(schemes__occupations__uri=value)
        else:
            condition = Q(occupations__preferred_label__icontains=value) | Q(
                schemes__occupations__preferred_label__icontains=value
            )
        return queryset.filter(condition).distinct()

    def filter_component(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        return queryset.filter(**{COMPONENTS[name][0]: value == "yes"})

    def filter_full_smp(self, queryset: QuerySet[Programme], name: str, value: str) -> QuerySet[Programme]:
        all_five = Q(**{flag: True for flag, _note, _label in COMPONENTS.values()})
        return queryset.filter(all_five) if value == "yes" else queryset.exclude(all_five)


class SchemeFilter(django_filters.FilterSet):
    programme = TextFilter(field_name="programme__slug", label=_("Programme (slug)"))
    destination = django_filters.ChoiceFilter(
        choices=COUNTRIES, field_name="destination_country", label=_("Destination country")
    )
    nationality = django_filters.ChoiceFilter(
        choices=COUNTRIES, method="filter_nationality", label=_("Eligible nationality")
    )
    government_to_government = StrictBooleanFilter(field_name="is_government_to_government")
    pending_recognition = StrictBooleanFilter(field_name="work_allowed_pending_recognition")

    class Meta:
        model = LegalScheme
        fields = ["programme", "destination", "nationality", "government_to_government", "pending_recognition"]

    def filter_nationality(self, queryset: QuerySet[LegalScheme], name: str, value: str) -> QuerySet[LegalScheme]:
        # An empty list means every nationality is eligible.
        return queryset.filter(Q(eligible_nationalities__icontains=f'"{value}"') | Q(eligible_nationalities=[]))


class StakeholderFilter(django_filters.FilterSet):
    q = TextFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    kind = django_filters.ChoiceFilter(choices=Stakeholder.Kind.choices)
    country = django_filters.ChoiceFilter(choices=COUNTRIES)

    class Meta:
        model = Stakeholder
        fields = ["q", "kind", "country"]


def any_filter_active(data: Any) -> bool:
    return any(data.get(name) for name in ProgrammeFilter.base_filters)
