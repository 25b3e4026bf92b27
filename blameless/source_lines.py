"""Lines and positions of a checked text, for reporters, without parsing it as a postmortem.

A result taken from the cache has no `Document`; reporters need only what this gives: the text
of a line and the 1-based (line, column) of an offset, columns counted in code points, exactly
as `Document.position` and `Document.line_text` count them.
"""
from __future__ import annotations

import bisect


class SourceLines:
    def __init__(self, source: str):
        self.source = source
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        return position(self._line_starts, offset)

    def line_text(self, line: int) -> str:
        return line_text(self.source, self._line_starts, line)


def position(line_starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset, columns counted in code points."""
    i = bisect.bisect_right(line_starts, offset) - 1
    return i + 1, offset - line_starts[i] + 1


def line_text(source: str, line_starts: list[int], line: int) -> str:
    """The text of a 1-based line, without its line ending."""
    start = line_starts[line - 1]
    end = line_starts[line] - 1 if line < len(line_starts) else len(source)
    return source[start:end].rstrip("\r")
