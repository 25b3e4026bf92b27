"""B106 self-blame: the writer blaming themselves ('my fault', 'I should have spotted it')."""
from __future__ import annotations

from collections.abc import Iterator

from ..context import BlockContext, Hit
from ..people import is_negated, is_past, person_subject
from .grammar import clause_end, clause_hit, counterfactual_if, is_hindsight, is_question, sentences
from .reasons import blame_reason


def self_blame(ctx: BlockContext) -> Iterator[Hit]:
    """B106 beyond its phrases (data, `ctx.matches`): the writer as the subject of hindsight or
    a fault ("I should have double-checked the region")."""
    phrased = ctx.matches
    for sent in sentences(ctx):
        if is_question(sent):
            continue
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            found = person_subject(verb, ctx.words, ctx.lowercase)
            if not found or found[1] != "self":
                continue
            if is_hindsight(verb) or counterfactual_if(verb) or (
                    is_past(verb) and not is_negated(verb) and blame_reason(ctx, verb)):
                subj = found[0]
                end = clause_end(verb)
                if any(a < end.idx + len(end.text) and subj.idx < b for a, b in phrased):
                    continue  # "I screwed up …" is already reported as a phrase
                yield clause_hit(ctx, subj, end)
