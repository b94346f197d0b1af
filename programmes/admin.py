from django.contrib import admin

from programmes.models import (
    Cohort,
    Credential,
    CredentialRecognition,
    LegalScheme,
    Programme,
    ProgrammePartner,
    SafeguardCountry,
    SafeguardListEdition,
    SchemeQuota,
    Stakeholder,
)


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country")
    list_filter = ("kind",)
    search_fields = ("name",)


class PartnerInline(admin.TabularInline):
    model = ProgrammePartner
    autocomplete_fields = ("stakeholder",)
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "status", "component_count")
    list_filter = (
        "kind",
        "status",
        "has_state_cooperation",
        "has_multi_stakeholder",
        "has_training",
        "has_skills_recognition",
        "has_mobility",
    )
    search_fields = ("name", "acronym", "summary")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("administrators",)
    raw_id_fields = ("occupations",)
    inlines = [PartnerInline]


@admin.register(ProgrammePartner)
class ProgrammePartnerAdmin(admin.ModelAdmin):
    list_display = ("programme", "stakeholder", "role")
    list_filter = ("role",)


class QuotaInline(admin.TabularInline):
    model = SchemeQuota
    extra = 0


@admin.register(LegalScheme)
class LegalSchemeAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "destination_country", "is_government_to_government", "annual_quota")
    list_filter = ("destination_country", "is_government_to_government", "work_allowed_pending_recognition")
    search_fields = ("name", "slug")
    raw_id_fields = ("occupations", "reserved_employers")
    inlines = [QuotaInline]


@admin.register(SchemeQuota)
class SchemeQuotaAdmin(admin.ModelAdmin):
    list_display = ("scheme", "year", "nationality", "quota", "used")
    list_filter = ("year",)


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "programme", "status", "size", "start_date", "end_date")
    list_filter = ("status",)
    raw_id_fields = ("curriculum",)


class RecognitionInline(admin.TabularInline):
    model = CredentialRecognition
    extra = 0


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "status", "completed_on", "issue_reference")
    list_filter = ("status", "programme")
    search_fields = ("title", "issue_reference")
    raw_id_fields = ("candidate", "skills", "evidence", "cohort", "scheme", "decided_by")
    inlines = [RecognitionInline]


@admin.register(CredentialRecognition)
class CredentialRecognitionAdmin(admin.ModelAdmin):
    list_display = ("credential", "destination_country", "status")


class SafeguardCountryInline(admin.TabularInline):
    model = SafeguardCountry
    extra = 0


@admin.register(SafeguardListEdition)
class SafeguardListEditionAdmin(admin.ModelAdmin):
    """Staff keep the WHO list current: add a new edition with its countries and mark the old one inactive."""

    list_display = ("edition", "published_on", "is_active")
    inlines = [SafeguardCountryInline]


@admin.register(SafeguardCountry)
class SafeguardCountryAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "edition")
    list_filter = ("edition",)
    search_fields = ("name", "country")
