"""Every inflected form of a lexicon entry, so the prefilter admits what the checks would flag.

Forms come from lemminflect (a well-kept English inflection library), for every part of speech
it knows the word as; a word it does not know is inflected as a regular verb and noun.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8192)
def forms(word: str) -> frozenset[str]:
    """The word and its inflections ("mishandle" -> mishandled, mishandling, mishandles...).

    A word given in an inflected form ("dropped") is inflected from its lemmas too.
    """
    from lemminflect import getAllInflections, getAllInflectionsOOV, getAllLemmas

    word = word.lower()
    bases = {word} | {lemma.lower() for lemmas in getAllLemmas(word).values() for lemma in lemmas}
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
    (the most selective) with all its forms is enough: "dropped the ball" -> drop, dropped...
    """
    words = [w for w in entry.lower().replace("-", " ").replace("'", " ").split() if w]
    if not words:
        return frozenset()
    if len(words) == 1 and "-" not in entry and "'" not in entry:
        return forms(words[0])
    whole = entry.lower()
    longest = max(words, key=len)
    return forms(longest) | ({whole} if " " not in whole else set())
