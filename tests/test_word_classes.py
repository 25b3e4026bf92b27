"""The word classes the checks ask about come from a table worked out from lemminflect; it must
give lemminflect's answers (so a finding never depends on which one answered), and a word
outside it is still answered."""
from __future__ import annotations

import gzip
import json

from blameless import word_classes
from blameless.inflection_table import computed_word_classes


def test_the_shipped_word_classes_are_what_lemminflect_gives():
    """Regenerate after a lemminflect upgrade:
    python -c "from blameless.inflection_table import write_word_classes; write_word_classes()"."""
    shipped = json.loads(gzip.decompress(word_classes.WORD_CLASSES.read_bytes()))
    assert shipped == computed_word_classes()


def test_the_answers_a_rewrite_and_a_tense_check_need():
    assert word_classes.past_lemma("Forgot") == "forget"
    assert word_classes.past_lemma("forget") is None
    assert word_classes.is_irregular_past_form("broke") and not word_classes.is_irregular_past_form("broken")
    assert not word_classes.is_irregular_past_form("restarted")
    assert (word_classes.participle("break"), word_classes.gerund("let")) == ("broken", "letting")
    assert word_classes.parts("include") == (True, False) and word_classes.parts("queue") == (True, True)


def test_a_verb_outside_the_dictionary_is_inflected_by_lemminflect():
    assert word_classes.participle("frobnicate") == "frobnicated"
    assert word_classes.participle("typo'd") == "typo'd"  # the writer's own past form stays
