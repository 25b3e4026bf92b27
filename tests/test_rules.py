"""Rule packs are validated on load, and the grammar checks read hand-built parses correctly."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import spacy
from spacy.tokens import Doc

from blameless.checks.people import is_past, person_kind, subjects
from blameless.lexicon import english
from blameless.rules import RulePackError, load_pack, load_rules

GOOD_RULE = """
rules:
  - id: B190
    name: test-rule
    category: blame
    severity: warning
    phrases: [scapegoated]
    message: m
    rationale: r
    suggestion: s
    examples: {flag: [They scapegoated him.], pass: [Fine.]}
"""


def write(tmp_path, text):
    path = tmp_path / "pack.yml"
    path.write_text(textwrap.dedent(text))
    return path


def test_a_valid_pack_loads(tmp_path):
    [rule] = load_pack(write(tmp_path, GOOD_RULE))
    assert (rule.id, rule.category, rule.phrases) == ("B190", "blame", ("scapegoated",))


@pytest.mark.parametrize("change,where", [
    (("    message: m\n", ""), "missing required field 'message'"),
    (("id: B190", "id: X1"), "rule X1.id"),
    (("category: blame", "category: vibes"), "unknown category 'vibes'"),
    (("severity: warning", "severity: loud"), "rule B190.severity"),
    (("phrases: [scapegoated]", "check: no_such_check"), "no check named 'no_such_check'"),
    (("examples: {flag: [They scapegoated him.], pass: [Fine.]}", "examples: {flag: [x]}"),
     "needs at least one 'flag' and one 'pass' example"),
    (("    name: test-rule\n", "    name: test-rule\n    colour: red\n"), "rule B190.colour: unknown field"),
    (("rules:", "rules: [\n"), "invalid YAML"),
])
def test_malformed_packs_name_the_file_and_the_field(tmp_path, change, where):
    path = write(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(RulePackError) as err:
        load_pack(path)
    assert str(err.value).startswith(str(path)) and where in str(err.value)


def test_cli_reports_a_broken_extra_pack_in_one_line(cli, tmp_path):
    write(tmp_path, GOOD_RULE.replace("category: blame", "category: vibes"))
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["pack.yml"]\n')
    doc = tmp_path / "pm.md"
    doc.write_text("# x\n\nText.\n")
    result = cli("check", str(doc))
    assert result.returncode == 2 and "pack.yml" in result.stderr and "category" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_extra_pack_rules_run(cli, tmp_path):
    write(tmp_path, GOOD_RULE)
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["pack.yml"]\n')
    doc = tmp_path / "pm.md"
    doc.write_text("# x\n\nThey scapegoated the new hire.\n")
    assert "B190" in cli("check", str(doc)).stdout


def test_ids_are_unique_and_well_formed():
    ids = [r.id for r in load_rules()]
    assert len(ids) == len(set(ids))
    prefixes = {"blame": "B1", "action-item": "A2", "timeline": "T3", "structure": "S4",
                "redaction": "R5"}
    assert all(r.id.startswith(prefixes[r.category]) for r in load_rules())


def test_rules_and_explain_do_not_import_spacy():
    code = ("import sys; from click.testing import CliRunner; from blameless.cli import main; "
            "r = CliRunner().invoke(main, ['explain', 'B101']); assert r.exit_code == 0; "
            "CliRunner().invoke(main, ['rules']); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


# -- grammar on hand-built parses (fast, deterministic; no statistical model involved) ---------

def words(name):
    return english().words(name)


VOCAB = spacy.blank("en").vocab  # lexical attributes (LOWER...) without a statistical model


def build(words_, heads, deps, pos, tags=None):
    return Doc(VOCAB, words=words_, heads=heads, deps=deps, pos=pos, tags=tags)


def test_role_nouns_names_and_handles_are_people_but_systems_are_not():
    doc = build(["The", "DBA", "and", "Jenkins", "and", "Priya", "and", "@kim"],
                [1, 1, 1, 1, 3, 3, 5, 5],
                ["det", "ROOT", "cc", "conj", "cc", "conj", "cc", "conj"],
                ["DET", "PROPN", "CCONJ", "PROPN", "CCONJ", "PROPN", "CCONJ", "PROPN"])
    kinds = {t.text: person_kind(t, words) for t in doc if t.pos_ == "PROPN"}
    assert kinds == {"DBA": "person", "Jenkins": None, "Priya": "person", "@kim": "person"}


def test_subject_is_inherited_through_forgot_to():
    # Omar forgot to rotate the key
    doc = build(["Omar", "forgot", "to", "rotate", "the", "key"], [1, 1, 3, 1, 5, 3],
                ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj"],
                ["PROPN", "VERB", "PART", "VERB", "DET", "NOUN"], ["NNP", "VBD", "TO", "VB", "DT", "NN"])
    assert [t.text for t in subjects(doc[3])] == ["Omar"]
    assert is_past(doc[3])


def test_modal_clauses_are_not_past_events():
    # You can make mistakes
    doc = build(["You", "can", "make", "mistakes"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"],
                ["PRON", "AUX", "VERB", "NOUN"], ["PRP", "MD", "VB", "NNS"])
    assert not is_past(doc[2])


def test_rule_reference_is_up_to_date(cli):
    """docs/rules.md (linked from every editor diagnostic) matches the rule packs."""
    from conftest import ROOT

    generated = cli("rules", "--format", "markdown").stdout
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated, (
        "regenerate with: blameless rules --format markdown > docs/rules.md")
