"""B102 human error as a cause: 'human error', 'operator mistake', 'fat-fingered', 'PEBKAC'.

Text that argues against it ('the root cause was not human error', 'human error is only a
symptom') is left alone. The shapes are regexes built once from lexicon alternations.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...lexicon import english
from ...text import inside_quotes
from ..context import BlockContext, Hit


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(the phrase itself, a denial just after it, a denial just before it)."""
    lex = english()
    phrase = re.compile(rf"\b{lex.alternation('human_error_agents')}\s+{lex.alternation('human_error_nouns')}s?\b"
                        rf"|\b{lex.alternation('human_error_slang')}\b", re.I)
    denied_after = re.compile(rf"^\s*{lex.alternation('denial_copulas')}\s+{lex.alternation('denial_after_words')}\b",
                              re.I)
    denied_before = re.compile(rf"\b{lex.alternation('denial_before_words')}\s+(?:\w+\s+){{0,2}}$", re.I)
    return phrase, denied_after, denied_before


def human_error(ctx: BlockContext) -> Iterator[Hit]:
    """B102: 'human error' (and kin) given as a cause."""
    phrase, denied_after, denied_before = _patterns()
    text = ctx.block.text
    for match in phrase.finditer(text):
        if denied_before.search(text[max(0, match.start() - 40):match.start()]) or denied_after.match(
                text[match.end():match.end() + 40]):
            continue
        if inside_quotes(text, match.start()):
            continue
        s, e = ctx.span(match.start(), match.end())
        yield Hit(s, e, variant="cause", slots={"words": match.group(0)})
