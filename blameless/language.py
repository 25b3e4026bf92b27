"""Is a postmortem written in English? blameless's rules and pipeline are English only.

A German or French postmortem would otherwise get "All clear", silently. The language is told
by py3langid (a maintained fork of langid.py; its model is plain numpy arrays, no pickle), run
over the document's prose with code, URLs and markup blanked. A file is called non-English only
when the identifier is confident and there is enough prose to judge: a false alarm would hide
every finding of an English postmortem, so doubt counts as English.
"""
from __future__ import annotations

import re
import threading

from .document import Document
from .lexicon import english
from .word_classes import table

#: Fewer words of prose than this is too little to judge.
MIN_WORDS = 20
#: Normalised probability the detected language must reach.
MIN_CONFIDENCE = 0.99
#: Share of common English function words above which prose is English without asking.
ENGLISH_SHARE = 0.15
#: Share of words in lemminflect's English dictionary (blameless/word_classes.py) above which
#: prose is English without asking: terse English notes ("Pod restarted. Impacted one pod.")
#: have few function words but 0.6-0.85 dictionary words; German and French prose about 0.1-0.15.
DICTIONARY_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+")


def _function_words() -> frozenset[str]:
    return english().words("english_function_words")

_lock = threading.Lock()
_identifier = None


def _get_identifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def prose(document: Document) -> str:
    return "\n".join(b.text for b in document.blocks if b.kind != "heading")


def detect(document: Document) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) of the prose's language, or None when too short to judge."""
    text = " ".join(prose(document).split())
    if len(text.split()) < MIN_WORDS:
        return None
    code, confidence = _get_identifier().classify(text)
    return code, float(confidence)


def plainly_english(words: list[str]) -> bool:
    """Whether lower-cased prose words are English beyond doubt: enough function words, or
    enough words of the English dictionary."""
    function_words = _function_words()
    if sum(w in function_words for w in words) >= ENGLISH_SHARE * len(words):
        return True
    known = table()
    if known is None:
        return False
    return sum(w in function_words or w in known["verbs"] or w in known["nouns"] for w in words) \
        >= DICTIONARY_SHARE * len(words)


def non_english(document: Document) -> str | None:
    """The language code when the document is confidently not English, else None."""
    words = _WORD.findall(prose(document).lower())
    if words and plainly_english(words):
        return None  # no need to load the identifier (about a second)
    found = detect(document)
    if found is None:
        return None
    code, confidence = found
    return code if code != "en" and confidence >= MIN_CONFIDENCE else None


def language_name(code: str) -> str:
    """'de' -> 'German'; an unknown code is shown as it is."""
    return _NAMES.get(code, code)


_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
          "pt": "Portuguese", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
          "pl": "Polish", "cs": "Czech", "ru": "Russian", "uk": "Ukrainian", "ja": "Japanese",
          "zh": "Chinese", "ko": "Korean", "tr": "Turkish", "el": "Greek", "hu": "Hungarian",
          "ro": "Romanian", "ca": "Catalan", "ar": "Arabic", "he": "Hebrew", "id": "Indonesian"}
