"""T301: judgement, emotion and hindsight words in a timeline entry.

A word is left alone where it describes rather than comments: "clearly" about evidence ("the graph
clearly showed …"), "wasted" measuring resources ("wasted heap space"), a manner adverb after its
verb ("behaving strangely"). Where the word can go and the sentence still stands, the finding
carries a fix that removes it and the suggestion shows the sentence without it.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ...findings import Fix, TextEdit
from ...fixes import removal
from ...text import inside_quotes, phrase_regex, sentence_bounds
from ...readers.dates import leading_stamp
from ..context import BlockContext, Hit
from .actors import person_for

#: The lists whose words T301 reports (the rule's triggers_from derives the prefilter from them).
_REPORTED = ("editorial_words", "judgement_words", "hindsight_phrases")


def editorial_matches(ctx: BlockContext) -> list[tuple[int, int, str]]:
    """(start, end, words as written) of each editorial, judgement or hindsight phrase in the
    block, outside quotes."""
    words = tuple(sorted(frozenset().union(*(ctx.words(name) for name in _REPORTED))))
    text = ctx.block.text
    return [(m.start(), m.end(), m.group(0)) for m in phrase_regex(words).finditer(text)
            if not inside_quotes(text, m.start())]


def _token_at(ctx: BlockContext, start: int):
    return next((t for t in ctx.doc if t.idx == start), None) if ctx.doc is not None else None


def _describes_evidence(ctx: BlockContext, start: int) -> bool:
    """'The graph clearly showed …', 'The spike was clearly visible in …': 'clearly' describes the
    evidence, not the writer's view."""
    tok = _token_at(ctx, start)
    if tok is None:
        return False
    evidence = ctx.words("evidence_verbs")
    head = tok.head
    if head.lemma_.lower() in evidence:
        return True
    # a copula: "was clearly visible", "were clearly marked"
    return head.lemma_.lower() in ctx.words("copulas") and any(
        c.dep_ in ("acomp", "attr", "xcomp") and c.lemma_.lower() in evidence for c in head.children)


def _describes_manner(ctx: BlockContext, start: int) -> bool:
    """'the pod was behaving strangely': the adverb follows its verb and describes a symptom."""
    tok = _token_at(ctx, start)
    if tok is None:
        return False
    after_verb = tok.i > 0 and tok.doc[tok.i - 1].pos_ == "VERB"  # "behaving strangely after …"
    return after_verb or (tok.head.pos_ in ("VERB", "AUX") and tok.i > tok.head.i
                          and tok.head.lemma_.lower() not in ctx.words("copulas"))


def _technical_waste(ctx: BlockContext, start: int) -> bool:
    """'3 GB of wasted heap space', 'wasted CPU cycles': an adjective measuring resources."""
    tok = _token_at(ctx, start)
    return (tok is not None and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN")
            and tok.head.lemma_.lower() not in ctx.words("wastable_nouns"))


def _describes(ctx: BlockContext, start: int, lower: str) -> bool:
    """The word describes what happened here rather than commenting on it."""
    return ((lower in ctx.words("evidential_adverbs") and _describes_evidence(ctx, start))
            or (lower in ctx.words("waste_words") and _technical_waste(ctx, start))
            or (lower in ctx.words("manner_adverbs") and _describes_manner(ctx, start)))


def _stamp_end(ctx: BlockContext) -> int:
    block = ctx.block
    if block.kind == "table_row":
        return 0
    stamp = leading_stamp(block.text)
    return stamp.end if stamp is not None and stamp.timed else 0


def _removal(ctx: BlockContext, start: int, end: int) -> TextEdit | None:
    """The block edit removing raw[start:end], keeping the entry's capital after its time."""
    raw = ctx.block.raw
    edit = removal(raw, start, end)
    if edit is None:
        return None
    # "09:20 Unfortunately the …" opens the entry after its time: keep a capital letter
    after_stamp = raw[:start].strip() == "" or start <= _stamp_end(ctx) + 1 \
        or raw[:start].rstrip()[-1:] in "|*"
    if after_stamp and not edit.new_text and raw[start:start + 1].isupper() and edit.end < len(raw) \
            and raw[edit.end:edit.end + 1].islower():
        edit = TextEdit(edit.start, edit.end + 1, raw[edit.end].upper())
    return edit


def _rewrite(raw: str, edit: TextEdit, start: int, end: int) -> str:
    """The sentence around raw[start:end] with the edit applied."""
    left, right = sentence_bounds(raw, start, end)
    text = raw[:edit.start] + edit.new_text + raw[edit.end:]
    shift = len(edit.new_text) - (edit.end - edit.start)
    return " ".join(text[left:right + shift].split()).strip(" |")


def _removal_fix(ctx: BlockContext, start: int, end: int, word: str) -> tuple[tuple[Fix, ...], str | None]:
    """(the fix removing the word, the sentence without it), or ((), None)."""
    edit = _removal(ctx, start, end)
    if edit is None:
        return (), None
    rewrite = _rewrite(ctx.block.raw, edit, start, end)
    in_document = replace(edit, start=ctx.block.doc_offset(edit.start), end=ctx.block.doc_offset(edit.end))
    return (Fix(f"Remove “{word}”", (in_document,)),), rewrite


def _variant(ctx: BlockContext, lower: str, person: str | None, rewrite: str | None) -> str | None:
    """Which of the rule's templates: hindsight, about a person, judgement, or a comment (the
    default); each but hindsight with a "_rewritten" twin that quotes the sentence without it."""
    if lower in ctx.words("hindsight_phrases"):
        return "hindsight"
    if person is not None:
        kind = "person"
    elif lower in ctx.words("judgement_words"):
        kind = "judgement"
    else:
        kind = None
    if rewrite is None:
        return kind
    return f"{kind}_rewritten" if kind else "rewritten"


def editorializing(ctx: BlockContext) -> Iterator[Hit]:
    """T301: judgement, emotion and hindsight words in a timeline entry."""
    for start, end, word in editorial_matches(ctx):
        lower = " ".join(word.lower().split())
        if _describes(ctx, start, lower):
            continue
        person = person_for(ctx, start) if lower in ctx.words("person_comment_words") else None
        fixes, rewrite = _removal_fix(ctx, start, end, word) if lower in ctx.words("removable") else ((), None)
        s, e = ctx.span(start, end)
        yield Hit(s, e, variant=_variant(ctx, lower, person, rewrite),
                  slots={"word": word, "person": person or "", "rewrite": rewrite or ""}, fixes=fixes)
