"""T302: an entry that judges a person: ignored the page, failed to notice, should have escalated.

Reported once per entry, and not where the entry's sentence already has an editorializing finding
(T301). The blame rules skip timeline sections, so this is the one report of such a judgement.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..context import BlockContext, Hit
from ..people import in_quotes, is_negated, low_effort_idiom
from .actors import mention, person_subject_of
from .editorializing import editorial_matches

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _judgement(ctx: BlockContext, verb: "Token") -> tuple[str, "Token"] | None:
    """('hindsight', verb) for "should have <verb>ed", ('verb', verb) for "ignored", "failed to
    notice", "didn't bother", ('idiom', its last word) for "cut corners"; None when the verb
    judges no one."""
    lemma = verb.lemma_.lower()
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & ctx.words("hindsight_modals") and verb.tag_ == "VBN":
        return "hindsight", verb
    care = ctx.words("timeline_care_verbs")
    if lemma in ctx.words("failing_verbs") and any(c.dep_ == "xcomp" and c.lemma_.lower() in care
                                                   for c in verb.children):
        return "verb", verb
    if lemma in ctx.words("bothering_verbs") and is_negated(verb):
        return "verb", verb
    if lemma in ctx.words("lapse_of_attention_verbs") and not is_negated(verb):
        return "verb", verb
    taken = low_effort_idiom(verb, ctx.words)
    if taken is not None and taken.dep_ != "nsubjpass" and not is_negated(verb):
        return "idiom", taken  # "cut corners", "took shortcuts"
    return None


def _in_sentence(who: str, ctx: BlockContext) -> str:
    """'The on-call' -> 'the on-call' inside a sentence; names stay as written."""
    determiners = {w.capitalize() for w in ctx.words("mention_determiners")}
    return who[0].lower() + who[1:] if who.split()[0] in determiners else who


def person_judgement(ctx: BlockContext) -> Iterator[Hit]:
    """T302: an entry that judges a person (ignored the page, failed to notice, should have)."""
    if ctx.doc is None:
        return
    flagged_words = {s for s, _, _ in editorial_matches(ctx)}
    for sent in ctx.doc.sents:
        if any(sent.start_char <= s < sent.end_char for s in flagged_words):
            continue  # the editorializing rule reports this sentence already
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or in_quotes(verb):
                continue
            judged = _judgement(ctx, verb)
            if judged is None:
                continue
            kind, last = judged
            subj = person_subject_of(ctx, verb)
            if subj is None:
                continue
            who = mention(subj)
            said = verb.doc[verb.i:last.i + 1].text
            end_tok = sent[-2] if len(sent) > 1 and sent[-1].is_punct else sent[-1]
            s, e = ctx.span(min(subj.left_edge.idx, verb.idx), end_tok.idx + len(end_tok.text))
            yield Hit(s, e, variant="hindsight" if kind == "hindsight" else None,
                      slots={"verb": said, "who": who, "named": _in_sentence(who, ctx)})
            break
