"""A project's own rule pack (extend-rules) is a first-class part of its rule set: it runs, and
`rules`, `explain`, SARIF and the editor's hover all know it."""
from __future__ import annotations

import json
import textwrap

PACK = """
rules:
  - id: B190
    name: scapegoating
    category: blame
    severity: warning
    phrases: [scapegoated, scapegoating]
    message: "“{match}” singles out a person to carry the blame"
    rationale: "Our house rule: naming a scapegoat ends the inquiry before it reaches the system."
    suggestion: Describe what the process allowed instead of who is to blame.
    examples: {flag: [The review scapegoated the release manager.], pass: [The review found two gaps.]}
"""


def project(tmp_path):
    (tmp_path / "house.yml").write_text(textwrap.dedent(PACK), encoding="utf-8")
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["house.yml"]\n', encoding="utf-8")
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Root cause\n\nThe meeting scapegoated the on-call.\n", encoding="utf-8")
    return doc


def test_an_extra_packs_rule_runs_with_its_own_message(cli, tmp_path):
    doc = project(tmp_path)
    found = json.loads(cli("check", "--format", "json", str(doc)).stdout)["findings"]
    [b190] = [f for f in found if f["rule"] == "B190"]
    assert b190["message"] == "“scapegoated” singles out a person to carry the blame"
    assert (b190["line"], b190["column"]) == (5, 13)


def test_rules_and_explain_find_the_projects_rule_from_its_folder(cli, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("project")
    project(tmp_path)
    listed = cli("rules", cwd=tmp_path).stdout
    assert "B190" in listed and "scapegoating" in listed
    explained = cli("explain", "b190", cwd=tmp_path)
    assert explained.returncode == 0
    assert "Our house rule" in explained.stdout and "The review scapegoated" in explained.stdout
    # outside the project the rule is unknown, unless its config is named
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert cli("explain", "B190", cwd=elsewhere).returncode == 2
    assert cli("explain", "B190", "--config", str(tmp_path / ".blameless.toml"), cwd=elsewhere).returncode == 0


def test_sarif_describes_the_projects_rule(cli, tmp_path):
    doc = project(tmp_path)
    sarif = json.loads(cli("check", "--format", "sarif", str(doc)).stdout)
    driver = sarif["runs"][0]["tool"]["driver"]
    described = {r["id"]: r for r in driver["rules"]}
    assert described["B190"]["fullDescription"]["text"].startswith("Our house rule")
    assert described["B190"]["shortDescription"]["text"] == "“‹match›” singles out a person to carry the blame"
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "B190")
    assert driver["rules"][result["ruleIndex"]]["id"] == "B190"


def test_a_selector_may_name_the_projects_rule(cli, tmp_path):
    doc = project(tmp_path)
    out = cli("check", "--format", "json", "--select", "B190", str(doc))
    assert {f["rule"] for f in json.loads(out.stdout)["findings"]} == {"B190"}
    bad = cli("check", "--select", "B191", str(doc))
    assert bad.returncode == 2 and "B191" in bad.stderr


def test_a_token_pattern_rule_is_prefiltered_by_the_words_it_requires(tmp_path):
    from blameless.rules import load_pack

    (tmp_path / "p.yml").write_text(textwrap.dedent("""
        rules:
          - id: B191
            name: thrown-under-the-bus
            category: blame
            severity: warning
            patterns: [[{LEMMA: throw}, {LOWER: under}, {LOWER: the, OP: "?"}, {LOWER: bus}]]
            message: "“{match}”: a person is made to carry the blame"
            rationale: r
            suggestion: s
            examples: {flag: [He was thrown under the bus.], pass: [The bus was late.]}
        """), encoding="utf-8")
    [rule] = load_pack(tmp_path / "p.yml")
    assert {"threw", "thrown", "throwing", "under", "bus"} <= rule.triggers
    assert "the" not in rule.triggers  # optional tokens are not required
