"""Embeddings, match runs, matches, their decisions, the learned ranker and the oversight switch."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Embedding(models.Model):
    """The vector of one candidate profile or vacancy text, with the model that made it and the text's hash."""

    class Kind(models.TextChoices):
        CANDIDATE = "candidate"
        VACANCY = "vacancy"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    stale = models.BooleanField(default=True, db_index=True)
    text_hash = models.CharField(max_length=64, blank=True)
    model_name = models.CharField(max_length=120, blank=True)
    model_version = models.CharField(max_length=60, blank=True)
    dim = models.PositiveSmallIntegerField(default=0)
    vector = models.BinaryField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="uniq_embedding_object")]


class RankerModel(models.Model):
    """Weights learned from employer and caseworker decisions; the newest active one re-weights the components."""

    created_at = models.DateTimeField(auto_now_add=True)
    weights = models.JSONField()
    metrics = models.JSONField(default=dict)
    n_decisions = models.PositiveIntegerField()
    is_active = models.BooleanField(default=False)


class MatchRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    class Trigger(models.TextChoices):
        PUBLISHED = "published", _("Vacancy published or changed")
        PROFILE = "profile", _("Profile changed")
        NIGHTLY = "nightly", _("Nightly sweep")
        MANUAL = "manual", _("Manual")
        COMMAND = "command", _("Command line")
        SCHEME = "scheme", _("Scheme, quota or partners changed")

    vacancy = models.ForeignKey("employers.Vacancy", on_delete=models.CASCADE, related_name="match_runs")
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    model_name = models.CharField(max_length=120, blank=True)
    model_version = models.CharField(max_length=60, blank=True)
    ruleset_version = models.CharField(max_length=20, blank=True)
    ranker = models.ForeignKey(RankerModel, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    weights = models.JSONField(default=dict)
    parameters = models.JSONField(default=dict)
    candidate_ids = models.JSONField(default=list)
    output = models.JSONField(default=list, help_text="Ranked [candidate_id, score, eligible] as produced")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class Match(models.Model):
    """One candidate for one vacancy. Unique per pair, updated in place by each run.

    Only a caseworker's approval (status RELEASED or later) makes a match visible to the employer.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed, awaiting review")
        RELEASED = "released", _("Released to the employer")
        REJECTED = "rejected", _("Rejected by a caseworker")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        INTERVIEW = "interview", _("Invited to interview")
        HIRED = "hired", _("Hired")
        DECLINED = "declined", _("Declined by the employer")
        WITHDRAWN = "withdrawn", _("Candidate not interested")
        INELIGIBLE = "ineligible", _("Not eligible")

    vacancy = models.ForeignKey("employers.Vacancy", on_delete=models.CASCADE, related_name="matches")
    candidate = models.ForeignKey("candidates.CandidateProfile", on_delete=models.CASCADE, related_name="matches")
    run = models.ForeignKey(MatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="matches")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    score = models.FloatField(default=0.0)
    rank = models.PositiveIntegerField(null=True, blank=True)
    review_rank = models.PositiveIntegerField(null=True, blank=True, help_text="Order set by a caseworker")
    eligible = models.BooleanField(default=True)
    components = models.JSONField(default=dict)
    matched_essential_skills = models.JSONField(default=list)
    missing_essential_skills = models.JSONField(default=list)
    passed_rules = models.JSONField(default=list)
    failed_rules = models.JSONField(default=list)
    explanation = models.JSONField(
        default=dict, help_text="Structured facts the plain-language summaries are built from"
    )
    added_manually = models.BooleanField(default=False)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vacancy", "rank"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "candidate"], name="uniq_match_pair")]
        indexes = [models.Index(fields=["vacancy", "status"])]


class MatchDecision(models.Model):
    """A recorded decision on a match by a caseworker or an employer member (training data and audit)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_role = models.CharField(max_length=20)
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    reason_code = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    components = models.JSONField(default=dict, help_text="Component values at decision time (ranker features)")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class OversightPause(models.Model):
    """AI Act 'stop': automated ranking paused for the whole service (country blank) or one destination country."""

    country = models.CharField(max_length=2, blank=True)
    reason = models.TextField()
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    paused_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-paused_at"]


class PoolRecord(models.Model):
    """The last imported content of an interchange record, keyed by external id: an unchanged re-import is skipped."""

    kind = models.CharField(max_length=10, choices=Embedding.Kind.choices)
    external_id = models.CharField(max_length=120)
    object_id = models.BigIntegerField()
    content_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "external_id"], name="uniq_pool_record")]

    def exists(self) -> bool:
        from candidates.models import CandidateProfile
        from employers.models import Vacancy

        model = CandidateProfile if self.kind == Embedding.Kind.CANDIDATE else Vacancy
        return model.objects.filter(pk=self.object_id, external_id=self.external_id).exists()


class MatchingWork(models.Model):
    """A change that still needs matching: the outbox of the matching engine.

    A changed profile or vacancy writes (or refreshes) its row in the transaction of the change; a task claims the
    row when it starts and deletes it when the run has consumed the request it saw. The broker only carries the
    wake-up call: if a message is lost (a Redis restart without persistence), given up after its retries (a long
    database outage) or dies with its worker, `matching.work.work_requeue_due` sends it again. Ids only, no personal
    data.
    """

    kind = models.CharField(max_length=10, choices=Embedding.Kind.choices)
    object_id = models.BigIntegerField()
    trigger = models.CharField(max_length=10, choices=MatchRun.Trigger.choices, default=MatchRun.Trigger.MANUAL)
    requested_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sends = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="uniq_matching_work")]
        indexes = [models.Index(fields=["requested_at"], name="matching_work_requested_idx")]
