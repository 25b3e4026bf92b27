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
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r")
