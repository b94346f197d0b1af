from __future__ import annotations

from django.contrib import admin

from matching.models import Embedding, Match, MatchDecision, MatchRun, OversightPause, PoolRecord, RankerModel


@admin.register(Embedding)
class EmbeddingAdmin(admin.ModelAdmin):
    list_display = ("kind", "object_id", "stale", "model_name", "model_version", "dim", "updated_at")
    list_filter = ("kind", "stale", "model_name")
    exclude = ("vector",)
    readonly_fields = ("text_hash",)


@admin.register(MatchRun)
class MatchRunAdmin(admin.ModelAdmin):
    list_display = ("id", "vacancy", "trigger", "status", "ruleset_version", "model_name", "created_at")
    list_filter = ("trigger", "status", "ruleset_version")
    raw_id_fields = ("vacancy", "ranker")


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ("id", "vacancy", "candidate", "status", "eligible", "score", "rank", "updated_at")
    list_filter = ("status", "eligible")
    raw_id_fields = ("vacancy", "candidate", "run", "released_by")


@admin.register(MatchDecision)
class MatchDecisionAdmin(admin.ModelAdmin):
    list_display = ("match", "actor_role", "action", "from_status", "to_status", "reason_code", "created_at")
    list_filter = ("actor_role", "action")
    raw_id_fields = ("match", "actor")


@admin.register(RankerModel)
class RankerModelAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "n_decisions", "is_active")


@admin.register(OversightPause)
class OversightPauseAdmin(admin.ModelAdmin):
    list_display = ("country", "paused_at", "paused_by", "lifted_at")
    raw_id_fields = ("paused_by", "lifted_by")


@admin.register(PoolRecord)
class PoolRecordAdmin(admin.ModelAdmin):
    list_display = ("kind", "external_id", "object_id", "imported_at")
    list_filter = ("kind",)
    search_fields = ("external_id",)
