"""Parse only the sentences a rule could flag, and give the checks one Doc per block all the same.

Most sentences of a postmortem hold no word any parse rule needs, so only the *candidate*
sentences (those with a trigger word of a rule that runs on the block) go through spaCy; runs of
consecutive candidates are parsed together, so they keep each other as context. The rest of the
block is only tokenized. The block's Doc is then put back together with its exact text and
offsets: unparsed stretches carry no tags and no lemmas (their sentences are kept apart, so
no check reads across them), and the parsed ones carry the parse.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: Where a sentence ends: terminal punctuation (and closing quotes or brackets), whitespace, then
#: what can open a sentence. The cut is made after the whitespace, so tokens are never split.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9])")


def sentence_cuts(text: str) -> list[int]:
    """Offsets at which a new sentence starts (0 and len(text) excluded)."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]


def candidate_ranges(text: str, wanted: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(start, end) offsets of the stretches to parse: consecutive sentences for which `wanted`
    is true, merged. The whole text, [(0, len)], when every sentence is wanted."""
    bounds = [0, *sentence_cuts(text), len(text)]
    ranges: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:]):
        if not wanted(text[start:end]):
            continue
        if ranges and ranges[-1][1] == start:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def assemble(nlp: "Language", text: str, ranges: list[tuple[int, int]], parsed: dict[str, "Doc"]) -> "Doc":
    """One Doc for `text` from the parses of its `ranges` (keys of `parsed`) and the tokenized
    stretches between them."""
    from spacy.tokens import Doc

    if ranges == [(0, len(text))]:
        return parsed[text]
    docs, at = [], 0
    for start, end in ranges:
        if at < start:
            docs.append(_unparsed(nlp, text[at:start]))
        docs.append(parsed[text[start:end]])
        at = end
    if at < len(text):
        docs.append(_unparsed(nlp, text[at:]))
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    assert doc.text == text, "the stretches of a block join back to its text"
    return doc


def _unparsed(nlp: "Language", text: str) -> "Doc":
    """`text` tokenized, one sentence per sentence of it: each sentence's tokens hang from its
    first token (labels ROOT and `dep`, no tags, no lemmas), so no check reads across it and no
    tree is larger than a sentence."""
    from spacy.tokens import Doc

    tokens = nlp.tokenizer(text)  # not make_doc: a stretch may be longer than nlp.max_length
    starts = set(sentence_cuts(text))
    heads, deps, first = [], [], 0
    for tok in tokens:
        if tok.i == 0 or tok.idx in starts:
            first = tok.i
        heads.append(first)
        deps.append("ROOT" if tok.i == first else "dep")
    return Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
               heads=heads, deps=deps)
