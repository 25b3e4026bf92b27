"""Every example in every rule pack runs as a test: `flag:` must be flagged by its rule on the
example's line, `pass:` must not be."""
from __future__ import annotations

import pytest

import blameless
from blameless.rules import load_rules
from conftest import example_document

CASES = [(rule.id, kind, example) for rule in load_rules()
         for kind, examples in (("flag", rule.flag), ("pass", rule.passes)) for example in examples]


@pytest.mark.parametrize("rule_id,kind,example", CASES,
                         ids=[f"{r}-{k}-{e.text[:40]}" for r, k, e in CASES])
def test_rule_example(rule_id, kind, example):
    text, line = example_document(example.text, example.context)
    hits = [f for f in blameless.check(text, config=blameless.Config(select=(rule_id,)))
            if f.rule == rule_id and (line == 0 or f.line == line)]
    if kind == "flag":
        assert hits, f"{rule_id} should flag: {example.text!r}"
    else:
        assert not hits, f"{rule_id} should leave alone: {example.text!r}; got {hits[0].message}"


def test_every_rule_has_examples_of_both_kinds():
    for rule in load_rules():
        assert rule.flag and rule.passes, rule.id
