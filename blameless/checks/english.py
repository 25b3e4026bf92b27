"""Small English morphology for building rewrites: gerunds, past participles and lemmas of verbs.

Forms come from lemminflect's dictionary (blameless/word_classes.py, as the prefilter's come from
blameless/inflect.py); nothing here is a hand-written table of irregular verbs.
"""
from __future__ import annotations

from ..lexicon import english
from ..word_classes import gerund, is_irregular_past_form, participle, past_lemma  # noqa: F401 (used by the checks)


def is_irregular_past(word: str) -> bool:
    """'forgot', 'broke', 'ran' (and 'misread', whose past is its base): a past tense without -ed."""
    word = word.lower()
    return word in english().words("unmarked_past_verbs") or is_irregular_past_form(word)


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
