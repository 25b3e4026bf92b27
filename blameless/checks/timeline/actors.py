"""Who a timeline entry's words are about: the person acting, as the entry names them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...readers.timeline import actor_of
from ..context import BlockContext
from ..people import person_subject, subjects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: Dependencies by which a word qualifies the verb (or noun) it hangs on.
_QUALIFIER_DEPS = ("advmod", "amod", "npadvmod", "acomp")


def person_subject_of(ctx: BlockContext, verb: "Token") -> "Token | None":
    """The person who is the subject of `verb`, leniently: a capitalised word after a time
    ("18:22 Tomasz forgot …") counts as a name."""
    found = person_subject(verb, ctx.words, ctx.lowercase, lenient=True)
    return found[0] if found else None


def mention(subj: "Token") -> str:
    """'the on-call engineer', 'Kofi' — without a timestamp the parse hung on the name."""
    words = list(subj.doc[subj.left_edge.i:subj.i + 1])
    while words[:-1] and (words[0].like_num or words[0].is_punct or ":" in words[0].text
                          or not words[0].text.strip()):
        words = words[1:]
    return subj.doc[words[0].i:subj.i + 1].text


def _actor_person(ctx: BlockContext) -> str | None:
    """A table row's actor column, when it names a person (not a system: "Deploy bot")."""
    value = actor_of(ctx.block)
    if not value or not value[:1].isupper():
        return None
    lower = value.lower()
    if lower in ctx.words("systems") or lower in ctx.words("non_people") or lower in ctx.lowercase:
        return None  # a system, or a word the document writes in lower case or calls a system
    return value


def person_for(ctx: BlockContext, start: int) -> str | None:
    """The person whose action the word at block offset `start` qualifies, if any."""
    if ctx.doc is None:
        return None
    tok = next((t for t in ctx.doc if t.idx <= start < t.idx + max(len(t.text), 1)), None)
    if tok is None:
        return None
    verb = tok.head if tok.dep_ in _QUALIFIER_DEPS else tok
    for candidate in (verb, verb.head):
        if candidate.pos_ in ("VERB", "AUX"):
            subj = person_subject_of(ctx, candidate)
            if subj is not None and subj.i != tok.i:  # "Carelessly deleted …" read as a name
                return mention(subj)
    if ctx.block.kind == "table_row" and not subjects(verb) and tok.lower_ in ctx.words("judgement_words"):
        return _actor_person(ctx)
    return None
