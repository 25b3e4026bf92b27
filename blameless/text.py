"""Small text helpers shared by the engine and the checks."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern:
    """Whole-word, case-insensitive alternation of phrases (longest first, any whitespace)."""
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def quote_left_open(before: str) -> bool:
    """Whether `before` (a line or sentence up to some point) leaves a double quote open there."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def inside_quotes(text: str, start: int) -> bool:
    """True when `start` lies inside a double-quoted stretch of its line (a quoted message)."""
    line_start = text.rfind("\n", 0, start) + 1
    return quote_left_open(text[line_start:start])


_CELL_PIPE = re.compile(r"(?<!\\)\|")  # a table pipe, not an escaped one ("\|")


def sentence_bounds(raw: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around raw[start:end]: bounded by ". ", a line break or a table pipe."""
    pipes_before = [m.end() for m in _CELL_PIPE.finditer(raw, 0, start)]
    pipe_after = _CELL_PIPE.search(raw, end)
    left = max(raw.rfind(". ", 0, start) + 2 if raw.rfind(". ", 0, start) >= 0 else 0,
               raw.rfind("\n", 0, start) + 1, pipes_before[-1] if pipes_before else 0)
    rights = [i for i in (raw.find(". ", end), raw.find("\n", end),
                          pipe_after.start() if pipe_after else -1) if i >= 0]
    right = min(rights) + (1 if rights and raw[min(rights)] == "." else 0) if rights else len(raw)
    return left, right


_BACKTICKS = re.compile(r"`+")


def code_spans(raw: str) -> list[tuple[int, int]]:
    """Inline code spans (CommonMark: a backtick run closed by the next run of the same length).

    Linear in the text: each run is visited once, and a run waits for its closer in a table
    keyed by length, so a paragraph of unmatched runs of many lengths costs no more than one.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(raw)]
    next_of_length: dict[int, list[int]] = {}
    for i in range(len(runs) - 1, -1, -1):  # for each run, the index of the next run as long
        next_of_length.setdefault(runs[i][1] - runs[i][0], []).append(i)
    for indices in next_of_length.values():
        indices.reverse()
    position = {length: 0 for length in next_of_length}
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        length = end - start
        queue = next_of_length[length]
        while position[length] < len(queue) and queue[position[length]] <= i:
            position[length] += 1
        if position[length] < len(queue):
            closer = queue[position[length]]
            spans.append((start, runs[closer][1]))
            i = closer + 1
        else:
            i += 1
    return spans
