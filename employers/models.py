"""Organisations that hire, their members, vetting, fee reports and vacancies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.models import CEFR_LEVELS, LegalScheme, Programme
from taxonomy.models import Occupation, Skill
from taxonomy.nace import NACE_SECTIONS


class Organisation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending vetting")
        VETTED = "vetted", _("Vetted")
        SUSPENDED = "suspended", _("Suspended")
        REJECTED = "rejected", _("Rejected")

    class Size(models.TextChoices):
        MICRO = "micro", _("1–9 employees")
        SMALL = "small", _("10–49 employees")
        MEDIUM = "medium", _("50–249 employees")
        LARGE = "large", _("250 or more employees")

    legal_name = models.CharField(max_length=300)
    country = models.CharField(max_length=2)
    registration_number = models.CharField(max_length=80, blank=True)
    sector = models.CharField(max_length=1, choices=NACE_SECTIONS, blank=True)
    size = models.CharField(max_length=10, choices=Size.choices, blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    status_reason = models.TextField(blank=True)
    pledge_accepted_at = models.DateTimeField(null=True, blank=True)
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vetted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["legal_name"]
        constraints = [models.UniqueConstraint(fields=["legal_name", "country"], name="uniq_org_name_country")]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def can_publish(self) -> bool:
        return self.status == self.Status.VETTED


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="uniq_membership")]


class Invitation(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)


class FeeReport(models.Model):
    """A candidate reports that an organisation (or someone on its behalf) asked them for a recruitment fee."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="fee_reports")
    reporter = models.ForeignKey(
        "candidates.CandidateProfile", null=True, on_delete=models.SET_NULL, related_name="fee_reports"
    )
    description = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    class ContractType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FIXED_TERM = "fixed_term", _("Fixed term")
        SEASONAL = "seasonal", _("Seasonal")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        TRAINEESHIP = "traineeship", _("Traineeship")

    class PayPeriod(models.TextChoices):
        HOUR = "hour", _("per hour")
        MONTH = "month", _("per month")
        YEAR = "year", _("per year")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="vacancies")
    external_id = models.CharField(max_length=120, null=True, blank=True, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    description_language = models.CharField(max_length=2, blank=True)
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="vacancies"
    )
    country = models.CharField(max_length=2)
    city = models.CharField(max_length=120, blank=True)
    sector = models.CharField(max_length=1, choices=NACE_SECTIONS, blank=True)
    positions = models.PositiveIntegerField(default=1)
    contract_type = models.CharField(max_length=20, choices=ContractType.choices, default=ContractType.FIXED_TERM)
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    pay_min = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    pay_max = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    pay_currency = models.CharField(max_length=3, default="EUR")
    pay_period = models.CharField(max_length=5, choices=PayPeriod.choices, default=PayPeriod.MONTH)
    accepts_recognition_pending = models.BooleanField(default=False)
    requires_recognition = models.BooleanField(
        default=False, help_text="The job needs a recognised qualification (regulated profession)"
    )
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="vacancies")
    scheme = models.ForeignKey(LegalScheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="vacancies")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    expires_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Set only on a page of vacancies by `selectors.attach_requirements` (not fields; absent otherwise):
    # [(is_essential, skill uri, preferred_label)] and [(language code, min_level)].
    requirement_rows: list[tuple[bool, str, str]]
    language_rows: list[tuple[str, str]]

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "vacancies"

    def __str__(self) -> str:
        return self.title


class VacancySkill(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skill_requirements")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    is_essential = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vacancy", "skill"], name="uniq_vacancy_skill")]


class VacancyLanguage(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=2)
    min_level = models.CharField(max_length=2, choices=CEFR_LEVELS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vacancy", "code"], name="uniq_vacancy_language")]


class ProgrammeParticipation(models.Model):
    """An organisation takes part in a programme as an employer partner: it may recruit through the programme and
    its legal schemes. A caseworker or the programme's administrator records it; ending it (`ended_at`) takes the
    organisation's published vacancies that relied on it out of matching."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="participations")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="employer_participations")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "programme"],
                condition=models.Q(ended_at__isnull=True),
                name="uniq_active_participation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.programme}"
