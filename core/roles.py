"""The roles of the service. A user has exactly one; memberships and programme administration add scope."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    EMPLOYER = "employer", _("Employer member")
    CASEWORKER = "caseworker", _("Caseworker")
    PROGRAMME_ADMIN = "programme_admin", _("Programme administrator")
    STAFF = "staff", _("Staff")
