"""The programme directory: who runs skills mobility partnerships, under which legal schemes, with which cohorts,
and the credentials they issue. Scheme rules are stored as data the matching engine evaluates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Occupation, Skill

CEFR_LEVELS = [("A1", "A1"), ("A2", "A2"), ("B1", "B1"), ("B2", "B2"), ("C1", "C1"), ("C2", "C2")]


class Stakeholder(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry or public agency")
        PES = "pes", _("Public employment service")
        DEVELOPMENT_AGENCY = "development_agency", _("Development agency")
        TRAINING_INSTITUTE = "training_institute", _("Training institute")
        RECOGNITION_BODY = "recognition_body", _("Certification or recognition body")
        EMPLOYER = "employer", _("Employer or employer association")
        INTERNATIONAL_ORG = "international_org", _("International organisation")
        NGO = "ngo", _("NGO or diaspora association")
        SOCIAL_PARTNER = "social_partner", _("Social partner")

    name = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2; blank for international")
    website = models.URLField(blank=True)
    contact = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    class Kind(models.TextChoices):
        SMP = "smp", _("Skills mobility partnership")
        TALENT_PARTNERSHIP = "talent_partnership", _("Talent partnership")
        GSP = "gsp", _("Global skills partnership")
        BLA = "bla", _("Bilateral labour agreement")
        YOUNG_PROFESSIONALS = "young_professionals", _("Young-professionals scheme")
        PILOT = "pilot", _("Pilot project")
        SCHOLARSHIP = "scholarship", _("Scholarship scheme")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    summary = models.TextField(blank=True)
    # The language the programme wrote its texts in (ISO 639-1): pages mark those texts with it, and say so to a
    # reader whose interface is in another language, since nobody has translated them.
    content_language = models.CharField(max_length=3, default="en")
    origin_countries = models.JSONField(default=list, blank=True)
    destination_countries = models.JSONField(default=list, blank=True)
    sectors = models.JSONField(default=list, blank=True, help_text="NACE sections, e.g. ['Q', 'J']")
    occupations = models.ManyToManyField(Occupation, blank=True, related_name="programmes")
    funding_source = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    targets = models.TextField(blank=True)
    # Outcome funnel (figures reported by the programme; the live funnel is computed from the pool).
    trained_count = models.PositiveIntegerField(null=True, blank=True)
    placed_count = models.PositiveIntegerField(null=True, blank=True)
    returned_count = models.PositiveIntegerField(null=True, blank=True)
    outcome_note = models.TextField(blank=True)
    sources = models.JSONField(default=list, blank=True, help_text="[{'title': ..., 'url': ...}]")
    source_note = models.TextField(blank=True)
    how_to_join = models.TextField(blank=True)
    # The five SMP components.
    has_state_cooperation = models.BooleanField(default=False)
    state_cooperation_note = models.TextField(blank=True)
    has_multi_stakeholder = models.BooleanField(default=False)
    multi_stakeholder_note = models.TextField(blank=True)
    has_training = models.BooleanField(default=False)
    training_note = models.TextField(blank=True)
    has_skills_recognition = models.BooleanField(default=False)
    skills_recognition_note = models.TextField(blank=True)
    has_mobility = models.BooleanField(default=False)
    mobility_note = models.TextField(blank=True)
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="administered_programmes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name

    @property
    def component_count(self) -> int:
        return sum(
            [
                self.has_state_cooperation,
                self.has_multi_stakeholder,
                self.has_training,
                self.has_skills_recognition,
                self.has_mobility,
            ]
        )

    @property
    def is_full_smp(self) -> bool:
        """The inform's classification: all five components make a full SMP; fewer make it SMP-like."""
        return self.component_count == 5


class ProgrammePartner(models.Model):
    class Role(models.TextChoices):
        FUNDER = "funder", _("Funder")
        IMPLEMENTER = "implementer", _("Implementer")
        TRAINING_PROVIDER = "training_provider", _("Training provider")
        RECOGNITION_BODY = "recognition_body", _("Recognition body")
        EMPLOYER = "employer", _("Employer")
        PLACEMENT_AGENCY = "placement_agency", _("Placement agency")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="partners")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="partnerships")
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "stakeholder", "role"], name="uniq_partner_role")]


class LegalScheme(models.Model):
    """A legal pathway with machine-readable rules. Empty lists mean 'no restriction'."""

    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="schemes")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    destination_country = models.CharField(max_length=2)
    eligible_nationalities = models.JSONField(default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    min_stay_months = models.PositiveSmallIntegerField(null=True, blank=True)
    max_stay_months = models.PositiveSmallIntegerField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(null=True, blank=True)
    renewal_months = models.PositiveSmallIntegerField(null=True, blank=True)
    min_language_code = models.CharField(max_length=2, blank=True)
    min_language_level = models.CharField(max_length=2, choices=CEFR_LEVELS, blank=True)
    sectors = models.JSONField(default=list, blank=True)
    occupations = models.ManyToManyField(Occupation, blank=True, related_name="schemes")
    isco_prefixes = models.JSONField(default=list, blank=True, help_text="ISCO group prefixes the scheme covers")
    is_government_to_government = models.BooleanField(default=False)
    work_allowed_pending_recognition = models.BooleanField(default=False)
    reservation_months = models.PositiveSmallIntegerField(
        default=0, help_text="Anti-poaching: months after training during which graduates match only reserved parties"
    )
    reserved_destinations = models.JSONField(default=list, blank=True)
    reserved_employers = models.ManyToManyField("employers.Organisation", blank=True, related_name="reserved_schemes")
    return_required = models.BooleanField(default=False)
    annual_quota = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Standing annual quota for all nationalities; a year's SchemeQuota row is opened from it on first use",
    )
    source_note = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchemeQuota(models.Model):
    """Annual quota of a scheme, for all nationalities (blank) or one. `used` never exceeds `quota`."""

    scheme = models.ForeignKey(LegalScheme, on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField()
    nationality = models.CharField(max_length=2, blank=True)
    quota = models.PositiveIntegerField()
    used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year", "nationality"], name="uniq_scheme_quota"),
            models.CheckConstraint(condition=models.Q(used__lte=models.F("quota")), name="quota_used_within_quota"),
        ]

    @property
    def remaining(self) -> int:
        return max(self.quota - self.used, 0)


class Cohort(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for intake")
        TRAINING = "training", _("In training")
        COMPLETED = "completed", _("Completed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200)
    training_provider = models.ForeignKey(
        Stakeholder, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts"
    )
    curriculum = models.ManyToManyField(Skill, blank=True, related_name="cohorts")
    size = models.PositiveIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        ordering = ["programme", "start_date"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="uniq_cohort_name")]

    def __str__(self) -> str:
        return f"{self.programme} · {self.name}"


class Credential(models.Model):
    """A training credential: issued by a programme, or claimed by a candidate and verified by the programme."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", _("Claimed, awaiting verification")
        VERIFIED = "verified", _("Verified by the programme")
        REJECTED = "rejected", _("Rejected")
        ISSUED = "issued", _("Issued by the programme")

    candidate = models.ForeignKey("candidates.CandidateProfile", on_delete=models.CASCADE, related_name="credentials")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="credentials")
    cohort = models.ForeignKey(Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="credentials")
    scheme = models.ForeignKey(
        LegalScheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="credentials"
    )
    title = models.CharField(max_length=300)
    skills = models.ManyToManyField(Skill, blank=True, related_name="credentials")
    level = models.CharField(max_length=60, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CLAIMED)
    rejection_reason = models.TextField(blank=True)
    evidence = models.ForeignKey(
        "candidates.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issue_reference = models.CharField(
        max_length=120, blank=True, help_text="Programme's own id; keys idempotent CSV re-upload"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "issue_reference"],
                condition=~models.Q(issue_reference=""),
                name="uniq_credential_issue_reference",
            )
        ]

    @property
    def is_verified(self) -> bool:
        return self.status in {self.Status.VERIFIED, self.Status.ISSUED}


class CredentialRecognition(models.Model):
    class Status(models.TextChoices):
        FULL = "full", _("Full recognition")
        PARTIAL = "partial", _("Partial recognition")
        PENDING = "pending", _("Recognition pending")
        NONE = "none", _("Not recognised")

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="recognitions")
    destination_country = models.CharField(max_length=2)
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["credential", "destination_country"], name="uniq_recognition")]


class SafeguardListEdition(models.Model):
    """The WHO Health Workforce Support and Safeguards List, one row per edition; the newest active one applies."""

    edition = models.CharField(max_length=20, unique=True)
    published_on = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"WHO safeguards list {self.edition}"


class SafeguardCountry(models.Model):
    edition = models.ForeignKey(SafeguardListEdition, on_delete=models.CASCADE, related_name="countries")
    country = models.CharField(max_length=2)
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["edition", "country"], name="uniq_safeguard_country")]
