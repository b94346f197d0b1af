"""A fresh clone has no var/ (git ignores it); loading the settings must create it, or the first migrate fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_settings_create_the_var_folder_a_fresh_clone_lacks(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "config", clone / "config")
    assert not (clone / "var").exists()
    code = "import config.settings.base as s; print(s.VAR_DIR)"
    result = subprocess.run([sys.executable, "-c", code], cwd=clone, capture_output=True, text=True, check=True)
    assert (clone / "var").is_dir()
    assert result.stdout.strip() == str(clone / "var")
