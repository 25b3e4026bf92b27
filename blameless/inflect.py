"""Every inflected form of a lexicon entry, so the prefilter admits what the checks would flag.

Forms come from lemminflect (a well-kept English inflection library), for every part of speech
it knows the word as; a word it does not know is inflected as a regular verb and noun.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


#: Forms of the words the built-in rules' prefilter needs, worked out ahead (lemminflect and
#: its tables take about a second to load, on every start): `inflection_table.write_table()` writes it, and a
#: test keeps it equal to what lemminflect gives.
TABLE = Path(__file__).with_name("inflections.json")


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    try:
        data = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("lemminflect") != lemminflect_version():
        return {}  # another lemminflect may inflect differently: ask it
    return {word: frozenset(found) for word, found in data["forms"].items()}


def lemminflect_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lemminflect")
    except PackageNotFoundError:  # pragma: no cover
        return None


def forms(word: str) -> frozenset[str]:
    """The word and its inflections ("mishandle" -> mishandled, mishandling, mishandles...),
    from the table worked out ahead, else from lemminflect."""
    word = word.lower()
    known = _table().get(word)
    return known if known is not None else inflected(word)


@lru_cache(maxsize=8192)
def inflected(word: str) -> frozenset[str]:
    """The word and its inflections, from lemminflect.

    A word given in an inflected form ("dropped") is inflected from its lemmas too, except an
    inflected auxiliary: a list that names "had" means the pluperfect, not "has" or "having",
    and "could" is not "can" (nor "canned"). An auxiliary's base ("do") is inflected as a verb.
    """
    from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas

    word = word.lower()
    lemmas = getAllLemmas(word)
    if word not in lemmas.get("AUX", (word,)):
        return frozenset({word})  # "had", "could", "did": an auxiliary's form names that form only
    bases = {word} | {lemma.lower() for found in lemmas.values() for lemma in found}
    found = set(bases)
    for base in bases:
        known = [getAllInflections(base, upos=upos) for upos in ("VERB", "NOUN", "ADJ")]
        if not any(known) and base.isalpha():
            known = [getAllInflectionsOOV(base, upos=upos) for upos in ("VERB", "NOUN")]
        for inflections in known:
            for values in inflections.values():
                found.update(v.lower() for v in values)
    return frozenset(found)


def trigger_words(entry: str) -> frozenset[str]:
    """Words whose presence a block needs before `entry` can match in it.

    A single word gives all its forms. A phrase needs all of its words, so its longest word
    (the most selective) with all its forms is enough: "dropped the ball" -> drop, dropped...;
    a function word is the least selective of all ("their fault" -> fault, faults).
    """
    word = inflected_word(entry)
    if word is None:
        return frozenset()
    whole = entry.lower()
    single = " " not in whole and "-" not in whole and "'" not in whole
    return forms(word) | ({whole} if not single and " " not in whole else set())


def inflected_word(entry: str) -> str | None:
    """The word of an entry whose forms the prefilter takes (see trigger_words)."""
    words = [w for w in entry.lower().replace("-", " ").replace("'", " ").split() if w]
    if not words:
        return None
    if len(words) == 1:
        return words[0]
    return max(words, key=lambda w: (w not in _function_words(), len(w)))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from .lexicon import english

    return english().words("english_function_words") | english().words("possessive_determiners")
