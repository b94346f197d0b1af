from django.contrib import admin

from employers.models import FeeReport, Invitation, Membership, Organisation, Vacancy, VacancyLanguage, VacancySkill


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "country", "sector", "size", "status", "vetted_at", "created_at")
    list_filter = ("status", "country", "sector")
    search_fields = ("legal_name", "registration_number")
    readonly_fields = ("pledge_accepted_at", "vetted_by", "vetted_at", "created_at")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "is_admin", "joined_at")
    raw_id_fields = ("user", "organisation")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "created_at", "accepted_at")
    exclude = ("token",)


@admin.register(FeeReport)
class FeeReportAdmin(admin.ModelAdmin):
    list_display = ("organisation", "created_at")
    raw_id_fields = ("organisation", "reporter")


class VacancySkillInline(admin.TabularInline):
    model = VacancySkill
    extra = 0
    raw_id_fields = ("skill",)


class VacancyLanguageInline(admin.TabularInline):
    model = VacancyLanguage
    extra = 0


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "country", "status", "positions", "expires_on", "created_at")
    list_filter = ("status", "country", "sector", "contract_type")
    search_fields = ("title", "organisation__legal_name")
    raw_id_fields = ("organisation", "occupation", "programme", "scheme", "created_by")
    inlines = [VacancySkillInline, VacancyLanguageInline]


@admin.register(VacancySkill)
class VacancySkillAdmin(admin.ModelAdmin):
    list_display = ("vacancy", "skill", "is_essential")
    raw_id_fields = ("vacancy", "skill")


@admin.register(VacancyLanguage)
class VacancyLanguageAdmin(admin.ModelAdmin):
    list_display = ("vacancy", "code", "min_level")
