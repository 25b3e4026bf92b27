"""Hostile rule packs (issue 13): patterns are compiled and budgeted when the pack loads, and no
pattern can hang a check or exhaust memory."""
from __future__ import annotations

import json
import textwrap
import warnings

import pytest

import blameless
from blameless import Config, RulePackError
from blameless.patterns import MAX_SPAN
from blameless.rules import load_rules

PACK = """
rules:
  - id: B190
    name: test-rule
    category: blame
    severity: warning
    patterns: {patterns}
    needs_parse: true
    message: m
    rationale: r
    suggestion: s
    examples: {{flag: [x], pass: [y]}}
"""


def pack(tmp_path, patterns) -> str:
    path = tmp_path / "pack.yml"
    path.write_text(textwrap.dedent(PACK.format(patterns=json.dumps(patterns))))
    return str(path)


@pytest.mark.parametrize("patterns,problem", [
    ([[{"NOPE": "x"}]], "rule B190: patterns"),
    ([[{"LOWER": {"REGEX": "("}}]], "is not a valid regular expression"),
    ([[{"OP": "*"}, {"OP": "*"}, {"OP": "*"}]], "more than 2 quantified tokens"),
    ([[{"LOWER": "a"}, {"OP": "{0,50}"}]], f"spans more than {MAX_SPAN} tokens"),
    ([[{"LOWER": "a", "OP": "many"}]], "OP 'many'"),
    ([[{"LOWER": "a"}] * 31], "31 tokens"),
])
def test_a_bad_pattern_fails_when_the_pack_loads_naming_file_and_rule(tmp_path, patterns, problem):
    path = pack(tmp_path, patterns)
    with pytest.raises(RulePackError) as err:
        load_rules((path,))
    message = str(err.value)
    assert message.startswith(f"{path}: rule B190") and problem in message
    assert "\n" not in message


def test_cli_names_an_invalid_token_pattern_in_one_line(cli, tmp_path):
    pack(tmp_path, [[{"NOPE": "x"}]])
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["pack.yml"]\n')
    doc = tmp_path / "pm.md"
    doc.write_text("# x\n\nSome text here.\n")
    result = cli("check", "--format", "json", str(doc))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "pack.yml: rule B190" in result.stderr


def test_wildcards_on_a_long_paragraph_stay_bounded(tmp_path):
    # Three "*" tokens used to take 16.7 GB on 400 words; two are allowed, each capped at MAX_SPAN.
    path = pack(tmp_path, [[{"LOWER": "the"}, {"OP": "*"}, {"OP": "*"}, {"LOWER": "failed"}]])
    text = "## Root cause\n\n" + "the queue and the cache " * 100 + "the job failed.\n"
    findings = blameless.check(text, config=Config(extend_rules=(path,)))
    spans = [f.span for f in findings if f.rule == "B190"]
    assert spans and all(s.end - s.start < 120 for s in spans)  # no match spans more than 2+8+8 tokens


def test_a_catastrophic_regex_is_abandoned_with_one_warning(tmp_path):
    path = pack(tmp_path, [[{"TEXT": {"REGEX": "^(a|aa)+b$"}}]])
    config = Config(extend_rules=(path,), time_budget=1)
    text = f"## Root cause\n\nDave forgot to renew the certificate. {'a' * 60}!\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        findings = blameless.check(text, config=config)
    notes = [str(w.message) for w in caught if issubclass(w.category, blameless.CheckIncomplete)]
    assert len(notes) == 1 and "time budget" in notes[0]
    assert all(f.rule != "B190" for f in findings)


def test_cli_warns_once_when_the_budget_runs_out_and_reports_the_rest(cli, tmp_path):
    pack(tmp_path, [[{"TEXT": {"REGEX": "^(a|aa)+b$"}}]])
    # 3 s: the fine file's check must stay well inside it on a loaded machine
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["pack.yml"]\ntime-budget = 3\n')
    slow, fine = tmp_path / "slow.md", tmp_path / "fine.md"
    slow.write_text(f"## Root cause\n\n{'a' * 60}!\n")
    fine.write_text("## Root cause\n\nDave forgot to renew the certificate.\n")
    result = cli("check", "--format", "json", "--fail-on", "never", str(slow), str(fine))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("time budget") == 1 and "slow.md" in result.stderr
    assert "B101" in {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_regex_predicates_still_match(tmp_path):
    path = pack(tmp_path, [[{"LOWER": {"REGEX": "^scape.*ed$"}}, {"POS": "PRON"}]])
    findings = blameless.check("## Root cause\n\nThey scapegoated him again.\n",
                               config=Config(extend_rules=(path,)))
    assert [f.rule for f in findings if f.rule == "B190"] == ["B190"]
