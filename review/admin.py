from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from review.models import ReviewEvent, ReviewItem


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    readonly_fields = ["created_at", "actor", "action", "reason_code", "note"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "status", "priority", "assignee", "country", "sector", "created_at"]
    list_filter = ["kind", "status", "priority", "country", "sector"]
    raw_id_fields = [
        "assignee",
        "candidate",
        "other_candidate",
        "document",
        "credential",
        "organisation",
        "fee_report",
        "vacancy",
        "programme",
    ]
    inlines = [ReviewEventInline]


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """History of queue items: read-only, it is the record of who did what."""

    list_display = ["created_at", "item", "actor", "action", "reason_code"]
    list_filter = ["action"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
