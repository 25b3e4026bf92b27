"""B104 blame words: character words ('careless', 'dropped the ball') wherever they appear, and
words that judge only next to a person ('the engineer was lazy', "Lars's fault", 'blamed Dana')."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ...findings import Fix
from ...fixes import removal
from ...text import inside_quotes, phrase_regex, sentence_bounds
from ..context import BlockContext, Hit
from ..people import agents, in_quotes, is_modal, is_negated, low_effort_idiom, person_kind, person_subject
from .grammar import sentences

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _is_person(ctx: BlockContext, tok: "Token") -> bool:
    return person_kind(tok, ctx.words, ctx.lowercase) == "person"


def _has_person_subject(ctx: BlockContext, verb: "Token") -> bool:
    found = person_subject(verb, ctx.words, ctx.lowercase)
    return bool(found) and found[1] == "person"


def _fault_hit(ctx: BlockContext, tok: "Token") -> Hit | None:
    """"the fault of the storage team", "Lars's fault", "Dana was at fault"."""
    owner = [c for c in tok.children if c.dep_ == "poss"]
    owner += [p for prep in tok.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]
    if any(_is_person(ctx, o) for o in owner):
        return word_hit(ctx, tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text), label=tok.text)
    at = tok.head
    if at.lower_ == "at" and _has_person_subject(ctx, at.head):
        return word_hit(ctx, at.idx, tok.idx + len(tok.text))
    return None


def _person_word_hit(ctx: BlockContext, tok: "Token") -> Hit | None:
    """A word that judges only when it is said of a person."""
    lemma = tok.lemma_.lower()
    end = tok.idx + len(tok.text)
    if tok.lower_ in ctx.words("person_adjectives") and tok.dep_ == "acomp":
        return word_hit(ctx, tok.idx, end) if _has_person_subject(ctx, tok.head) else None
    if tok.lower_ in ctx.words("person_adverbs") and tok.dep_ == "advmod":
        return word_hit(ctx, tok.idx, end) if _has_person_subject(ctx, tok.head) else None
    if lemma == "fault" and tok.pos_ == "NOUN":
        return _fault_hit(ctx, tok)
    if lemma == "culprit":
        linked = [c for c in tok.head.children if c.dep_ in ("nsubj", "attr") and c is not tok]
        return word_hit(ctx, tok.idx, end) if any(_is_person(ctx, c) for c in linked) else None
    if lemma == "blame" and tok.pos_ == "VERB":
        targets = [c for c in tok.children if c.dep_ == "dobj"]
        targets += [p for prep in tok.children if prep.lower_ == "on" for p in prep.children]
        if any(_is_person(ctx, c) for c in targets) and not is_negated(tok):
            return word_hit(ctx, tok.idx, end)
    return None


def _low_effort_hit(ctx: BlockContext, verb: "Token") -> Hit | None:
    """An idiom of low effort said of a person: "Priya cut corners on the migration", "corners
    were cut by the contractor", "Dana skimped on testing". Not of a system ("the importer cut
    corners"), not by "we" (a team's own admission), not negated or under a modal."""
    taken = low_effort_idiom(verb, ctx.words)
    if taken is None or is_negated(verb) or is_modal(verb):
        return None
    if taken.dep_ == "nsubjpass":
        if not any(_is_person(ctx, a) for a in agents(verb)):
            return None
        return word_hit(ctx, taken.left_edge.idx, verb.idx + len(verb.text))
    if not _has_person_subject(ctx, verb):
        return None
    return word_hit(ctx, verb.idx, taken.idx + len(taken.text))


def blame_words(ctx: BlockContext) -> Iterator[Hit]:
    """B104: blame and character words; person-only words count only next to a person."""
    text = ctx.block.text
    for match in phrase_regex(tuple(sorted(ctx.words("blame_words")))).finditer(text):
        if not inside_quotes(text, match.start()):
            yield word_hit(ctx, match.start(), match.end())
    for sent in sentences(ctx):
        for tok in sent:
            if not in_quotes(tok) and (hit := _person_word_hit(ctx, tok) or _low_effort_hit(ctx, tok)) is not None:
                yield hit


def word_hit(ctx: BlockContext, start: int, end: int, label: str | None = None) -> Hit:
    """A hit on raw[start:end]; a judging adverb ('recklessly') also gets a removal fix and the
    sentence without it as the suggestion."""
    raw = ctx.block.raw
    word = raw[start:end]
    s, e = ctx.span(start, end)
    slots = {"word": label or word}
    if not (word.endswith("ly") and " " not in word):
        return Hit(s, e, variant="word", slots=slots)
    edit = removal(raw, start, end)
    if not edit:
        return Hit(s, e, variant="adverb_kept", slots=slots)
    edit = replace(edit, start=ctx.block.doc_offset(edit.start), end=ctx.block.doc_offset(edit.end))
    fix = Fix(f"Remove “{word}”", (edit,))
    return Hit(s, e, variant="adverb", slots={**slots, "sentence": sentence_without(raw, start, end)},
               fixes=(fix,))


def sentence_without(raw: str, start: int, end: int) -> str:
    """The sentence holding raw[start:end], with those words removed."""
    left, right = sentence_bounds(raw, start, end)
    sentence = raw[left:right]
    lead = len(sentence) - len(sentence.lstrip())
    sentence = sentence.strip()
    edit = removal(sentence, start - left - lead, end - left - lead)
    if edit is None:
        return sentence
    return (sentence[:edit.start] + edit.new_text + sentence[edit.end:]).strip()
