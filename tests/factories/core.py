from __future__ import annotations

import factory

from core.models import User
from core.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    role = Role.CANDIDATE
    email_verified = True
    password = factory.django.Password("correct-horse-battery-staple")  # hashed at build: no second save
