"""Incident facts: milestones read from the timeline, `blameless facts`, the JSON facts of
`check`, and the consistency rules (S404-S408) on the checkout-migration example."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import EXAMPLES

import blameless
from blameless.document import parse
from blameless.readers.facts import facts
from blameless.readers.milestones import classify

CHECKOUT = EXAMPLES / "checkout-migration.md"
CONSISTENCY = ("S404", "S405", "S406", "S407", "S408")
FACT_KEYS = {"path", "timezone", "started", "impact_started", "detected", "acknowledged",
             "mitigated", "resolved", "time_to_detect_min", "time_to_acknowledge_min",
             "time_to_mitigate_min", "time_to_resolve_min", "impact_duration_stated_min", "lines"}


@pytest.mark.parametrize("entry,milestone", [
    ("Deployed build 4127 of the billing service to production", "started"),
    ("Card payments began failing with 502s", "impact_started"),
    ("Alert fired: queue depth above 10,000", "detected"),
    ("A merchant reported failed refunds in the support channel", "detected"),
    ("Ana acknowledged the page and opened the dashboard", "acknowledged"),
    ("Rolled back to build 4126; error rate back to normal", "mitigated"),
    ("Failed over to the standby region", "mitigated"),
    ("Incident declared resolved", "resolved"),
    ("Detected: the nightly export had not run", "detected"),
    ("**Impact start** — checkout requests time out", "impact_started"),
    ("Attempted a rollback; the rollback hung", None),
    ("Discussed the dashboard layout", None),
])
def test_entries_are_classified_by_the_lexicon(entry, milestone):
    assert classify(entry) == milestone


def _facts(cli, *args):
    result = cli("facts", "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["facts"]


def test_checkout_example_facts_are_read_from_its_timeline(cli):
    [row] = _facts(cli, str(CHECKOUT))
    assert set(row) == FACT_KEYS
    assert row["timezone"] == "UTC"
    assert row["impact_started"] == "2026-03-10T09:14Z"
    assert row["detected"] == "2026-03-10T09:24Z"
    assert row["mitigated"] == "2026-03-10T09:59Z"
    assert row["resolved"] == "2026-03-10T10:05Z"
    assert (row["time_to_detect_min"], row["time_to_mitigate_min"], row["time_to_resolve_min"]) == (10, 45, 51)
    assert row["impact_duration_stated_min"] == 45
    lines = CHECKOUT.read_text(encoding="utf-8").splitlines()
    assert lines[row["lines"]["impact_started"] - 1].startswith("| 09:14 |")
    assert lines[row["lines"]["resolved"] - 1].startswith("| 10:05 |")
    assert "45 minutes" in lines[row["lines"]["impact_duration_stated_min"] - 1]


def test_checkout_example_has_no_consistency_finding():
    findings = blameless.check(CHECKOUT.read_text(encoding="utf-8"))
    assert not [f for f in findings if f.rule in CONSISTENCY]


def test_a_wrong_summary_duration_is_one_finding_naming_both_numbers(cli, tmp_path):
    text = CHECKOUT.read_text(encoding="utf-8")
    assert text.count("for 45 minutes") == 1
    doc = tmp_path / "pm.md"
    doc.write_text(text.replace("for 45 minutes", "for 20 minutes"), encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(doc)).stdout)
    found = [f for f in data["findings"] if f["rule"] in CONSISTENCY]
    assert len(found) == 1 and found[0]["rule"] == "S404"
    message = found[0]["message"]
    assert "20 minutes" in message and "45 minutes" in message
    assert "line 8" in message and "line 25" in message and "line 35" in message
    assert (found[0]["line"], found[0]["column"]) == (8, 87)


def test_the_tolerance_is_configurable(tmp_path):
    text = CHECKOUT.read_text(encoding="utf-8").replace("for 45 minutes", "for 36 minutes")
    default = blameless.check(text, config=blameless.Config(select=("S404",)))
    assert [f.rule for f in default] == ["S404"]  # 9 minutes off: more than 10% and 5 minutes
    (tmp_path / ".blameless.toml").write_text("[rules.S404]\ntolerance-minutes = 10\n")
    config = blameless.config_for(tmp_path / "pm.md")
    assert not [f for f in blameless.check(text, config=config) if f.rule == "S404"]


def test_check_json_has_one_facts_object_per_file(cli, tmp_path):
    (tmp_path / "a.md").write_text(CHECKOUT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.md").write_text("# Review\n\n## Root cause\n\nThe disk filled up.\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(tmp_path)).stdout)
    assert [row["path"] for row in data["facts"]] == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    assert all(set(row) == FACT_KEYS for row in data["facts"])
    assert data["facts"][0]["mitigated"] == "2026-03-10T09:59Z"
    empty = data["facts"][1]
    assert empty["timezone"] is None and empty["detected"] is None and empty["time_to_detect_min"] is None


def test_facts_works_on_a_folder_as_a_table_and_csv(cli, tmp_path):
    (tmp_path / "checkout.md").write_text(CHECKOUT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "night.md").write_text(NIGHT, encoding="utf-8")
    table = cli("facts", str(tmp_path))
    assert table.returncode == 0
    assert f"{tmp_path / 'checkout.md'} (times in UTC)" in table.stdout
    assert any(line.split()[:2] == ["detected", "2026-03-10T09:24Z"] for line in table.stdout.splitlines())
    rows = list(csv.DictReader(io.StringIO(cli("facts", "--format", "csv", str(tmp_path)).stdout)))
    assert [r["path"] for r in rows] == [str(tmp_path / "checkout.md"), str(tmp_path / "night.md")]
    assert rows[0]["impact_started"] == "2026-03-10T09:14Z" and rows[0]["impact_started_line"] == "25"


def test_facts_on_bad_input_is_one_line_and_exit_2(cli, tmp_path):
    result = cli("facts", str(tmp_path / "missing.md"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


NIGHT = """# Review: nightly export

## Timeline (UTC)

- 2026-05-03 23:40 Export jobs began failing with disk-full errors.
- 23:52 Alert fired for the failed export.
- 00:20 Freed disk space and restarted the export; jobs recovered.
- 00:35 Incident resolved.
"""


def test_day_roll_over_and_dates_make_times_absolute():
    f = facts(parse(NIGHT)).as_dict()
    assert f["impact_started"] == "2026-05-03T23:40Z"
    assert f["mitigated"] == "2026-05-04T00:20Z"
    assert f["resolved"] == "2026-05-04T00:35Z"
    assert (f["time_to_detect_min"], f["time_to_mitigate_min"], f["time_to_resolve_min"]) == (12, 40, 55)
    assert not [x for x in blameless.check(NIGHT) if x.rule in CONSISTENCY]


def test_without_a_date_times_stay_clock_times_and_an_explicit_label_wins():
    text = ("# Review\n\nDetected: 10:05 PST\n\n## Timeline (PST)\n\n- 09:50 Search requests began failing.\n"
            "- 10:10 Alert fired.\n- 10:40 Rolled back the index change.\n")
    f = facts(parse(text)).as_dict()
    assert f["timezone"] == "PST"
    assert (f["impact_started"], f["detected"], f["mitigated"]) == ("09:50", "10:05", "10:40")
    assert f["lines"]["detected"] == 3


def test_no_finding_when_the_summary_states_no_number():
    text = CHECKOUT.read_text(encoding="utf-8").replace("for 45 minutes", "for a while")
    text = text.replace("- Duration: 45 minutes (09:14 to 09:59 UTC)\n", "")
    assert facts(parse(text)).as_dict()["impact_duration_stated_min"] is None
    assert not [f for f in blameless.check(text) if f.rule in CONSISTENCY]


def test_readme_documents_the_facts_object_that_check_prints(cli):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Incident facts")
    block = readme[readme.index("```json", start) + 7:readme.index("```", readme.index("```json", start) + 7)]
    documented = json.loads(block)
    data = json.loads(cli("check", "--format", "json", str(CHECKOUT)).stdout)
    [row] = data["facts"]
    row["path"] = documented["path"]
    assert documented == row
