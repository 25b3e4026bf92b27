"""SARIF as GitHub code scanning reads it: repository-relative URIs with a declared base, a
helpUri per rule into the rule reference, fixes for safe fixes, fingerprints that survive edits
elsewhere in the file; still valid against the vendored SARIF 2.1.0 schema."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import BIN, CACHE_DIR, ROOT

SCHEMA = json.loads((ROOT / "tests/data/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
DOC = ("# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n\n"
       "## Timeline (UTC)\n\n- 10:00 Anna unfortunately restarted the node.\n")


def sarif(*args, cwd: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")}
    env["BLAMELESS_CACHE_DIR"] = str(CACHE_DIR)
    result = subprocess.run([str(BIN / "blameless"), "check", "--format", "sarif", *args],
                            capture_output=True, text=True, cwd=cwd, env=env)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return data


@pytest.fixture
def repo(tmp_path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pm.md").write_text(DOC)
    (tmp_path / "tools").mkdir()
    return tmp_path


def test_uris_are_relative_to_the_repository_root_whatever_path_was_given(repo):
    for args, cwd in ((["docs/pm.md"], repo), ([str(repo / "docs" / "pm.md")], repo),
                      (["../docs/pm.md"], repo / "tools")):
        run = sarif(*args, cwd=cwd)["runs"][0]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
        locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
        assert locations and all(loc == {"uri": "docs/pm.md", "uriBaseId": "%SRCROOT%"} for loc in locations)


def test_every_rule_has_a_help_uri_into_the_rule_reference(repo):
    driver = sarif("docs/pm.md", cwd=repo)["runs"][0]["tool"]["driver"]
    headings = {line[3:].strip().lower() for line in (ROOT / "docs/rules.md").read_text().splitlines()
                if line.startswith("## ")}
    for rule in driver["rules"]:
        base, anchor = rule["helpUri"].split("#")
        assert base.endswith("/docs/rules.md") and "pypi.org" not in base
        assert anchor == rule["id"].lower() and anchor in headings


def test_safe_fixes_are_sarif_fixes_that_blameless_fix_agrees_with(repo):
    results = sarif("docs/pm.md", cwd=repo)["runs"][0]["results"]
    t301 = next(r for r in results if r["ruleId"] == "T301")
    assert "fixes" not in next(r for r in results if r["ruleId"] == "B101")  # no safe fix, no fixes
    (change,) = t301["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "docs/pm.md", "uriBaseId": "%SRCROOT%"}
    (replacement,) = change["replacements"]
    region = replacement["deletedRegion"]
    lines = DOC.split("\n")
    line = lines[region["startLine"] - 1]
    assert region["endLine"] == region["startLine"]
    lines[region["startLine"] - 1] = (line[:region["startColumn"] - 1] + replacement["insertedContent"]["text"]
                                      + line[region["endColumn"] - 1:])
    subprocess.run([str(BIN / "blameless"), "fix", "docs/pm.md"], cwd=repo, capture_output=True, check=True)
    assert "\n".join(lines) == (repo / "docs" / "pm.md").read_text()


def test_fingerprints_survive_edits_elsewhere_in_the_file(repo):
    def prints():
        results = sarif("--no-cache", "docs/pm.md", cwd=repo)["runs"][0]["results"]
        return {r["ruleId"]: (r["partialFingerprints"]["blameless/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in results}

    before = prints()
    (repo / "docs" / "pm.md").write_text(DOC.replace("# Review\n", "# Review\n\nA new opening paragraph.\n"))
    after = prints()
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert after["B101"][1] == before["B101"][1] + 2
