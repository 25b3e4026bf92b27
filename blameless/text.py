"""Small text helpers shared by the engine and the checks."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern:
    """Whole-word, case-insensitive alternation of phrases (longest first, any whitespace)."""
    alternatives = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def inside_quotes(text: str, start: int) -> bool:
    """True when `start` lies inside a double-quoted stretch of its line (a quoted message)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return (before.count('"') % 2 == 1) or (before.count("“") > before.count("”"))
