"""The pre-commit hooks, run by the real pre-commit against a temporary git repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT


def test_hooks_file_declares_check_and_fix():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"blameless-check", "blameless-fix"}
    assert hooks["blameless-check"]["entry"].startswith("blameless check")
    assert hooks["blameless-fix"]["entry"].startswith("blameless fix")
    assert all(h["language"] == "python" and "markdown" in h["types_or"] for h in hooks.values())


@pytest.mark.slow
def test_pre_commit_try_repo_flags_the_sample_postmortem(tmp_path):
    repo = tmp_path / "docs-repo"
    (repo / "postmortems").mkdir(parents=True)
    shutil.copy(EXAMPLES / "sample-postmortem.md", repo / "postmortems" / "2026-10-14-search.md")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "BLAMELESS_CACHE_DIR")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com", NO_COLOR="1")
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True, env=env)
    subprocess.run([*git, "add", "."], check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", "postmortem"], check=True, env=env)
    result = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files",
                             "--color", "never"], capture_output=True, text=True, cwd=repo, env=env, timeout=1200)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "blameless check" in out and "blameless fix" in out
    assert "postmortems/2026-10-14-search.md:11:1: warning B101 " in out
    assert "files were modified by this hook" in out  # blameless-fix removed "unfortunately"
    fixed = (repo / "postmortems" / "2026-10-14-search.md").read_text()
    assert "Irene restarted the search nodes" in fixed and "unfortunately" not in fixed
