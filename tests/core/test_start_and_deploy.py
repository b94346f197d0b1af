"""What a newcomer and a deployment meet first: static files that collect under the production storage, and no
debug pages that list the product's URLs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_builds_the_production_manifest(settings, tmp_path):
    """The manifest storage fails on any reference it cannot resolve (a vendored file's missing .map did that, and
    every production page answered 500 without a manifest)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/chart.umd.min.js" in manifest
    assert "css/site.css" in manifest


def _local_debug(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    code = "import config.settings.local as s; print(s.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_embedded_default_runs_without_debug_unless_asked():
    assert _local_debug() == "False"
    assert _local_debug(DEBUG="1") == "True"


@pytest.mark.django_db
def test_an_unknown_address_answers_a_plain_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "URLconf" not in body and "urlpatterns" not in body
