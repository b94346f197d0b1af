"""The production settings pass Django's deployment checks, and refuse to start without their required variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-only-0123456789abcdef",
    "ALLOWED_HOSTS": "talentpool.example",
    "DATABASE_URL": "postgres://talentpool@db.invalid:5432/talentpool",
    "SITE_URL": "https://talentpool.example",
}


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", *PRODUCTION_ENV}
    }
    return subprocess.run(  # noqa: PLW1510 - the tests read the return code
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=config.settings.production",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("variable", ["SECRET_KEY", "SITE_URL"])
def test_production_refuses_to_start_without_a_required_variable(variable):
    """SITE_URL too: without it, every link in an e-mail would point nowhere."""
    env = dict(PRODUCTION_ENV)
    del env[variable]
    result = _check(env)
    assert result.returncode != 0
    assert variable in result.stderr
