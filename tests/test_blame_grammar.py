"""The blame grammar on hand-built parses: each branch of B101, hindsight, blame questions and
self-blame, read from a `Doc(vocab, words=, heads=, deps=, pos=, tags=, lemmas=)` so that no
statistical model decides the outcome (fast and deterministic)."""
from __future__ import annotations

from types import SimpleNamespace

import spacy
from spacy.tokens import Doc

from blameless.checks.blame import blame_question, hindsight, person_as_cause, self_blame
from blameless.checks.blame.grammar import counterfactual_if, is_hindsight
from blameless.checks.context import BlockContext
from blameless.checks.english import gerund, lemma_of, participle
from blameless.registry import rule_set

VOCAB = spacy.blank("en").vocab


def parse(spec: str, heads, deps, pos, tags, lemmas=None, spaces=None) -> Doc:
    words = spec.split()
    lemmas = lemmas or [w.lower() for w in words]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, spaces=spaces)


def context(doc: Doc) -> BlockContext:
    block = SimpleNamespace(text=doc.text, raw=doc.text, doc_offset=lambda i: i)
    return BlockContext(block=block, doc=doc, rule=rule_set().get("B101"), config=None)


def found(check, doc: Doc) -> list[tuple[str | None, dict]]:
    return [(hit.variant, hit.slots) for hit in check(context(doc))]


# -- B101 person as cause ------------------------------------------------------------------

def test_fault_verb_with_a_person_subject():
    doc = parse("Lena broke the deploy .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
                ["PROPN", "VERB", "DET", "NOUN", "PUNCT"], ["NNP", "VBD", "DT", "NN", "."],
                ["Lena", "break", "the", "deploy", "."])
    assert found(person_as_cause, doc) == [
        ("fault", {"who": "Lena", "words": "broke", "thing": "The deploy", "done": "broken"})]


def test_fault_verb_with_a_system_subject_is_not_blame():
    doc = parse("Jenkins broke the deploy .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
                ["PROPN", "VERB", "DET", "NOUN", "PUNCT"], ["NNP", "VBD", "DT", "NN", "."],
                ["Jenkins", "break", "the", "deploy", "."])
    assert found(person_as_cause, doc) == []


def _did_not(verb: str, lemma: str) -> Doc:
    return parse(f"The SRE did not {verb} the disk .", [1, 4, 4, 4, 4, 6, 4, 4],
                 ["det", "nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"],
                 ["DET", "PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "PUNCT"],
                 ["DT", "NNP", "VBD", "RB", "VB", "DT", "NN", "."],
                 ["the", "SRE", "do", "not", lemma, "the", "disk", "."])


def test_negated_care_verb_is_a_skipped_step():
    assert found(person_as_cause, _did_not("check", "check")) == [
        ("negated_skipped", {"who": "The SRE", "words": "check", "action": "Checking the disk"})]


def test_negated_verb_outside_the_care_verbs_clears_the_person():
    assert found(person_as_cause, _did_not("touch", "touch")) == []


def test_passive_with_a_person_agent_and_a_data_object():
    doc = parse("The table was dropped by Wei .", [1, 3, 3, 3, 3, 4, 3],
                ["det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
                ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"], ["DT", "NN", "VBD", "VBN", "IN", "NNP", "."],
                ["the", "table", "be", "drop", "by", "Wei", "."])
    assert found(person_as_cause, doc) == [("passive", {"agent": "Wei", "thing": "The table", "done": "dropped"})]


def test_possessive_mistake_names_the_person_as_the_cause():
    doc = parse("Tariq 's mistake broke billing .", [2, 0, 3, 3, 3, 3],
                ["poss", "case", "nsubj", "ROOT", "dobj", "punct"],
                ["PROPN", "PART", "NOUN", "VERB", "NOUN", "PUNCT"], ["NNP", "POS", "NN", "VBD", "NN", "."],
                ["Tariq", "'s", "mistake", "break", "billing", "."], [False, True, True, True, False, False])
    assert found(person_as_cause, doc) == [("possessive", {"noun": "Tariq's mistake"})]


def _because(main: list[str], main_lemmas: list[str], main_pos: list[str], main_deps: list[str]) -> Doc:
    """<main clause> because Olga restarted the primary ."""
    n = len(main)
    root = next(i for i, d in enumerate(main_deps) if d == "ROOT")
    words = " ".join(main + ["because", "Olga", "restarted", "the", "primary", "."])
    heads = [root] * n + [n + 2, n + 2, root, n + 4, n + 2, root]
    deps = main_deps + ["mark", "nsubj", "advcl", "det", "dobj", "punct"]
    pos = main_pos + ["SCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["VBD" if p == "VERB" else "NN" for p in main_pos] + ["IN", "NNP", "VBD", "DT", "NN", "."]
    lemmas = main_lemmas + ["because", "Olga", "restart", "the", "primary", "."]
    return parse(words, heads, deps, pos, tags, lemmas)


def test_because_a_person_explaining_harm_names_them_as_the_cause():
    doc = _because(["Search", "failed"], ["search", "fail"], ["NOUN", "VERB"], ["nsubj", "ROOT"])
    assert found(person_as_cause, doc) == [
        ("because", {"who": "Olga", "thing": "The primary", "done": "restarted"})]


def test_because_a_person_explaining_a_good_outcome_is_credit():
    doc = _because(["We", "recovered", "quickly"], ["we", "recover", "quickly"], ["PRON", "VERB", "ADV"],
                   ["nsubj", "ROOT", "advmod"])
    assert found(person_as_cause, doc) == []


def _deleted(adverb: str) -> Doc:
    return parse(f"The intern {adverb} deleted the bucket .", [1, 3, 3, 3, 5, 3, 3],
                 ["det", "nsubj", "advmod", "ROOT", "det", "dobj", "punct"],
                 ["DET", "NOUN", "ADV", "VERB", "DET", "NOUN", "PUNCT"], ["DT", "NN", "RB", "VBD", "DT", "NN", "."],
                 ["the", "intern", adverb, "delete", "the", "bucket", "."])


def test_an_adverb_judging_the_act_an_error_makes_the_person_its_agent():
    assert found(person_as_cause, _deleted("mistakenly")) == [
        ("fault", {"who": "The intern", "words": "mistakenly deleted", "thing": "The bucket", "done": "deleted"})]


def test_an_adverb_that_disclaims_intent_leaves_a_neutral_verb_neutral():
    assert found(person_as_cause, _deleted("accidentally")) == []
    assert found(person_as_cause, _deleted("unintentionally")) == []


def _merged(safeguard: str) -> Doc:
    return parse(f"Gil merged the fix without {safeguard} .", [1, 1, 3, 1, 1, 4, 1],
                 ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
                 ["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"], ["NNP", "VBD", "DT", "NN", "IN", "NN", "."],
                 ["Gil", "merge", "the", "fix", "without", safeguard, "."])


def test_without_review_is_a_skipped_safeguard():
    assert found(person_as_cause, _merged("review")) == [
        ("fault", {"who": "Gil", "words": "without review", "thing": "The fix", "done": "merged"})]


def test_without_something_else_is_not_blame():
    assert found(person_as_cause, _merged("downtime")) == []


# -- B103 hindsight --------------------------------------------------------------------------

def _should_have(subject: list[str], pos: str, lemma: str) -> Doc:
    n = len(subject)
    words = " ".join(subject + ["should", "have", "paged", "the", "team", "."])
    heads = [n - 1] * (n - 1) + [n + 2, n + 2, n + 2, n + 2, n + 4, n + 2, n + 2]
    deps = ["det"] * (n - 1) + ["nsubj", "aux", "aux", "ROOT", "det", "dobj", "punct"]
    tags = ["DT"] * (n - 1) + ["NN", "MD", "VB", "VBN", "DT", "NN", "."]
    pos_ = ["DET"] * (n - 1) + [pos, "AUX", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = [w.lower() for w in subject[:-1]] + [lemma, "should", "have", "page", "the", "team", "."]
    return parse(words, heads, deps, pos_, tags, lemmas)


def test_should_have_about_a_person_is_hindsight():
    doc = _should_have(["The", "responder"], "NOUN", "responder")
    assert is_hindsight(doc[4])
    assert found(hindsight, doc) == [("should", {"who": "The responder", "action": "paging the team"})]


def test_should_have_about_a_system_is_not_judged():
    assert found(hindsight, _should_have(["The", "breaker"], "NOUN", "breaker")) == []


def test_counterfactual_if_about_a_person():
    doc = parse("If the developer had run the test , the bug would have been caught .",
                [4, 2, 4, 4, 13, 6, 4, 13, 9, 13, 13, 13, 13, 13, 13],
                ["mark", "det", "nsubj", "aux", "advcl", "det", "dobj", "punct", "det", "nsubjpass", "aux", "aux",
                 "auxpass", "ROOT", "punct"],
                ["SCONJ", "DET", "NOUN", "AUX", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "AUX", "AUX", "AUX",
                 "VERB", "PUNCT"],
                ["IN", "DT", "NN", "VBD", "VBN", "DT", "NN", ",", "DT", "NN", "MD", "VB", "VBN", "VBN", "."],
                ["if", "the", "developer", "have", "run", "the", "test", ",", "the", "bug", "would", "have", "be",
                 "catch", "."])
    assert counterfactual_if(doc[4])
    assert found(hindsight, doc) == [("counterfactual", {"who": "the developer", "action": "running the test"})]


# -- B105 blame questions ------------------------------------------------------------------

def _why_did(subject: str, pos: str, tag: str) -> Doc:
    return parse(f"Why did {subject} restart the primary ?", [3, 3, 3, 3, 5, 3, 3],
                 ["advmod", "aux", "nsubj", "ROOT", "det", "dobj", "punct"],
                 ["ADV", "AUX", pos, "VERB", "DET", "NOUN", "PUNCT"], ["WRB", "VBD", tag, "VB", "DT", "NN", "."],
                 ["why", "do", subject.lower(), "restart", "the", "primary", "?"])


def test_why_did_a_person_act_is_a_blame_question():
    assert found(blame_question, _why_did("you", "PRON", "PRP")) == [(None, {})]


def test_why_did_a_system_act_is_a_fair_question():
    assert found(blame_question, _why_did("Redis", "PROPN", "NNP")) == []


def test_who_did_it_is_a_blame_question_but_who_was_paged_is_not():
    merged = parse("Who merged this ?", [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                   ["PRON", "VERB", "PRON", "PUNCT"], ["WP", "VBD", "DT", "."], ["who", "merge", "this", "?"])
    paged = parse("Who was paged ?", [2, 2, 2, 2], ["nsubjpass", "auxpass", "ROOT", "punct"],
                  ["PRON", "AUX", "VERB", "PUNCT"], ["WP", "VBD", "VBN", "."], ["who", "be", "page", "?"])
    assert found(blame_question, merged) == [(None, {})]
    assert found(blame_question, paged) == []


# -- B106 self-blame -------------------------------------------------------------------------

def test_the_writer_as_the_agent_is_self_blame_not_blame():
    doc = parse("I forgot to update the record .", [1, 1, 3, 1, 5, 3, 1],
                ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
                ["PRON", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"], ["PRP", "VBD", "TO", "VB", "DT", "NN", "."],
                ["I", "forget", "to", "update", "the", "record", "."])
    assert [h.start for h in self_blame(context(doc))] == [0]
    assert found(person_as_cause, doc) == []


def test_a_self_blame_phrase_is_data_and_the_hook_does_not_repeat_it():
    """'my fault' is matched by B106's phrases (data); the hook adds only the grammar cases."""
    import blameless

    found = blameless.check("## Root cause\n\nIt was my fault.\n", config=blameless.Config(select=("B106",)))
    assert [(f.line, f.column, f.end_column) for f in found] == [(3, 8, 16)]
    doc = parse("It was my fault .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "poss", "attr", "punct"],
                ["PRON", "AUX", "PRON", "NOUN", "PUNCT"], ["PRP", "VBD", "PRP$", "NN", "."],
                ["it", "be", "my", "fault", "."])
    assert list(self_blame(context(doc))) == []


# -- morphology used in the rewrites ---------------------------------------------------------

def test_participles_gerunds_and_lemmas_of_irregular_verbs():
    assert [participle(v) for v in ("break", "pause", "let", "typo'd", "quit")] == [
        "broken", "paused", "let", "typo'd", "quit"]
    assert [gerund(v) for v in ("run", "let", "see", "tie")] == ["running", "letting", "seeing", "tying"]
    doc = Doc(VOCAB, words=["forgot", "ran"], lemmas=["forgot", "ran"])
    assert [lemma_of(t) for t in doc] == ["forget", "run"]
