"""B105 blame questions: 'Who merged this?', 'Why didn't you notice?', 'How could you miss it?'."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..context import BlockContext, Hit
from ..english import lemma_of
from ..people import is_modal, person_subject
from .grammar import clause_hit, is_question, sentences

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def _asks_who(ctx: BlockContext, sent: "Span", first: "Token") -> bool:
    """'Who merged this?' (an act in the past by a person asked for), 'Whose fault was it?'."""
    verb = first.head
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if (first.dep_ == "nsubj" and verb.lemma_ != "be" and not passive and not is_modal(verb)
            and verb.tag_ in ("VBD", "VBN")):
        return True
    return first.lower_ == "whose" and any(t.lemma_.lower() in ctx.words("whose_blame_nouns") for t in sent)


def _asks_why(ctx: BlockContext, sent: "Span", first: "Token") -> bool:
    """'Why didn't the reviewer catch it?', 'Why didn't anyone check?', 'How could you miss it?'."""
    root = sent.root
    found = person_subject(root, ctx.words, ctx.lowercase)
    auxes = {c.lower_ for c in root.children if c.dep_ == "aux"}
    is_why = first.lower_ == "why"
    if is_why and not found:
        anyone = next((c for c in root.children if c.dep_ == "nsubj" and c.lower_ in ctx.words("nobody_words")), None)
        found = (anyone, "person") if anyone is not None else None
    if not found or found[1] != "person":
        return False
    if is_why:
        return lemma_of(root) != "be" and (bool(auxes & ctx.words("past_question_auxiliaries")) or root.tag_ == "VBD")
    return "could" in auxes and lemma_of(root) in (
        ctx.words("fault_verbs") | ctx.words("attention_verbs") | ctx.words("care_verbs"))


def blame_question(ctx: BlockContext) -> Iterator[Hit]:
    """B105: questions that ask who, or why a person did or did not do something."""
    for sent in sentences(ctx):
        if not is_question(sent):
            continue
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None:
            continue
        if first.lower_ in ctx.words("person_questions"):
            flagged = _asks_who(ctx, sent, first)
        elif first.lower_ in ctx.words("reason_questions"):
            flagged = _asks_why(ctx, sent, first)
        else:
            flagged = False
        if flagged:
            yield clause_hit(ctx, first, sent[-1])
