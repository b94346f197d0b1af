from django.contrib import admin

from candidates.models import (
    CandidateLanguage,
    CandidateProfile,
    CandidateSkill,
    Consent,
    Document,
    Education,
    Experience,
)


class SkillInline(admin.TabularInline):
    model = CandidateSkill
    extra = 0
    raw_id_fields = ["skill"]


class LanguageInline(admin.TabularInline):
    model = CandidateLanguage
    extra = 0
    raw_id_fields = ["certificate_document"]


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = ["pk", "pseudonym", "status", "nationality", "created_at"]
    list_filter = ["status", "nationality"]
    search_fields = ["pseudonym", "family_name"]
    raw_id_fields = ["user", "current_occupation"]
    filter_horizontal = ["desired_occupations"]
    inlines = [SkillInline, LanguageInline]


@admin.register(CandidateSkill)
class CandidateSkillAdmin(admin.ModelAdmin):
    list_display = ["profile", "label", "skill", "years", "source"]
    raw_id_fields = ["profile", "skill"]


@admin.register(CandidateLanguage)
class CandidateLanguageAdmin(admin.ModelAdmin):
    list_display = ["profile", "code", "level"]
    raw_id_fields = ["profile", "certificate_document"]


@admin.register(Education)
class EducationAdmin(admin.ModelAdmin):
    list_display = ["profile", "isced_level", "field", "country"]
    raw_id_fields = ["profile"]


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["profile", "title", "occupation", "country", "start", "end"]
    raw_id_fields = ["profile", "occupation"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["profile", "purpose", "text_version", "granted_at", "withdrawn_at"]
    list_filter = ["purpose"]
    raw_id_fields = ["profile"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["profile", "kind", "content_type", "size", "uploaded_at"]
    list_filter = ["kind"]
    raw_id_fields = ["profile"]
    exclude = ["file"]  # files are only served through the permission-checked download view
