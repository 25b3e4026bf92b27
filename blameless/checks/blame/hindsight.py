"""B103 hindsight about people: 'should have', 'ought to have', and 'if X had …, it would have
been caught', when the one judged is a person."""
from __future__ import annotations

from collections.abc import Iterator

from ..context import BlockContext, Hit
from ..english import lemma_of
from ..people import person_subject, phrase
from .grammar import clause_hit, counterfactual_if, gerund_phrase, is_hindsight, sentences


def hindsight(ctx: BlockContext) -> Iterator[Hit]:
    """B103: one hit per judged verb, from its subject (or its condition) to the sentence end."""
    for sent in sentences(ctx):
        last = sent[-2] if sent[-1].is_punct and len(sent) > 1 else sent[-1]
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            counterfactual = counterfactual_if(verb)
            if not (counterfactual or is_hindsight(verb)):
                continue
            found = person_subject(verb, ctx.words, ctx.lowercase)
            if not found or found[1] != "person":
                continue
            subj = found[0]
            variant = "counterfactual" if counterfactual else "should"
            start = verb.head.left_edge if counterfactual else subj.left_edge
            if lemma_of(verb) in ctx.words("knowledge_verbs"):
                yield clause_hit(ctx, start, last, f"{variant}_knowing", who=phrase(subj))
            else:
                yield clause_hit(ctx, start, last, variant, who=phrase(subj), action=gerund_phrase(verb))
