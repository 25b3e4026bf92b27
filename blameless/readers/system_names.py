"""Names the document itself says are systems: "Hermes, our mail relay, ...", "Hermes (the
relay) ...", "Hermes is our mail relay.", "a relay called Hermes", "the relay Hermes." .

A capitalised word reads as a person's name to the checks (people.person_kind); when the text
defines it with a system's head noun (`system_nouns` in rules/en/people.yml) it is a system
everywhere in the document, as a word the document writes in lower case is. Read lexically,
once per document, from the blocks' masked text (code, HTML and URLs blanked), so the prefilter
can use it too: a sentence whose only capitalised word is a declared system need not be parsed
for a rule about people.

A definition by a role ("Dana, our on-call engineer, ...") names a person and is not read here;
"the cluster Dana rebuilt" (a relative clause) is told from "the relay Hermes dropped ..." only
by the parse (people.person_kind's compound test), so this reader takes the bare "the relay
Hermes" only before punctuation or a preposition.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import english

_NAME = r"[A-Z][\w-]*"
_DET = r"(?i:the|our|a|an|their|its|my)"
_MODS = r"((?:[\w./-]+\s{1,4}){0,3}?)"
_FOLLOWERS = r"(?:that|which|for|in|on|of|at|from|with|behind|serving|used|where|we)"
_PREPOSITIONS = r"(?:to|in|on|at|for|of|from|with)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    noun = r"(?i:" + english().alternation("system_nouns") + r")(?:e?s)?"
    # The name first: an appositive, a parenthesis or a copula, then a noun phrase whose head
    # (its last word before punctuation or a clause) is a system noun.
    defined = re.compile(
        r"(?<![\w@./-])(" + _NAME + r")(?:,\s{1,4}|\s{1,4}\(\s{0,2}|\s{1,4}(?:is|was|remains)\s{1,4})"
        + _DET + r"\s{1,4}" + _MODS + noun
        + r"(?![\w'’-])(?!,\s{0,4}(?:and|or)\b)(?=\s{0,4}[,.;:)!?]|\s{0,4}$|\s{1,4}" + _FOLLOWERS + r"\b)")
    # The noun first: "the mail relay (Hermes)", "a relay called Hermes", "the relay Hermes."
    named = re.compile(
        r"(?<![\w-])" + _DET + r"\s{1,4}" + _MODS + noun
        + r"(?:\s{1,4}\(\s{0,2}(" + _NAME + r")\s{0,2}\)|\s{1,4}(?:called|named)\s{1,4}(" + _NAME
        + r")(?![\w-])|\s{1,4}(" + _NAME + r")(?=\s{0,4}[,.;:)!?]|\s{0,4}$|\s{1,4}" + _PREPOSITIONS + r"\b))")
    return defined, named


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    lex = english()
    return (lex.words("english_function_words") | lex.words("person_pronouns") | lex.words("self_pronouns")
            | lex.words("roles") | lex.words("teams"))


def _plain_modifiers(mods: str, not_names: frozenset[str]) -> bool:
    """The words between the determiner and the head noun only describe it ("mail", "Kafka"):
    none is a function word or a role ("the engineer on the database" is no database)."""
    return not any(w.lower() in not_names for w in mods.split())


def declared_systems(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased names the texts define as systems."""
    defined, named = _patterns()
    not_names = _not_names()
    found: set[str] = set()
    for text in texts:
        if not any(c.isupper() for c in text):
            continue
        for m in defined.finditer(text):
            if _plain_modifiers(m.group(2), not_names):
                found.add(m.group(1).lower())
        for m in named.finditer(text):
            if _plain_modifiers(m.group(1), not_names):
                found.add(next(g for g in m.groups()[1:] if g).lower())
    return frozenset(found - not_names)
