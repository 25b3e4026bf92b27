"""The shipped tables worked out from lemminflect: the prefilter's inflections
(blameless/inflections.json) and the word classes the checks ask about
(blameless/word_classes.json.gz).

Kept apart from the modules that only read them: working the inflections out needs the rule
set, and the rule set needs inflect.
"""
from __future__ import annotations

import gzip
import json

from .checks.people import PERSON_LISTS
from .inflect import TABLE, inflected, inflected_word, lemminflect_version
from .registry import rule_set
from . import word_classes


def table_words() -> list[str]:
    """Every word the built-in rules' prefilter inflects, people's words included (what TABLE holds)."""
    entries = {e for rule in rule_set() for e in rule.trigger_entries}
    entries |= {e for rule in rule_set() for group in rule.trigger_groups for lst in group for e in lst}
    entries |= {e for rule in rule_set() if rule.needs_person for name in PERSON_LISTS for e in rule.words(name)}
    return sorted({w for w in map(inflected_word, entries) if w is not None})


def computed_table() -> dict:
    """TABLE's content, worked out now."""
    return {"lemminflect": lemminflect_version(),
            "forms": {word: sorted(inflected(word)) for word in table_words()}}


def write_table() -> None:
    """Rewrite TABLE (after a change to the lexicon or to lemminflect's version):
    python -c "from blameless.inflection_table import write_table; write_table()"."""
    table = computed_table()
    lines = [f"  {json.dumps(word)}: {json.dumps(found)}" for word, found in table["forms"].items()]
    TABLE.write_text('{"lemminflect": %s, "forms": {\n%s\n}}\n' % (json.dumps(table["lemminflect"]),
                                                               ",\n".join(lines)), encoding="utf-8")


def computed_word_classes() -> dict:
    """WORD_CLASSES's content, worked out now from every lower-case word of lemminflect's
    dictionary (the only words its lookups can find: they lower-case what they are asked)."""
    from lemminflect import config, getAllInflections
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.codecs.OverridesCodec import OverridesCodec

    def lower_keys(*tables: dict) -> list[str]:
        return sorted({w for table in tables for w in table if w == w.lower()})

    words = lower_keys(LemmaLUCodec.load(config.lemma_lu_fn), OverridesCodec.load(config.lemma_overrides_fn))
    verbs = [w for w in lower_keys(InflectionLUCodec.load(config.inflection_lu_fn),
                                   OverridesCodec.load(config.infl_overrides_fn))
             if any(tag.startswith("VB") for tag in getAllInflections(w))]
    classes = {word: word_classes.lemminflect_parts(word) for word in words}
    past = {word: word_classes.lemminflect_past_lemma(word) for word in words}
    return {"lemminflect": lemminflect_version(),
            "verbs": [w for w, (verb, _) in classes.items() if verb],
            "nouns": [w for w, (_, noun) in classes.items() if noun],
            "past": {w: lemma for w, lemma in past.items() if lemma is not None},
            "irregular_past": [w for w in words if past[w] is not None and word_classes.lemminflect_irregular_past(w)],
            "participles": {v: word_classes.lemminflect_participle(v) for v in verbs},
            "gerunds": {v: word_classes.lemminflect_gerund(v) for v in verbs}}


def write_word_classes() -> None:
    """Rewrite WORD_CLASSES (after an upgrade of lemminflect):
    python -c "from blameless.inflection_table import write_word_classes; write_word_classes()"."""
    data = json.dumps(computed_word_classes(), separators=(",", ":"), sort_keys=True).encode()
    word_classes.WORD_CLASSES.write_bytes(gzip.compress(data, mtime=0))
