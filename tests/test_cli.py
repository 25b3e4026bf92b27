"""The `blameless` command as a user runs it: output formats, exit codes, bad input, fixes."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT

SAMPLE = EXAMPLES / "sample-postmortem.md"
BLAME_DOC = "# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n"


def test_text_output_points_at_the_span_and_suggests_a_rewrite(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(BLAME_DOC, encoding="utf-8")
    result = cli("check", str(doc))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{doc}:5:1: warning B101 ")
    assert "[blame]" in lines[0]
    source_line = next(i for i, line in enumerate(lines) if "Dave forgot to renew" in line)
    underline = lines[source_line + 1]
    assert underline.split("|", 1)[1].startswith(" ^^^^")
    assert "suggestion:" in result.stdout and "renewing the certificate" in result.stdout.lower()
    assert lines[-1] == "Found 1 finding (1 warning) in 1 file."
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_clean_file_exits_zero_with_a_summary(cli, tmp_path):
    doc = tmp_path / "ok.md"
    doc.write_text("# Review\n\n## Root cause\n\nThe renewal job had no alert on failure.\n")
    result = cli("check", str(doc))
    assert result.returncode == 0, result.stdout
    assert "All clear" in result.stdout


def test_json_matches_the_documented_shape(cli):
    result = cli("check", "--format", "json", str(SAMPLE))
    data = json.loads(result.stdout)
    assert data["version"] == 1
    first = data["findings"][0]
    assert set(first) >= {"path", "rule", "category", "severity", "message", "suggestion", "line",
                          "column", "end_line", "end_column", "fixes"}
    assert data["summary"]["findings"] == len(data["findings"])
    blame = [f for f in data["findings"] if f["category"] == "blame"]
    assert {f["line"] for f in blame} >= {11, 30}


def test_columns_count_code_points_not_bytes(cli, tmp_path):
    doc = tmp_path / "emoji.md"
    doc.write_text("# Review\n\n## Root cause\n\n🔥 日本 Dave forgot to renew the certificate.\n",
                   encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(doc)).stdout)
    finding = next(f for f in data["findings"] if f["rule"] == "B101")
    assert (finding["line"], finding["column"]) == (5, 6)


def test_sarif_validates_against_the_2_1_0_schema(cli):
    result = cli("check", "--format", "sarif", str(SAMPLE))
    sarif = json.loads(result.stdout)
    schema = json.loads((ROOT / "tests/data/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
                           for r in results)
    rule_ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rule_ids


def test_github_format_emits_workflow_annotations(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(BLAME_DOC)
    out = cli("check", "--format", "github", str(doc)).stdout
    assert out.startswith(f"::warning file={doc},line=5,col=1,")
    assert "title=B101 blame::" in out


def test_folder_is_searched_and_stdin_is_read(cli, tmp_path):
    (tmp_path / "a.md").write_text(BLAME_DOC)
    (tmp_path / "notes.txt").write_text("Root cause\n\nThe purge came down to operator error.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    data = json.loads(cli("check", "--format", "json", str(tmp_path)).stdout)
    assert {Path(f["path"]).name for f in data["findings"]} == {"a.md", "notes.txt"}
    piped = json.loads(cli("check", "--format", "json", "-", input=BLAME_DOC).stdout)
    assert piped["findings"][0]["path"] == "stdin"


def test_select_ignore_and_fail_on(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(BLAME_DOC)
    assert cli("check", "--ignore", "B101", str(doc)).returncode == 0
    assert cli("check", "--ignore", "blame", str(doc)).returncode == 0
    assert cli("check", "--select", "B102", str(doc)).returncode == 0
    assert cli("check", "--fail-on", "error", str(doc)).returncode == 0
    assert cli("check", "--fail-on", "warning", str(doc)).returncode == 1


@pytest.mark.parametrize("setup,expected", [
    (lambda p: None, "no such file or directory"),
    (lambda p: p.write_bytes(b"\x00\x01\x02binary"), "binary"),
    (lambda p: p.write_bytes("caf\xe9".encode("latin-1")), "not UTF-8"),
    (lambda p: p.write_text("   \n"), "empty"),
])
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, setup, expected):
    target = tmp_path / "pm.md"
    setup(target)
    result = cli("check", str(target))
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_folder_without_postmortems_is_an_error(cli, tmp_path):
    (tmp_path / "x.py").write_text("print(1)\n")
    result = cli("check", str(tmp_path))
    assert result.returncode == 2 and "no postmortems found" in result.stderr


def test_a_bad_file_among_good_ones_is_skipped_with_a_warning(cli, tmp_path):
    (tmp_path / "good.md").write_text(BLAME_DOC)
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe\x00")
    result = cli("check", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    assert "bad.md" in result.stderr and "skipped" in result.stderr
    assert json.loads(result.stdout)["findings"]


def test_malformed_config_names_the_file_and_key(cli, tmp_path):
    (tmp_path / ".blameless.toml").write_text('select = ["B999"]\n')
    doc = tmp_path / "pm.md"
    doc.write_text(BLAME_DOC)
    result = cli("check", str(doc))
    assert result.returncode == 2
    assert ".blameless.toml" in result.stderr and "B999" in result.stderr
    (tmp_path / ".blameless.toml").write_text("select = [\n")
    result = cli("check", str(doc))
    assert result.returncode == 2 and "invalid TOML" in result.stderr


def test_config_file_is_found_by_walking_up(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.blameless]\nignore = ["B101"]\n')
    nested = tmp_path / "docs" / "incidents"
    nested.mkdir(parents=True)
    doc = nested / "pm.md"
    doc.write_text(BLAME_DOC)
    assert cli("check", str(doc)).returncode == 0
    other = tmp_path / "other.toml"
    other.write_text('[tool.blameless]\nselect = ["blame"]\n')
    assert cli("check", "--config", str(other), str(doc)).returncode == 1


def test_inline_suppression_comments(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Root cause\n\n<!-- blameless-disable-next-line B101 -->\n"
                   "Dave forgot to renew the certificate.\n\nHuman error caused it.\n")
    data = json.loads(cli("check", "--format", "json", str(doc)).stdout)
    assert [f["rule"] for f in data["findings"]] == ["B102"]
    doc.write_text("<!-- blameless-disable-file -->\n" + BLAME_DOC)
    assert cli("check", str(doc)).returncode == 0


def test_code_front_matter_and_links_are_never_checked(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("---\nnote: Dave forgot to renew the certificate.\n---\n\n# Review\n\n"
                   "```\nDave forgot to renew the certificate.\n```\n\n"
                   "See `human error` and [the log](https://example.com/human-error).\n")
    assert cli("check", str(doc)).returncode == 0


def test_rules_and_explain(cli):
    listing = cli("rules").stdout
    assert "B101" in listing and "person-as-cause" in listing
    explained = cli("explain", "b103")
    assert explained.returncode == 0
    assert "Why:" in explained.stdout and "Flags:" in explained.stdout
    unknown = cli("explain", "Z999")
    assert unknown.returncode == 2 and "unknown rule" in unknown.stderr


def test_fix_writes_atomically_only_when_asked_and_is_idempotent(cli, tmp_path):
    doc = tmp_path / "pm.md"
    original = ("# Review\n\n## Root cause\n\nAnna recklessly restarted every node at once.\n\n"
                "```\nAnna recklessly restarted\n```\n")
    doc.write_text(original)
    diff = cli("fix", "--diff", str(doc))
    assert "-Anna recklessly restarted every node" in diff.stdout
    assert "+Anna restarted every node at once." in diff.stdout
    assert doc.read_text() == original  # --diff writes nothing
    assert cli("fix", "--check", str(doc)).returncode == 1
    assert cli("fix", str(doc)).returncode == 0
    fixed = doc.read_text()
    assert "Anna restarted every node at once." in fixed
    assert "```\nAnna recklessly restarted\n```" in fixed  # code blocks are never touched
    assert cli("fix", str(doc)).returncode == 0 and doc.read_text() == fixed
    assert cli("fix", "--check", str(doc)).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pm.md.")]


def test_suppression_comments_shown_as_code_do_not_suppress(cli, tmp_path):
    """A README-style page that documents the comments in code must still be checked."""
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Root cause\n\n"
                   "Silence a file with `<!-- blameless-disable-file -->` at its top.\n\n"
                   "```markdown\n<!-- blameless-disable B101 -->\n```\n\n"
                   "    <!-- blameless-disable-next-line -->\n\n"
                   "Dave forgot to renew the certificate.\n")
    data = json.loads(cli("check", "--format", "json", str(doc)).stdout)
    assert [f["rule"] for f in data["findings"]] == ["B101"]


def test_suppression_ids_are_case_insensitive_and_may_be_listed(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Root cause\n\n"
                   "<!-- blameless-disable-next-line b101, Blame -->\n"
                   "Dave forgot to renew the certificate; human error.\n\n"
                   "<!-- blameless-disable-next-line B104 b101 -->\n"
                   "Anna recklessly restarted every node after Dave forgot to renew the certificate.\n")
    data = json.loads(cli("check", "--format", "json", str(doc)).stdout)
    assert data["findings"] == []


def test_json_written_piece_by_piece_is_the_indented_document(cli, tmp_path):
    """The JSON report is written a finding at a time (memory stays flat over many files); what
    arrives is still one document laid out as json.dumps(indent=2) lays it out."""
    clean = tmp_path / "clean.md"
    clean.write_text("# Review\n\n## Summary\n\nThe disk filled; writes failed for ten minutes.\n")
    names = [str(EXAMPLES / "sample-postmortem.md"), str(clean)]
    result = cli("check", "--format", "json", "--no-cache", "--fail-on", "never", *names)
    document = json.loads(result.stdout)
    assert document["findings"] and any(f["fixes"] for f in document["findings"])
    assert result.stdout == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    to_file = tmp_path / "report.json"
    cli("check", "--format", "json", "--no-cache", "--fail-on", "never", "-o", str(to_file), *names)
    assert to_file.read_text(encoding="utf-8") == result.stdout
    empty = cli("check", "--format", "json", "--no-cache", str(clean))
    assert json.loads(empty.stdout)["findings"] == [] and '"findings": [],' in empty.stdout


def test_a_reader_that_stops_early_gets_no_error(tmp_path):
    """`blameless check --format json ... | head`: the closed pipe ends the run quietly."""
    import subprocess

    from conftest import BIN

    big = tmp_path / "big.md"
    big.write_text((EXAMPLES / "sample-postmortem.md").read_text(encoding="utf-8") * 40, encoding="utf-8")
    run = subprocess.run(f"'{BIN / 'blameless'}' check --format json --no-cache '{big}' | head -c 10",
                         shell=True, capture_output=True, text=True)
    assert run.stdout == '{\n  "versi' and run.stderr == ""
