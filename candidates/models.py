"""Candidate profiles and everything they hold: skills, languages, education, experience, consents, documents."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programmes.models import CEFR_LEVELS
from taxonomy.models import Occupation, Skill


class CandidateProfile(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        VERIFIED = "verified", _("Verified")
        DORMANT = "dormant", _("Dormant")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidate_profile"
    )
    external_id = models.CharField(max_length=120, null=True, blank=True, unique=True)
    pseudonym = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_name = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=2, blank=True)
    residence_country = models.CharField(max_length=2, blank=True)
    gender = models.CharField(
        max_length=12, choices=Gender.choices, blank=True, help_text="Used only for fairness monitoring"
    )
    phone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    headline = models.CharField(max_length=300, blank=True)
    current_title = models.CharField(max_length=300, blank=True)
    current_occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    desired_occupations = models.ManyToManyField(Occupation, blank=True, related_name="desiring_candidates")
    # What the candidate typed for their desired occupations, kept even where it was linked to ESCO.
    desired_occupations_text = models.JSONField(default=list, blank=True)
    # Headline, current title and desired occupations' text folded for search (candidates.searching); never shown.
    search_text = models.TextField(blank=True, editable=False)
    # Language (ISO 639-1) the free text of the profile was written in, recorded when it was entered.
    text_language = models.CharField(max_length=2, blank=True)
    summary = models.TextField(blank=True)
    summary_language = models.CharField(max_length=2, blank=True)
    # Mobility preferences. An empty destination list means "any destination".
    destinations = models.JSONField(default=list, blank=True)
    sectors = models.JSONField(default=list, blank=True)
    available_from = models.DateField(null=True, blank=True)
    min_stay_months = models.PositiveSmallIntegerField(null=True, blank=True)
    max_stay_months = models.PositiveSmallIntegerField(null=True, blank=True)
    circular_migration_interest = models.BooleanField(default=False)
    return_plans = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(blank=True, help_text="What a caseworker asked the candidate to fix")
    wizard_step = models.CharField(max_length=30, blank=True)
    last_confirmed_at = models.DateTimeField(null=True, blank=True)
    reconfirm_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    status_before_dormant = models.CharField(max_length=20, choices=Status.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["nationality"])]

    def __str__(self) -> str:
        return f"Candidate {self.pk}"

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def pseudonymous_label(self) -> str:
        """The code caseworkers and employers see instead of a name ("Candidate 1A2B3C4D"), in the reader's language."""
        return gettext("Candidate %(code)s") % {"code": str(self.pseudonym)[:8].upper()}


class CandidateSkill(models.Model):
    class Source(models.TextChoices):
        SELF = "self", _("Self-declared")
        CREDENTIAL = "credential", _("Certified by a programme")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    label = models.CharField(max_length=300, blank=True, help_text="Free text as the candidate wrote it")
    years = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SELF)
    label_language = models.CharField(max_length=2, blank=True)


class CandidateLanguage(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=2)
    level = models.CharField(max_length=6, choices=[*CEFR_LEVELS, ("native", "native")])
    certificate = models.CharField(max_length=120, blank=True)
    certificate_document = models.ForeignKey(
        "Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="uniq_candidate_language")]


class Education(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="education")
    isced_level = models.PositiveSmallIntegerField(null=True, blank=True)
    field = models.CharField(max_length=200, blank=True)
    institution = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    text_language = models.CharField(max_length=2, blank=True)


class Experience(models.Model):
    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="experience")
    title = models.CharField(max_length=300)
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    employer_name = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    text_language = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["-start"]


class Consent(models.Model):
    class Purpose(models.TextChoices):
        KEEP_PROFILE = "keep_profile", _("Keep my profile")
        MATCHING = "matching", _("Match me with vacancies")
        SHARE_WITH_EMPLOYERS = "share_with_employers", _("Show my profile to employers a caseworker approved")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    text_version = models.CharField(max_length=20)
    granted_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Document(models.Model):
    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        CERTIFICATE = "certificate", _("Certificate")
        IDENTITY = "identity", _("Identity document")
        CREDENTIAL_EVIDENCE = "credential_evidence", _("Credential evidence")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="documents/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    document_number = models.CharField(
        max_length=80, blank=True, help_text="Identity document number (duplicate check)"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Review(models.TextChoices):
        NOT_REVIEWED = "", _("Not checked")  # CVs and evidence: no caseworker looks at them on their own
        PENDING = "pending", _("Awaiting a caseworker")
        VERIFIED = "verified", _("Verified")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Not accepted")

    # A caseworker's decision on this document alone: the rest of the profile keeps its status.
    review_status = models.CharField(max_length=20, choices=Review.choices, blank=True, default="")
    review_note = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
