from django.contrib import admin

from taxonomy.models import IscoGroup, Occupation, OccupationLabel, OccupationSkill, Skill, SkillBroader, SkillGroup


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["preferred_label", "code", "isco_group", "uri"]
    search_fields = ["preferred_label", "code", "uri"]
    list_filter = ["isco_group"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["preferred_label", "skill_type", "reuse_level", "uri"]
    search_fields = ["preferred_label", "uri"]
    list_filter = ["skill_type", "reuse_level"]


@admin.register(IscoGroup)
class IscoGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "preferred_label"]
    search_fields = ["code", "preferred_label"]


@admin.register(OccupationSkill)
class OccupationSkillAdmin(admin.ModelAdmin):
    list_display = ["occupation", "skill", "relation_type"]
    list_select_related = ["occupation", "skill"]
    raw_id_fields = ["occupation", "skill"]
    list_filter = ["relation_type"]


@admin.register(OccupationLabel)
class OccupationLabelAdmin(admin.ModelAdmin):
    list_display = ["label", "language", "occupation", "is_preferred"]
    search_fields = ["label"]
    list_filter = ["language"]
    raw_id_fields = ["occupation"]


admin.site.register(SkillGroup)
admin.site.register(SkillBroader)
