"""The prefilter decides what spaCy parses: only the sentences holding a trigger of a rule that
runs on the block, with function words admitting a sentence only beside the word they need.
What a user notices: the same findings, at the same places, for less parsing."""
from __future__ import annotations

import blameless
from blameless.document import parse
from blameless.engine import Engine, block_words
from blameless.inflect import forms, trigger_words
from blameless.nlp import Pipeline
from blameless.registry import rule_set

CLEAN = "The queue drained by noon. Disk usage stayed under half. "
BLAME = "Omar forgot to rotate the signing key. "


def _rules() -> dict:
    return {r.id: r for r in rule_set()}


def test_only_the_sentence_with_a_trigger_is_parsed_and_the_finding_keeps_its_place():
    alone = Engine(blameless.Config(), pipeline=Pipeline()).check_text(f"## Root cause\n\n{BLAME}\n")
    pipeline = Pipeline()
    among = Engine(blameless.Config(), pipeline=pipeline).check_text(f"## Root cause\n\n{CLEAN}{BLAME}{CLEAN}\n")
    [b101] = [f for f in alone if f.rule == "B101"]
    [again] = [f for f in among if f.rule == "B101"]
    assert (again.line, again.column - len(CLEAN), again.message) == (b101.line, b101.column, b101.message)
    assert (pipeline.parsed, pipeline.parsed_words) == (1, len(BLAME.split()))  # the clean ones: never


def test_a_paragraph_with_no_candidate_sentence_is_not_parsed():
    pipeline = Pipeline()
    engine = Engine(blameless.Config(), pipeline=pipeline)
    engine.check_text(f"## Root cause\n\n{CLEAN}{CLEAN}\n")
    assert pipeline.parsed == 0


def test_should_alone_does_not_admit_hindsight_but_should_have_does():
    b103 = _rules()["B103"]
    assert not b103.admits(block_words("The alert should fire within five minutes."))
    assert b103.admits(block_words("Kai should have paged the database team."))
    assert b103.admits(block_words("If Kai had paged them, the outage would be shorter."))


def test_a_blame_question_needs_a_question_mark():
    b105 = _rules()["B105"]
    assert not b105.admits(block_words("We do not know why the cache expired early."))
    assert b105.admits(block_words("Why didn't you check the cache expiry?"))


def test_the_writer_is_a_trigger_only_beside_a_word_of_fault():
    b106 = _rules()["B106"]
    assert not b106.admits(block_words("Our dashboards showed the spike at once."))
    assert b106.admits(block_words("I accidentally deleted the staging bucket."))
    assert b106.admits(block_words("It was my fault."))


def test_an_inflected_auxiliary_stands_for_itself_and_a_verb_is_inflected():
    assert forms("had") == {"had"} and forms("could") == {"could"}
    assert {"done", "did", "doing"} <= forms("do")
    assert {"deleted", "deleting", "deletes"} <= forms("delete")


def test_a_phrase_is_prefiltered_by_its_most_selective_word():
    assert trigger_words("their fault") >= {"fault", "faults"}
    assert "their" not in trigger_words("their fault")


def test_the_shipped_inflection_table_is_what_lemminflect_gives():
    """The table spares every start lemminflect's load; it must never drift from the lexicon.
    Regenerate: python -c "from blameless.inflection_table import write_table; write_table()"."""
    import json

    from blameless.inflect import TABLE
    from blameless.inflection_table import computed_table

    assert json.loads(TABLE.read_text(encoding="utf-8")) == computed_table()


def test_a_word_outside_the_table_is_inflected_by_lemminflect():
    assert {"reticulated", "reticulating"} <= forms("reticulate")


def _parsed_words(text: str) -> tuple[int, list]:
    pipeline = Pipeline()
    found = Engine(blameless.Config(select=("B101",)), pipeline=pipeline).check_text(text)
    return pipeline.parsed_words, [f.rule for f in found]


def test_a_sentence_that_cannot_name_a_person_is_not_parsed_for_person_as_cause():
    """B101's words of fault ("failed", "because") are common in any postmortem; without a word
    that could be a person the sentence cannot blame one, and spaCy never sees it."""
    words, found = _parsed_words("## Root cause\n\nThe deploy failed because the disk was full.\n")
    assert (words, found) == (0, [])


def test_every_kind_of_person_still_reaches_person_as_cause():
    people = ["Marta", "The release engineers", "Our SRE team", "@kofi", "He",
              "The on-call", "The vendor's administrator, Ines,"]
    for who in people:
        words, found = _parsed_words(f"## Root cause\n\n{who} deleted the production volume by mistake.\n")
        assert words > 0 and found == ["B101"], who


def test_a_name_the_document_writes_in_lower_case_is_a_tool_and_not_parsed():
    text = "## Root cause\n\nNimbus failed because nimbus.conf held an old address.\n"
    assert _parsed_words(text) == (0, [])


def test_a_name_the_document_defines_as_a_system_is_not_parsed_for_person_as_cause():
    """ "Corvid is our feature-flag service." makes Corvid a system everywhere in the document:
    a later sentence whose only capitalised word is Corvid cannot name a person."""
    text = ("## Summary\n\nCorvid is our feature-flag service.\n\n"
            "## Root cause\n\nCorvid skipped the schema check because its cache was stale.\n")
    assert _parsed_words(text) == (0, [])


def test_an_idiom_of_low_effort_admits_a_sentence_only_with_its_verb():
    """'corner cases' is no idiom: without 'cut'/'take'/'skimp' beside 'corner'/'shortcut' the
    sentence is not parsed for the blame words; with them it is, and it is flagged."""
    def parsed(text):
        pipeline = Pipeline()
        found = Engine(blameless.Config(select=("B104",)), pipeline=pipeline).check_text(text)
        return pipeline.parsed_words, [f.rule for f in found]

    assert parsed("## Root cause\n\nThe sync fixed most corner cases of the import.\n") == (0, [])
    words, found = parsed("## Root cause\n\nMarisol cut corners on the import.\n")
    assert words > 0 and found == ["B104"]
