"""Small English morphology for building rewrites: gerunds, past participles and lemmas of verbs.

Forms come from lemminflect (as the prefilter's do, see blameless/inflect.py); nothing here is a
hand-written table of irregular verbs.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import english


def _is_known_verb(word: str) -> bool:
    from lemminflect import getAllInflections

    return bool(getAllInflections(word, upos="VERB"))


@lru_cache(maxsize=4096)
def participle(lemma: str) -> str:
    """'pause' -> 'paused', 'break' -> 'broken'; a past form already ('typo'd') stays."""
    from lemminflect import getInflection

    lemma = lemma.lower()
    if lemma.endswith(("ed", "'d")) and not _is_known_verb(lemma):
        return lemma  # "typo'd", "fat-fingered": the writer's own past form
    forms = getInflection(lemma, tag="VBN")
    if not forms:
        return lemma
    # "quit" over "quitted", "woken" over "waked": an irregular participle where both are listed
    return next((f for f in forms if not f.endswith("ed")), forms[0])


@lru_cache(maxsize=4096)
def gerund(lemma: str) -> str:
    """'pause' -> 'pausing', 'let' -> 'letting'."""
    from lemminflect import getInflection

    lemma = lemma.lower()
    forms = getInflection(lemma, tag="VBG")
    return forms[0] if forms else lemma + "ing"


@lru_cache(maxsize=4096)
def past_lemma(word: str) -> str | None:
    """The lemma of which `word` is a past tense or participle ('forgot' -> 'forget'), if any."""
    from lemminflect import getAllLemmas, getInflection

    word = word.lower()
    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        if lemma != word and word in getInflection(lemma, tag="VBD") + getInflection(lemma, tag="VBN"):
            return lemma
    return None


def is_irregular_past(word: str) -> bool:
    """'forgot', 'broke', 'ran' (and 'misread', whose past is its base): a past tense without -ed."""
    word = word.lower()
    if word in english().words("unmarked_past_verbs"):
        return True
    lemma = past_lemma(word)
    if lemma is None:
        return False
    from lemminflect import getInflection

    return word in getInflection(lemma, tag="VBD") and not word.endswith("ed")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_article(text: str) -> str:
    """'the wrong query' stays; 'our runbook' -> 'the runbook' (possessives of people vanish)."""
    words = text.split()
    if words and words[0].lower() in english().words("possessive_determiners"):
        words[0] = "the"
    return " ".join(words)


def lemma_of(tok) -> str:
    """A verb's lemma, mending the small model's misses on irregular forms ('forgot')."""
    lemma = tok.lemma_.lower()
    if lemma != tok.lower_:
        return lemma
    return past_lemma(tok.lower_) or lemma
