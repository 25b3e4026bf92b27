"""People (R507): names of individuals and chat handles, found as the blame rules find people
(`checks/people.py`: a capitalised proper noun that is not a known system or a tool the
document also writes in lower case). One placeholder per person: "Maria Chen", "Maria" and
"@maria" are the same engineer.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...lexicon import english
from ...nlp import shared_pipeline
from ..context import DocumentContext, Hit
from ..people import person_kind
from .placeholders import Placeholders, redaction_hits

_HANDLE = re.compile(r"(?<![\w.@/`])@([A-Za-z][\w.-]*[A-Za-z0-9_])(?![\w/@])")
_PROSE = ("paragraph", "list_item", "table_row")
_EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w.-]+")
_DOTTED_LABEL = re.compile(r"(?<=\.)[a-z][a-z0-9]*|[a-z][a-z0-9]*(?=\.[a-z])")


def _host_words(source: str) -> frozenset[str]:
    """Lower-case labels of host and file names (checkout in cache-7.checkout.internal): a
    capitalised 'Checkout' is then the system, not a person. Email addresses are left out: their
    words may be a person's name."""
    return frozenset(_DOTTED_LABEL.findall(_EMAIL_LIKE.sub(" ", source)))


def _not_a_name(word: str) -> bool:
    return word.lower() in english().words("name_lookalikes")


def _is_label(tok) -> bool:
    """'Impact:', 'Owner -': a word that names what follows, not a person."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.text in (":", "-", "–", "—") and tok.i == tok.sent.start


def _is_header_row(block) -> bool:
    return block.kind == "table_row" and bool(block.cells) and all(
        c.header == c.text_of(block).lower() or not c.text_of(block) for c in block.cells)


def _is_name(tok, ctx: DocumentContext) -> bool:
    return (tok.pos_ == "PROPN" and tok.text.isalpha() and tok.text.istitle() and len(tok.text) > 1
            and not _not_a_name(tok.text) and not _is_label(tok) and person_kind(tok, ctx.words, ctx.lowercase) == "person")


def _customer_words(ctx: DocumentContext) -> frozenset[str]:
    """The words of the customer names configured for R508: a customer, not a person."""
    names = ctx.config.rule_option("R508", "names", ())
    return frozenset(w.lower() for n in names if isinstance(n, str) for w in n.split())


def _names(ctx: DocumentContext) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """(start, end, key, aliases) of each run of person-name tokens in the prose."""
    customers = _customer_words(ctx) | _host_words(ctx.document.source)
    blocks = [b for b in ctx.document.blocks if b.kind in _PROSE and not _is_header_row(b)]
    missing = [b.text for b in blocks if b.text not in ctx.parses]
    parses = dict(ctx.parses)
    if missing:
        parses.update(shared_pipeline(ctx.config.model).parse_many(missing))
    found = []
    for block in blocks:
        doc = parses.get(block.text)
        if doc is None:
            continue
        runs: list[list] = []
        for tok in doc:
            if not _is_name(tok, ctx) or tok.lower_ in customers:
                continue
            if runs and runs[-1][-1].i == tok.i - 1:
                runs[-1].append(tok)
            else:
                runs.append([tok])
        for run in runs:
            start, end = block.doc_offset(run[0].idx), block.doc_offset(run[-1].idx + len(run[-1].text))
            words = tuple(t.text for t in run)
            found.append((start, end, " ".join(words), words))
    return found


def _handles(ctx: DocumentContext) -> list[tuple[int, int, str, tuple[str, ...]]]:
    found = []
    for block in ctx.document.blocks:
        if block.kind not in _PROSE:
            continue
        for m in _HANDLE.finditer(block.text):
            name = m.group(1)
            found.append((block.doc_offset(m.start()), block.doc_offset(m.end()), name,
                          (re.split(r"[._-]", name)[0],)))
    return found


def people(ctx: DocumentContext) -> Iterator[Hit]:
    """R507: a person's name or @handle, each person one placeholder ("Engineer A")."""
    book = Placeholders(ctx.option("placeholder"))
    mentions = sorted(_names(ctx) + _handles(ctx))
    spans = []
    for start, end, key, aliases in mentions:
        book.number(key, *aliases)
        spans.append((start, end, key))
    yield from redaction_hits(ctx, spans, book)
