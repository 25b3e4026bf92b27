"""Shared by tests/test_fuzz.py (small fixed budget, in CI) and benchmarks/fuzz.py (long runs):
hypothesis strategies that build hostile postmortems, and the properties every input must keep.

Properties: no exception; every span inside the text, its line/column matching its offsets
(lines end at LF, CRLF or a lone CR); fix is idempotent; fix leaves code blocks and inline code
byte-identical; results do not depend on what was checked before in the process.
"""
from __future__ import annotations

import re

from hypothesis import strategies as st

import blameless

WORDS = ("Dave", "Priya", "the", "on-call", "engineer", "forgot", "blamed", "carelessly",
         "recklessly", "obviously", "finally", "unfortunately", "restarted", "the", "database",
         "deploy", "failed", "at", "14:02", "UTC", "should", "have", "TBD", "owner", "@alice",
         "investigate", "improve", "monitoring", "[Incident", "Title]", "YYYY-MM-DD", "é", "—",
         "😀", "\u200b", "\x1b[31m", "\\", "|", "*", "_", "~~", "<b>", "</b>", "<!--", "-->",
         "[x](", "](", "http://example.com/a_b", "`", "``", "```", "` `", "``x``", "` code `",
         "`` `tick` ``", ">", "#", "- ", "1. ", "[ ]", "\t", "'", '"', "“", "”")

SECTION_HEADINGS = ("# Incident review", "## Summary", "## Impact", "## Timeline (UTC)",
                    "## Root cause", "## What went well", "## Action items", "### Notes")

word = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6))
sentence = st.lists(word, min_size=1, max_size=14).map(" ".join)


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(("para", "para", "heading", "list", "table", "fence", "quote",
                                 "comment", "raw", "indented")))
    text = draw(sentence)
    if kind == "heading":
        return draw(st.sampled_from(SECTION_HEADINGS))
    if kind == "list":
        bullet = draw(st.sampled_from(("- ", "* ", "1. ", "- [ ] ", "- [x] ")))
        return "\n".join(bullet + draw(sentence) for _ in range(draw(st.integers(1, 4))))
    if kind == "table":
        rows = draw(st.integers(0, 3))
        return "| Time | Event | Owner |\n| --- | --- | --- |\n" + "\n".join(
            f"| {draw(sentence)} | {draw(sentence)} | {draw(word)} |" for _ in range(rows))
    if kind == "fence":
        return f"```\n{text}\n```"
    if kind == "indented":
        return f"    {text}"
    if kind == "quote":
        return "> " * draw(st.integers(1, 25)) + text
    if kind == "comment":
        return draw(st.sampled_from(("<!-- blameless-disable-next-line B101 -->",
                                     "<!-- blameless-disable -->", "<!-- blameless-enable -->",
                                     "<!-- blameless-disable B1", "<!-- note")))
    if kind == "raw":
        return draw(st.text(max_size=40))
    return text


@st.composite
def documents(draw) -> str:
    blocks = draw(st.lists(block(), max_size=10))
    newline = draw(st.sampled_from(("\n", "\n", "\r\n", "\r")))
    sep = draw(st.sampled_from(("\n\n", "\n")))
    return sep.join(blocks).replace("\n", newline)


_LINE_BREAK = re.compile(r"\r\n?|\n")


def expected_position(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text, 0, offset) if m.end() <= offset]
    return len(starts), offset - starts[-1] + 1


def code_texts(text: str) -> list[str]:
    """The contents of every code block and inline code span, as markdown-it reads them."""
    from blameless.fixes import code_of

    return code_of(text)


def check_properties(text: str, other: str) -> None:
    """Assert every property on `text`; `other` is checked in between to look for state."""
    findings = blameless.check(text)
    for f in findings:
        assert 0 <= f.span.start <= f.span.end <= len(text), f
        assert (f.line, f.column) == expected_position(text, f.span.start), f
        assert (f.end_line, f.end_column) == expected_position(text, f.span.end), f
    fixed = blameless.fix(text)
    assert blameless.fix(fixed) == fixed, "fix is not idempotent"
    assert code_texts(fixed) == code_texts(text), "fix edited code"
    blameless.check(other)
    assert blameless.check(text) == findings, "results depend on what was checked before"
