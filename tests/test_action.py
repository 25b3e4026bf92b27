"""The composite GitHub Action: its inputs, and its check steps run as a runner would run them
(the install step is the packaging test's `--require-hashes` install)."""
from __future__ import annotations

import json
import os
import re
import subprocess

import yaml

from conftest import BIN, CACHE_DIR, EXAMPLES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_action_is_composite_with_the_documented_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif-file", "annotations", "python-version"}
    install = next(s for s in ACTION["runs"]["steps"] if s.get("name", "").startswith("Install"))
    assert "--require-hashes -r \"$GITHUB_ACTION_PATH/requirements.lock\"" in install["run"]
    readme = (ROOT / "README.md").read_text()
    assert "github/codeql-action/upload-sarif" in readme and "sarif-file: blameless.sarif" in readme


def _step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def _run_step(step: dict, inputs: dict, cwd) -> subprocess.CompletedProcess:
    """Run a step's script with ${{ inputs.x }} (and the annotations switch) filled in."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1",
           "BLAMELESS_CACHE_DIR": str(CACHE_DIR)}
    for key, value in step.get("env", {}).items():
        expr = re.fullmatch(r"\$\{\{ (.*) \}\}", value).group(1)
        if expr.startswith("inputs.annotations"):
            env[key] = "github" if inputs["annotations"] == "true" else "text"
        else:
            env[key] = inputs[expr.removeprefix("inputs.")]
    return subprocess.run(["bash", "-e", "-c", step["run"]], capture_output=True, text=True, cwd=cwd, env=env)


def test_check_steps_write_sarif_and_annotate(tmp_path):
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "pm.md").write_text((EXAMPLES / "sample-postmortem.md").read_text())
    inputs = {"paths": "postmortems", "args": "--fail-on warning", "sarif-file": "out.sarif", "annotations": "true"}
    sarif = _run_step(_step("SARIF report"), inputs, tmp_path)
    assert sarif.returncode == 0, sarif.stderr  # the SARIF step never fails the job itself
    results = json.loads((tmp_path / "out.sarif").read_text())["runs"][0]["results"]
    assert results and results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("postmortems/")
    check = _run_step(_step("blameless check"), inputs, tmp_path)
    assert check.returncode == 1
    assert check.stdout.startswith("::warning file=postmortems/pm.md,line=")
    quiet = _run_step(_step("blameless check"), {**inputs, "args": "--fail-on error", "annotations": "false"}, tmp_path)
    assert quiet.returncode == 0 and "warning B101" in quiet.stdout
