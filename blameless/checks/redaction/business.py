"""Customers and money (R508, R509): account identifiers, customer names, revenue figures and
SLA credits, none of which a public postmortem needs."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...config import ConfigError
from ...lexicon import english
from ..context import DocumentContext, Hit
from .placeholders import redaction_hits

_PROSE = ("paragraph", "list_item", "table_row", "heading")


@lru_cache(maxsize=1)
def _account_id() -> re.Pattern:
    nouns, labels = english().alternation("account_words"), english().alternation("account_id_labels")
    return re.compile(rf"\b{nouns}(?:\s+{labels})?\s*[:#]?\s*(?P<id>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{{3,}}\b)",
                      re.I)


@lru_cache(maxsize=32)
def _configured(patterns: tuple[str, ...], names: tuple[str, ...]) -> re.Pattern | None:
    parts = []
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise ConfigError(f"rules.R508.patterns: {pattern!r} is not a regular expression: {err}") from None
        parts.append(f"(?:{pattern})")
    parts += [r"\b" + re.escape(name).replace(r"\ ", r"\s+") + r"\b" for name in names]
    return re.compile("|".join(parts)) if parts else None


def _strings(ctx: DocumentContext, name: str) -> tuple[str, ...]:
    value = ctx.option(name, ())
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"rules.R508.{name}: must be a list of strings")
    return tuple(value)


def customers(ctx: DocumentContext) -> Iterator[Hit]:
    """R508: an account or customer identifier ("account 4821093", configured `patterns` such
    as ACME-\\d+) and the customer `names` the config lists."""
    source = ctx.document.source
    spans = [(m.start("id"), m.end("id"), m.group("id")) for m in _account_id().finditer(source)]
    configured = _configured(_strings(ctx, "patterns"), _strings(ctx, "names"))
    if configured is not None:
        spans += [(m.start(), m.end(), m.group(0)) for m in configured.finditer(source) if m.end() > m.start()]
    spans = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s for o in spans)]
    yield from redaction_hits(ctx, sorted(set(spans)))


@lru_cache(maxsize=1)
def _amount() -> re.Pattern:
    scales, currencies = english().alternation("amount_scales"), english().alternation("currency_words")
    number = r"\d[\d,]*(?:\.\d+)?"
    return re.compile(rf"[$€£¥]\s?{number}(?:\s?{scales}\b)?|\b{number}(?:\s?{scales})?\s?{currencies}\b"
                      rf"|(?P<percent>\b{number}\s?%)", re.I)


def money(ctx: DocumentContext) -> Iterator[Hit]:
    """R509: an amount of money, and a percentage in a sentence about revenue or credits."""
    money_words = re.compile(rf"\b{english().alternation('money_words')}\b", re.I)
    spans = []
    for block in ctx.document.blocks:
        if block.kind not in _PROSE:
            continue
        for sentence in re.finditer(r"[^.!?;\n]+(?:[.!?;](?!\d)|$)|[^\n]+", block.text):
            text = sentence.group(0)
            about_money = money_words.search(text) is not None
            for m in _amount().finditer(text):
                if m.group("percent") and not about_money:
                    continue
                s = sentence.start() + m.start()
                spans.append((block.doc_offset(s), block.doc_offset(s + len(m.group(0).rstrip())),
                              " ".join(m.group(0).lower().split())))
    yield from redaction_hits(ctx, sorted(set(spans)))
