"""B107 hindsight in the passive and B108 a person's lack of awareness.

B107: the passive hides who should have acted, but the hindsight is about people all the same:
"should have been caught in review", "was never tested", "nothing was done for another two
hours", "was deemed good enough for now by the developer". A system as the by-agent ("should
have been caught by the canary") names a missing safeguard and is left alone.

B108: only people are aware. "He wasn't fully aware which workspace he was in", "Without being
aware of the cluster context, …", "despite being aware of the risk" fault the person acting; "we
were not aware" (a team's own admission) and a system that "is not aware of" something do not.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..context import BlockContext, Hit
from ..english import lemma_of
from ..people import agents, in_quotes, is_past, person_kind, person_subject, phrase
from .grammar import clause_end, clause_hit, is_hindsight, sentences

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def _kind(ctx: BlockContext, tok: "Token") -> str | None:
    return person_kind(tok, ctx.words, ctx.lowercase)


def _passive_subject(verb: "Token") -> "Token | None":
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _idle(ctx: BlockContext, verb: "Token") -> bool:
    """'nothing was done for another two hours': a stretch of time nobody acted in."""
    subj = _passive_subject(verb)
    if subj is None or subj.lower_ not in ctx.words("null_objects") or lemma_of(verb) not in ctx.words("idle_verbs"):
        return False
    return any(p.lower_ == "for" and any(o.lemma_.lower() in ctx.words("idle_time_nouns") for o in p.children)
               for p in verb.children if p.dep_ == "prep")


def _low_effort(ctx: BlockContext, sent: "Span") -> bool:
    text = " " + " ".join(t.lower_ for t in sent) + " "
    return any(f" {w} " in text for w in ctx.words("low_effort_phrases"))


def _passive_variant(ctx: BlockContext, sent: "Span", verb: "Token") -> str | None:
    if not any(c.dep_ == "auxpass" for c in verb.children) or in_quotes(verb):
        return None
    by = agents(verb)
    by_person = any(_kind(ctx, a) == "person" for a in by)
    if by and not by_person:
        return None  # "should have been caught by the canary": a missing safeguard
    subj = _passive_subject(verb)
    if subj is not None and _kind(ctx, subj) is not None:
        return None  # "I should have been told": said of a person, not of their work
    lemma = lemma_of(verb)
    diligence = lemma in ctx.words("diligence_verbs")
    could = any(c.dep_ == "aux" and c.lower_ in ctx.words("could_modals") for c in verb.children)
    if is_hindsight(verb) and not could and (diligence or by_person):
        return "should"
    if diligence and is_past(verb) and any(c.dep_ == "neg" and c.lower_ in ctx.words("omission_negations")
                                           for c in verb.children):
        return "never"
    if is_past(verb) and _idle(ctx, verb):
        return "idle"
    if by_person and lemma in ctx.words("verdict_verbs") and _low_effort(ctx, sent):
        return "verdict"
    return None


def passive_hindsight(ctx: BlockContext) -> Iterator[Hit]:
    """B107: hindsight about people's work written in the passive."""
    for sent in sentences(ctx):
        for verb in sent:
            if verb.tag_ != "VBN":
                continue
            variant = _passive_variant(ctx, sent, verb)
            if variant is None and lemma_of(verb) in ctx.words("verdict_verbs") and _low_effort(ctx, sent):
                found = person_subject(verb, ctx.words, ctx.lowercase)
                variant = "verdict" if found and found[1] == "person" else None
            if variant is not None:
                first = _passive_subject(verb) or next((c for c in verb.children if c.dep_ == "nsubj"), verb)
                yield clause_hit(ctx, first.left_edge if first.i < verb.i else verb, clause_end(verb), variant,
                                 verb=verb.text)


def _negated(ctx: BlockContext, adj: "Token") -> bool:
    own = [c for c in adj.children if c.dep_ == "neg"]
    head = adj.head if adj.dep_ == "acomp" else adj
    return bool(own or [c for c in head.children if c.dep_ == "neg"])


def _despite_or_without(ctx: BlockContext, adj: "Token") -> "Token | None":
    """The 'without' / 'despite' an awareness word hangs from ('without (being) fully aware')."""
    tok = adj
    for _ in range(3):
        tok = tok.head
        if tok.dep_ == "prep" and tok.lower_ in ctx.words("unaware_prepositions"):
            return tok
        if tok.head is tok:
            break
    return None


def _first_person(ctx: BlockContext, verb: "Token") -> bool:
    """'we' or 'I' act in the clause: a team's own admission."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ctx.words("first_person_plural")
                                                    or _kind(ctx, c) == "self") for c in verb.children)


def unaware(ctx: BlockContext) -> Iterator[Hit]:
    """B108: a person who was not aware (or acted despite being aware)."""
    for sent in sentences(ctx):
        for adj in sent:
            lemma = adj.lemma_.lower()
            if in_quotes(adj) or lemma not in ctx.words("awareness_adjectives") | ctx.words("unaware_adjectives"):
                continue
            prep = _despite_or_without(ctx, adj)
            if prep is not None:
                main = prep.head
                if _first_person(ctx, main) or main.dep_ == "conj" and _first_person(ctx, main.head):
                    continue
                yield clause_hit(ctx, prep, adj.right_edge, "without", words=phrase(prep))
                continue
            if lemma in ctx.words("awareness_adjectives") and not _negated(ctx, adj):
                continue
            head = adj.head if adj.dep_ == "acomp" else adj
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or _kind(ctx, subj) != "person":
                continue
            yield clause_hit(ctx, subj.left_edge, adj.right_edge, "unaware", who=phrase(subj))
