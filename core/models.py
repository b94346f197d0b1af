from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import permissions
from core.roles import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.STAFF)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Logs in with an e-mail address. The role decides which part of the service the user works in."""

    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CANDIDATE)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    email_verified = models.BooleanField(default=False)
    # Signed up through a public sign-up page and not yet opened the link mailed to the address: inactive until then,
    # so that a sign-up page never tells whether an address already has an account.
    signup_pending = models.BooleanField(default=False)
    preferred_language = models.CharField(max_length=8, default="en")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    # Role checks for templates and code that holds a user; each is the predicate of core.permissions.
    @property
    def is_candidate(self) -> bool:
        return bool(permissions.is_candidate(self))

    @property
    def is_employer(self) -> bool:
        return bool(permissions.is_employer(self))

    @property
    def is_case_officer(self) -> bool:
        """A caseworker or staff: whoever works the review queue."""
        return bool(permissions.is_case_officer(self))

    @property
    def is_programme_admin(self) -> bool:
        return bool(permissions.is_programme_admin(self))

    @property
    def is_staff_role(self) -> bool:
        return bool(permissions.is_staff_role(self))


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes are refused too; the retention purge (core.audit.purge_logs_older_than) is the only deletion."""

    def update(self, **kwargs: object) -> int:
        raise PermissionError(f"{self.model.__name__} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{self.model.__name__} rows are append-only")

    def bulk_update(self, objs: object, fields: object, batch_size: int | None = None) -> int:
        raise PermissionError(f"{self.model.__name__} rows are append-only")

    def redact(self, *fields: str) -> int:
        """Empty free-text fields of these rows (a data subject's erasure): the one change the audit trail allows.
        The rows, with who decided what and when, stay."""
        for name in fields:
            if not isinstance(self.model._meta.get_field(name), models.TextField):
                raise PermissionError(f"only free-text fields of {self.model.__name__} can be redacted")
        return super().update(**dict.fromkeys(fields, ""))


class AppendOnlyModel(models.Model):
    """A row that the application can add but never change or delete (audit duty)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError(f"{type(self).__name__} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{type(self).__name__} rows are append-only")


class AccessLog(AppendOnlyModel):
    """Who viewed which part of whose personal data, when, and why. Purged only by the retention task."""

    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_role = models.CharField(max_length=20, choices=Role.choices)
    subject_candidate_id = models.BigIntegerField(db_index=True)
    part = models.CharField(max_length=40)
    purpose = models.CharField(max_length=80)
    path = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]


class DecisionLog(AppendOnlyModel):
    """Every human decision in the review and hiring flow (AI Act logging)."""

    actor = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_role = models.CharField(max_length=20, choices=Role.choices)
    subject_type = models.CharField(max_length=40)
    subject_id = models.BigIntegerField()
    action = models.CharField(max_length=40)
    reason_code = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]


class OutboxEvent(models.Model):
    """One piece of upward news (core.events), written in the sender's transaction and delivered after commit."""

    name = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=models.Q(delivered_at__isnull=True), name="outbox_due_idx"
            )
        ]


class IdempotencyKey(models.Model):
    """A create request already answered: the same user sending the same key again gets the same object.

    Web forms carry a key in a hidden field (one per form shown), API clients send an `Idempotency-Key` header.
    The unique constraint makes a second, concurrent request wait for the first and then find its object.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    object_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "scope", "key"], name="uniq_idempotency_key")]
