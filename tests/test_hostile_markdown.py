"""Hostile Markdown: shapes that used to crash, drop text, or take quadratic time (issue 13).

No test here times anything: each builds an input that made the old scanners quadratic at a
size where they took minutes, and checks the answer (benchmarks/adversarial.py shows 1x vs 8x).
"""
from __future__ import annotations

import blameless
from blameless.document import mask_inline, parse
from blameless.inline_scan import code_spans, html_comments, inline_links

BLAME = "Dave forgot to renew the certificate."


def rules(text: str) -> list[str]:
    return [f.rule for f in blameless.check(text)]


def test_lone_cr_is_a_line_ending():
    assert blameless.check("a\rb") == []
    findings = blameless.check(f"## Root cause\r\r{BLAME}\r")
    assert [(f.rule, f.line, f.column) for f in findings] == [("B101", 3, 1)]
    doc = parse("one\rtwo\r\nthree\nfour")
    assert [doc.line_text(n) for n in range(1, 5)] == ["one", "two", "three", "four"]


def test_lone_surrogate_is_checked_not_a_crash():
    findings = blameless.check(f"## Root cause\n\n{BLAME} \ud800\n")
    assert [f.rule for f in findings] == ["B101"]


def test_text_nested_deep_in_blockquotes_is_checked():
    for depth in (20, 25, 60):
        assert rules("## Root cause\n\n" + "> " * depth + BLAME + "\n") == ["B101"], depth


def test_pathological_nesting_does_not_crash():
    for text in (">" * 100_000 + " " + BLAME, "- " * 5000 + BLAME, "[" * 10_000 + "]" * 10_000):
        assert isinstance(blameless.check("## Root cause\n\n" + text + "\n"), list)


def test_code_spans_follow_commonmark_backtick_runs():
    text = "a `` `x` `` b ``` c ` d `e` \\`f` g"
    assert [text[s:e] for s, e in code_spans(text)] == ["`` `x` ``", "` d `", "` \\`"]
    assert code_spans("``` a `` b ` c") == []  # no run closes another of its length


def test_backtick_runs_of_distinct_lengths_at_scale():
    runs = "".join("`" * n + " a " for n in range(2, 1000))  # ~500 KB, no run closes
    assert code_spans(runs) == []
    assert mask_inline(runs + "`x`") == runs + "X  "


def test_unclosed_links_and_comments_at_scale():
    assert inline_links("[x](" * 100_000) == []
    assert inline_links("see [a](b) and [c][d] ") == [(4, 5, 6, 10), (15, 16, 17, 21)]
    assert html_comments("<!-- a " * 100_000) == []
    masked = mask_inline("say <!-- a --> and <!-- b " + "<!-- c " * 50_000)
    assert masked.startswith("say            and <!-- b")


def test_unterminated_suppression_is_not_a_suppression():
    text = f"## Root cause\n\n{BLAME} <!-- blameless-disable B101 " * 2000
    doc = parse(text)
    assert doc.suppressions == []
    closed = parse(f"<!-- blameless-disable B101 -->\n\n## Root cause\n\n{BLAME}\n")
    assert [(s.action, sorted(s.rules)) for s in closed.suppressions] == [("disable", ["B101"])]


def test_emphasis_heavy_paragraph_is_masked_in_full():
    text = "*a " * 300_000
    masked = mask_inline(text)
    assert len(masked) == len(text) and "*" not in masked
