"""The shipped table of the prefilter's inflections (blameless/inflections.json), worked out.

Kept apart from blameless.inflect, which only reads the table: working it out needs the rule
set, and the rule set needs inflect.
"""
from __future__ import annotations

import json

from .checks.people import PERSON_LISTS
from .inflect import TABLE, inflected, inflected_word, lemminflect_version
from .registry import rule_set


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
