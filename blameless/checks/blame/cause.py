"""B101 person-as-cause: a person (not the writer) as the agent of a failure, or named as its
cause ('because Olga restarted the primary', 'was dropped by the contractor', "Tariq's mistake")."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..context import BlockContext, Hit
from ..english import lemma_of
from ..people import agents, is_negated, is_past, person_kind, person_subject, phrase, subjects
from .grammar import (clause_end, clause_hit, is_hindsight, is_question, main_clause, modifiers, objects,
                      sentences, skipped_with_without)
from .reasons import Reason, blame_reason, neutral

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def explains_failure(ctx: BlockContext, clause_head: "Token", because_clause: "Token") -> bool:
    """Whether the clause that a 'because …' clause explains reports something that went wrong.

    "Search returned errors because Tomas ran the job" names Tomas as the cause; "We rolled back
    quickly because Priya spotted the spike" credits her, and is left alone.
    """
    inner = {t.i for t in because_clause.subtree}
    main = [t for t in clause_head.subtree if t.i not in inner]
    good = ctx.words("good_outcomes")
    if any(t.lemma_.lower() in good or t.lower_ in good for t in main):
        return False
    for subj in subjects(clause_head):
        if subj.lower_ == "we" or person_kind(subj, ctx.words, ctx.lowercase):
            return False
    return True


def _because_reason(ctx: BlockContext, verb: "Token") -> Reason | None:
    """'The outage happened because Olga restarted the primary': the person named as the cause."""
    causes = ctx.words("cause_conjunctions")
    if verb.dep_ == "advcl" and any(c.lower_ in causes and c.dep_ == "mark" for c in verb.children) and (
            explains_failure(ctx, main_clause(verb), verb)):
        return neutral(verb, next(iter(objects(verb)), None), kind="because")
    return None


def passive_fault(ctx: BlockContext, verb: "Token") -> bool:
    """'was pushed by Maria without review', 'was mistakenly deleted by …', 'the wrong build
    was promoted by …': the passive twins of B101's active faults."""
    if lemma_of(verb) in ctx.words("remedial_verbs") or is_negated(verb):
        return False
    if skipped_with_without(ctx, verb) is not None:
        return True
    if any(c.lower_ in ctx.words("slip_adverbs") for c in modifiers(verb)):
        return True
    bad = ctx.words("bad_qualities")
    return any(t.lower_ in bad for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree)


def _active_hit(ctx: BlockContext, verb: "Token") -> Hit | None:
    found = person_subject(verb, ctx.words, ctx.lowercase)
    if not (found and found[1] == "person" and not is_hindsight(verb) and is_past(verb)):
        return None
    reason = blame_reason(ctx, verb) or _because_reason(ctx, verb)
    if reason is None:
        return None
    subj = found[0]
    who = verb.doc[subj.left_edge.i:subj.i + 1].text
    return clause_hit(ctx, subj.left_edge, clause_end(verb), reason.variant, who=who, **reason.slots)


def _passive_hits(ctx: BlockContext, sent: "Span", verb: "Token") -> Iterator[Hit]:
    """'The orders table was dropped by the contractor'."""
    lemma = lemma_of(verb)
    for agent in agents(verb):
        if person_kind(agent, ctx.words, ctx.lowercase) != "person":
            continue
        destroyed = lemma in ctx.words("destroy_verbs") and any(
            c.dep_ == "nsubjpass" and c.lemma_.lower() in ctx.words("data_objects") for c in verb.children)
        faulted = destroyed or passive_fault(ctx, verb)
        if not (faulted or lemma in ctx.words("fault_verbs")):
            continue
        thing = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if faulted and thing is not None:
            reason = neutral(verb, thing, kind="passive")
        else:
            reason = Reason("passive_change")
        yield clause_hit(ctx, sent[0], sent[-1], reason.variant, agent=phrase(agent), **reason.slots)


def _possessive_hits(ctx: BlockContext, sent: "Span") -> Iterator[Hit]:
    """"Tariq's mistake took down billing", "Lena's change caused the outage"."""
    for tok in sent:
        if tok.dep_ != "poss" or person_kind(tok, ctx.words, ctx.lowercase) != "person":
            continue
        noun = tok.head
        verb = noun.head
        causing = noun.dep_ == "nsubj" and (
            lemma_of(verb) in ctx.words("fault_verbs") or lemma_of(verb) in ctx.words("consequence_verbs")
            or (lemma_of(verb) in ctx.words("downing_verbs") and any(c.lower_ == "down" for c in verb.children)))
        if noun.lemma_.lower() in ctx.words("mistake_nouns") or causing:
            yield clause_hit(ctx, tok.left_edge, noun, "possessive",
                             noun=tok.doc[tok.left_edge.i:noun.i + 1].text)


def person_as_cause(ctx: BlockContext) -> Iterator[Hit]:
    """B101: a person (not the writer) as the agent of a failure, or named as its cause."""
    for sent in sentences(ctx):
        if is_question(sent):
            continue  # questions are B105's
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            hit = _active_hit(ctx, verb)
            if hit is not None:
                yield hit
                continue
            yield from _passive_hits(ctx, sent, verb)
        yield from _possessive_hits(ctx, sent)
