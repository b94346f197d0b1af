"""Queue filters (django-filter), shared by the queue page and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from programmes.models import Programme
from review.models import ReviewItem
from taxonomy.nace import NACE_SECTIONS

AGE_CHOICES = [
    ("today", _("Today")),
    ("1", _("Older than 1 day")),
    ("3", _("Older than 3 days")),
    ("7", _("Older than a week")),
    ("overdue", _("Overdue")),
]
SORT_CHOICES = [
    ("priority", _("Priority, then oldest")),
    ("oldest", _("Oldest first")),
    ("newest", _("Newest first")),
    ("kind", _("Kind")),
    ("country", _("Country")),
    ("status", _("Status")),
]
SORT_ORDER = {
    "priority": ["priority", "created_at", "pk"],
    "oldest": ["created_at", "pk"],
    "newest": ["-created_at", "-pk"],
    "kind": ["kind", "priority", "created_at", "pk"],
    "country": ["country", "priority", "created_at", "pk"],
    "status": ["status", "priority", "created_at", "pk"],
}
STATUS_CHOICES = [("active", _("Open, claimed or escalated")), *ReviewItem.Status.choices, ("all", _("All"))]
ASSIGNEE_CHOICES = [("me", _("Claimed by me")), ("nobody", _("Not claimed"))]


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ReviewItemFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ReviewItem.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", label=_("Status"), empty_label=None
    )
    country = django_filters.CharFilter(method="filter_country", label=_("Country (ISO code)"))
    programme = WholeNumberFilter(method="filter_programme", label=_("Programme"))
    sector = django_filters.ChoiceFilter(choices=NACE_SECTIONS, label=_("Sector"))
    age = django_filters.ChoiceFilter(choices=AGE_CHOICES, method="filter_age", label=_("Age"))
    assignee = django_filters.ChoiceFilter(choices=ASSIGNEE_CHOICES, method="filter_assignee", label=_("Assignee"))
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="filter_sort", label=_("Sort by"), empty_label=None)

    class Meta:
        model = ReviewItem
        fields = ["kind", "status", "country", "programme", "sector", "age", "assignee", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        # Default to the working view (active items, priority order) when the form is not submitted.
        if data is not None:
            data = data.copy()
            data.setdefault("status", "active")
            data.setdefault("sort", "priority")
            if not data.get("status"):
                data["status"] = "active"
            if not data.get("sort"):
                data["sort"] = "priority"
        super().__init__(data, *args, **kwargs)
        # A plain number for the API (an unknown id filters to nothing), a list of names on the page.
        programmes = [("", "---------"), *Programme.objects.order_by("name").values_list("id", "name")]
        self.form.fields["programme"].widget = forms.Select(choices=programmes)

    @property
    def qs(self) -> QuerySet[ReviewItem]:
        queryset = super().qs
        if not queryset.query.order_by:
            queryset = queryset.order_by(*SORT_ORDER["priority"])
        return queryset

    @extend_schema_field(OpenApiTypes.INT)
    def filter_programme(self, queryset: QuerySet[ReviewItem], name: str, value: Any) -> QuerySet[ReviewItem]:
        # Any number is a valid question; one that cannot be a primary key simply matches nothing.
        if value is None:
            return queryset
        if not 1 <= value <= 2**63 - 1:
            return queryset.none()
        return queryset.filter(programme_id=int(value))

    def filter_status(self, queryset: QuerySet[ReviewItem], name: str, value: str) -> QuerySet[ReviewItem]:
        if value == "active" or not value:
            return queryset.filter(
                status__in=[ReviewItem.Status.OPEN, ReviewItem.Status.CLAIMED, ReviewItem.Status.ESCALATED]
            )
        if value == "all":
            return queryset
        return queryset.filter(status=value)

    def filter_country(self, queryset: QuerySet[ReviewItem], name: str, value: str) -> QuerySet[ReviewItem]:
        # Any text is a valid question; one that is not a two-letter code simply matches nothing.
        return queryset.filter(country=value.strip().upper()) if value.strip() else queryset

    def filter_age(self, queryset: QuerySet[ReviewItem], name: str, value: str) -> QuerySet[ReviewItem]:
        from django.conf import settings

        now = timezone.now()
        if value == "today":
            return queryset.filter(created_at__gte=now - dt.timedelta(days=1))
        if value == "overdue":
            return queryset.filter(created_at__lt=now - dt.timedelta(days=settings.REVIEW_OVERDUE_DAYS))
        return queryset.filter(created_at__lt=now - dt.timedelta(days=int(value)))

    def filter_assignee(self, queryset: QuerySet[ReviewItem], name: str, value: str) -> QuerySet[ReviewItem]:
        user = getattr(self.request, "user", None)
        if value == "me" and user is not None:
            return queryset.filter(assignee=user)
        if value == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset

    def filter_sort(self, queryset: QuerySet[ReviewItem], name: str, value: str) -> QuerySet[ReviewItem]:
        return queryset.order_by(*SORT_ORDER.get(value, SORT_ORDER["priority"]))
