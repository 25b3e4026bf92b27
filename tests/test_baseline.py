"""`blameless baseline` records today's findings; `check --baseline` reports only new ones,
matched by rule, file and flagged text, so edits elsewhere do not bring old findings back."""
from __future__ import annotations

import json
from pathlib import Path

DOC = ("# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n\n"
       "The deploy came down to human error.\n")


def test_baseline_then_check_reports_only_new_findings(cli, tmp_path):
    archive = tmp_path / "postmortems"
    archive.mkdir()
    old = archive / "2019-01-01.md"
    old.write_text(DOC)
    baseline = tmp_path / "blameless-baseline.json"
    written = cli("baseline", str(archive), "-o", str(baseline))
    assert written.returncode == 0 and "Wrote 2 findings from 1 file" in written.stderr
    rows = json.loads(baseline.read_text())["findings"]
    assert {(r["rule"], r["path"]) for r in rows} == {("B101", "postmortems/2019-01-01.md"),
                                                       ("B102", "postmortems/2019-01-01.md")}

    clean = cli("check", "--baseline", str(baseline), str(archive))
    assert clean.returncode == 0 and "All clear" in clean.stdout
    assert "2 findings in the baseline" in clean.stderr

    # an edit elsewhere (new lines above) does not resurrect them
    old.write_text("# Review\n\nA new opening paragraph about the outage.\n\n" + DOC[len("# Review\n\n"):])
    assert cli("check", "--baseline", str(baseline), str(archive)).returncode == 0

    # a new finding, in the same file or a new one, is reported; the old ones stay hidden
    old.write_text(old.read_text() + "\nMaria skipped the checklist.\n")
    (archive / "2026-03-10.md").write_text("# Review\n\n## Root cause\n\nAna forgot to rotate the key.\n")
    data = json.loads(cli("check", "--format", "json", "--baseline", str(baseline), str(archive)).stdout)
    assert sorted((Path(f["path"]).name, f["rule"]) for f in data["findings"]) == [
        ("2019-01-01.md", "B101"), ("2026-03-10.md", "B101")]
    assert all("Dave" not in f["message"] for f in data["findings"])

    # rewording the flagged sentence makes it a new finding
    old.write_text(DOC.replace("Dave forgot to renew", "Dave forgot to rotate"))
    result = cli("check", "--baseline", str(baseline), "-q", str(old))
    assert result.returncode == 1 and "B101" in result.stdout and "B102" not in result.stdout


def test_bad_baseline_is_one_line_and_exit_2(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(DOC)
    for content, expected in ((None, "baseline file not found"), ("{oops", "invalid baseline"),
                              ('{"findings": []}', "not a blameless baseline")):
        baseline = tmp_path / "b.json"
        if content is None:
            baseline.unlink(missing_ok=True)
        else:
            baseline.write_text(content)
        result = cli("check", "--baseline", str(baseline), str(doc))
        assert result.returncode == 2 and expected in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
