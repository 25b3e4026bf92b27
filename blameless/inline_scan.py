"""Linear-time scanners for the inline Markdown that masking must find: code spans, inline links,
HTML comments. Each one walks the text once (regexes over raw text went quadratic on hostile
input: runs of backticks of distinct lengths, unclosed `[x](`, repeated `<!--`)."""
from __future__ import annotations

import bisect
import re

_BACKTICKS = re.compile(r"`+")


class NextChar:
    """`find(pos)`: index of the next occurrence of one character at or after `pos`
    (len(text) when none). Queries must not go backwards by much: each answer is remembered,
    so a sequence of increasing queries scans the text once in total."""

    def __init__(self, text: str, char: str):
        self.text, self.char = text, char
        self._at = -1  # last answer (an occurrence, or len(text))

    def find(self, pos: int) -> int:
        if self._at >= pos:
            return self._at
        at = self.text.find(self.char, pos)
        self._at = len(self.text) if at < 0 else at
        return self._at


def code_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every CommonMark code span in `text`, backtick strings included.

    A code span opens with a run of n backticks (not backslash-escaped) and closes at the next
    run of exactly n backticks; a run without a closer is literal text. Runs are indexed by
    length once, so finding each closer is a bisect, not a scan.
    """
    if "`" not in text:
        return []
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for start, length in runs:
        by_length.setdefault(length, []).append(start)
    spans: list[tuple[int, int]] = []
    cursor = 0  # text before this is inside an earlier span
    for start, length in runs:
        if start < cursor:
            continue
        slashes = 0
        while start - slashes - 1 >= cursor and text[start - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:  # "\`" is a literal backtick; the rest of the run may still open
            start, length = start + 1, length - 1
            if not length:
                continue
        starts = by_length.get(length)
        if not starts:
            continue
        i = bisect.bisect_right(starts, start)
        if i < len(starts):
            close = starts[i]
            spans.append((start, close + length))
            cursor = close + length
    return spans


_LINK_OPEN = re.compile(r"!?\[")
_BRACKET_OR_NL = re.compile(r"[\[\]\n]")


def inline_links(text: str) -> list[tuple[int, int, int, int]]:
    """Inline `[text](url)` and reference `[text][ref]` links without nested brackets, as
    (open_start, open_end, tail_start, tail_end): the `[` (or `![`), and the `](...)` or `][...]`.
    """
    out = []
    close_paren, close_bracket, newline = NextChar(text, ")"), NextChar(text, "]"), NextChar(text, "\n")
    pos = 0
    while True:
        m = _LINK_OPEN.search(text, pos)
        if not m:
            return out
        stop = _BRACKET_OR_NL.search(text, m.end())
        if not stop or stop.group() != "]":
            pos = stop.start() if stop and stop.group() == "[" else m.end()
            continue
        j = stop.start()
        nxt = text[j + 1:j + 2]
        end = -1
        if nxt == "(":
            k = close_paren.find(j + 2)
            end = k + 1 if k < newline.find(j + 2) else -1
        elif nxt == "[":
            k = close_bracket.find(j + 2)
            end = k + 1 if k < newline.find(j + 2) and k < len(text) else -1
        if end > 0:
            out.append((m.start(), m.end(), j, end))
            pos = end
        else:
            pos = j
    return out


def html_comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `<!-- ... -->` (an unclosed one is not a comment)."""
    out = []
    closer = _Closer(text, "-->")
    pos = 0
    while True:
        at = text.find("<!--", pos)
        if at < 0:
            return out
        end = closer.find(at + 4)
        if end < 0:
            return out  # no comment closes after here
        out.append((at, end + 3))
        pos = end + 3


class _Closer:
    """Like NextChar for a multi-character string; remembers 'none after here'."""

    def __init__(self, text: str, needle: str):
        self.text, self.needle = text, needle
        self._at = -2  # -2: unknown; -1: none after _from
        self._from = 0

    def find(self, pos: int) -> int:
        if self._at == -1 and pos >= self._from:
            return -1
        if self._at >= pos:
            return self._at
        self._at, self._from = self.text.find(self.needle, pos), pos
        return self._at


def in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies in one of sorted, non-overlapping (start, end) ranges."""
    i = bisect.bisect_right(ranges, (offset, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]
