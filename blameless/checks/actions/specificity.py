"""A201, what an item lacks beyond its leading verb: a hedge that leaves it optional ("might be an
option", "if possible"), a comparison with no target ("to something more robust"), a noun phrase
with no action ("Queue metrics and alerts"), and the main clause that the concreteness tests
read (what a "when ..." or "if ..." clause says does not make the action concrete).

The words are lexicon lists (rules/en/actions.yml); whether a word can be a verb comes from
lemminflect's dictionary, the library the lexicon already inflects with."""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import alternation as _w
from ...readers.item_shapes import only_verb, opens_with_verb


@lru_cache(maxsize=1)
def _shapes() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    hedge = re.compile(rf"\b{_w('hedge_phrases')}\b")
    target = re.compile(rf"\b{_w('vague_referents')}\s+(?:{_w('degree_words')}\s+[\w-]+|[\w-]+er)\b"
                        rf"(?!\s+than\s+\d)")
    noun = re.compile(rf"\b(?:{_w('generic_nouns')}|{_w('vague_objects')})\b")
    sub = re.compile(rf"[,;]?\s+\b{_w('subordinators')}\b")
    return hedge, target, noun, sub


@lru_cache(maxsize=1)
def _afterthought() -> re.Pattern:
    """", maybe a shared terminal." : a hedge offering an alternative after the action."""
    return re.compile(rf",\s*{_w('afterthought_hedges')}\s+{_w('alternative_determiners')}\s+"
                      rf"[\w-]+(?:\s+[\w-]+){{0,3}}\s*(?:[.;]|$)")


def main_clause(low: str) -> str:
    """The item up to its first subordinate clause ("Better alerting for when X is wrong with Y")."""
    m = _shapes()[3].search(low)
    return low[:m.start()] if m else low


def lacks(low: str, body: str) -> tuple[str, str] | None:
    """(template variant, the words) for a hedge, a comparison with no target or an action-less
    noun phrase; None when the item has none of them."""
    hedge, target, noun, _ = _shapes()
    asides = [(a.start(), a.end()) for a in _afterthought().finditer(low)]
    for m in hedge.finditer(low):
        if not any(s <= m.start() < e for s, e in asides):
            return "hedge", body[m.start():m.end()]
    main = main_clause(low)
    m = target.search(main)
    if m:
        return "target", body[m.start():m.end()]
    words = re.findall(r"[a-z][\w'/-]*", main)
    if words and len(words) <= 8 and "(" not in low and noun.search(main) \
            and not opens_with_verb(words) and not any(only_verb(w) for w in words[1:]) \
            and not re.search(rf"\b{_w('clause_verbs')}\b", main):
        return "noun", body[:len(main.rstrip(" .!"))]
    return None
