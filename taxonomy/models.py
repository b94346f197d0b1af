"""ESCO v1.1.1: occupations, skills, their relations, ISCO groups, the skill hierarchy, multilingual labels.

Every concept keeps its ESCO URI, the stable identifier shared with EURES and national systems.
"""

from __future__ import annotations

from django.db import models


class IscoGroup(models.Model):
    uri = models.URLField(max_length=200, unique=True)
    code = models.CharField(max_length=8, unique=True)
    preferred_label = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.preferred_label}"


class Occupation(models.Model):
    uri = models.URLField(max_length=200, unique=True)
    code = models.CharField(max_length=40, db_index=True)
    isco_group = models.CharField(max_length=4, db_index=True, help_text="4-digit ISCO-08 unit group")
    preferred_label = models.CharField(max_length=300)
    alt_labels = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    regulated_profession_note = models.TextField(blank=True)

    class Meta:
        ordering = ["preferred_label"]

    def __str__(self) -> str:
        return self.preferred_label

    @property
    def is_regulated(self) -> bool:
        return self.regulated_profession_note.rstrip("/").endswith("/regulated")

    @property
    def is_health_occupation(self) -> bool:
        """ISCO 22xx (health professionals) and 32xx (health associate professionals): the WHO safeguard rule."""
        return self.isco_group[:2] in {"22", "32"}


class Skill(models.Model):
    uri = models.URLField(max_length=200, unique=True)
    skill_type = models.CharField(max_length=40, blank=True)
    reuse_level = models.CharField(max_length=40, blank=True)
    preferred_label = models.CharField(max_length=400)
    alt_labels = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["preferred_label"]

    def __str__(self) -> str:
        return self.preferred_label


class SkillGroup(models.Model):
    """Nodes of ESCO's skill hierarchy (skill groups and their codes)."""

    uri = models.URLField(max_length=200, unique=True)
    code = models.CharField(max_length=40, blank=True)
    preferred_label = models.CharField(max_length=400)

    def __str__(self) -> str:
        return self.preferred_label


class SkillBroader(models.Model):
    """Skill pillar hierarchy: `concept_uri` sits under `broader_uri` (a skill or a skill group)."""

    concept_uri = models.URLField(max_length=200, db_index=True)
    broader_uri = models.URLField(max_length=200, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["concept_uri", "broader_uri"], name="uniq_skill_broader")]


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential"
        OPTIONAL = "optional"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_links")
    relation_type = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["occupation", "skill"], name="uniq_occupation_skill")]


class OccupationLabel(models.Model):
    """One label of an occupation in one language (English preferred/alternative/hidden and 20 more languages)."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")
    language = models.CharField(max_length=5)
    label = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, db_index=True)
    is_preferred = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "language", "label"], name="uniq_occupation_label")
        ]
