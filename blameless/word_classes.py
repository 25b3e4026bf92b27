"""What lemminflect's dictionary says about a word, read from a table shipped with blameless.

The checks ask a few questions of English morphology at run time: can a word be a verb or a
noun ("Queue metrics" vs "Queue the jobs"), which verb is a word the past tense or participle of
("forgot" -> forget), and a verb's participle and gerund for a rewrite. lemminflect answers them,
but loading its dictionaries costs about 0.8 s in every process, more than parsing a postmortem.
So the answers for every word of its dictionary are worked out ahead
(`inflection_table.write_word_classes()`, checked equal to lemminflect by a test) and shipped in
WORD_CLASSES; a word outside the dictionary, or another lemminflect version, is asked of
lemminflect itself.
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

from .inflect import lemminflect_version

WORD_CLASSES = Path(__file__).with_name("word_classes.json.gz")


@lru_cache(maxsize=1)
def table() -> dict | None:
    """The shipped table, or None when it is missing or made with another lemminflect."""
    try:
        data = json.loads(gzip.decompress(WORD_CLASSES.read_bytes()))
    except (OSError, ValueError):
        return None
    if data.get("lemminflect") != lemminflect_version():
        return None
    return {"verbs": frozenset(data["verbs"]), "nouns": frozenset(data["nouns"]), "past": data["past"],
            "irregular_past": frozenset(data["irregular_past"]), "participles": data["participles"],
            "gerunds": data["gerunds"]}


@lru_cache(maxsize=4096)
def parts(word: str) -> tuple[bool, bool]:
    """(can be a verb, can be a noun)."""
    known = table()
    if known is not None:
        word = word.lower()
        return word in known["verbs"], word in known["nouns"]
    return lemminflect_parts(word)


@lru_cache(maxsize=4096)
def past_lemma(word: str) -> str | None:
    """The lemma of which `word` is a past tense or participle ('forgot' -> 'forget'), if any."""
    known = table()
    word = word.lower()
    return known["past"].get(word) if known is not None else lemminflect_past_lemma(word)


def is_irregular_past_form(word: str) -> bool:
    """'forgot', 'broke', 'ran': the past tense of a verb, without -ed."""
    known = table()
    word = word.lower()
    return word in known["irregular_past"] if known is not None else lemminflect_irregular_past(word)


@lru_cache(maxsize=4096)
def participle(lemma: str) -> str:
    """'pause' -> 'paused', 'break' -> 'broken'; a past form already ('typo'd') stays."""
    return _verb_form("participles", lemma.lower(), lemminflect_participle)


@lru_cache(maxsize=4096)
def gerund(lemma: str) -> str:
    """'pause' -> 'pausing', 'let' -> 'letting'."""
    return _verb_form("gerunds", lemma.lower(), lemminflect_gerund)


def _verb_form(kind: str, lemma: str, ask_lemminflect) -> str:
    known = table()
    if known is not None and lemma in known[kind]:
        return known[kind][lemma]
    return ask_lemminflect(lemma)


# -- the answers from lemminflect (what the table holds, and the fallback) ----------------------

def lemminflect_parts(word: str) -> tuple[bool, bool]:
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word, "VERB")), bool(getAllLemmas(word, "NOUN"))


def lemminflect_past_lemma(word: str) -> str | None:
    from lemminflect import getAllLemmas, getInflection

    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        if lemma != word and word in getInflection(lemma, tag="VBD") + getInflection(lemma, tag="VBN"):
            return lemma
    return None


def lemminflect_irregular_past(word: str) -> bool:
    from lemminflect import getInflection

    lemma = lemminflect_past_lemma(word)
    return lemma is not None and word in getInflection(lemma, tag="VBD") and not word.endswith("ed")


def lemminflect_participle(lemma: str) -> str:
    from lemminflect import getAllInflections, getInflection

    if lemma.endswith(("ed", "'d")) and not getAllInflections(lemma, upos="VERB"):
        return lemma  # "typo'd", "fat-fingered": the writer's own past form
    forms = getInflection(lemma, tag="VBN")
    if not forms:
        return lemma
    # "quit" over "quitted", "woken" over "waked": an irregular participle where both are listed
    return next((f for f in forms if not f.endswith("ed")), forms[0])


def lemminflect_gerund(lemma: str) -> str:
    from lemminflect import getInflection

    forms = getInflection(lemma, tag="VBG")
    return forms[0] if forms else lemma + "ing"
