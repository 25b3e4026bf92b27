"""Placeholders stable across a document: the same value always gets the same placeholder.

The first person is "Engineer A" everywhere, the second "Engineer B"; the first internal host
"[internal host 1]". The placeholder's look is each rule's `placeholder` option (a template with
`{n}`, a number, or `{letter}`, A, B, ... Z, AA, AB, ...); one table per rule and document.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...findings import Fix, TextEdit
from ..context import DocumentContext, Hit


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


class Placeholders:
    """Numbers the distinct values of one rule in document order."""

    def __init__(self, template: str):
        self.template = template
        self.numbers: dict[str, int] = {}

    def number(self, key: str, *aliases: str) -> int:
        """The number of `key`, shared with any alias already numbered ("Maria" for "Maria Chen")."""
        key = key.lower()
        if key not in self.numbers:
            known = next((self.numbers[a.lower()] for a in aliases if a.lower() in self.numbers), None)
            self.numbers[key] = known if known is not None else len(set(self.numbers.values()))
        for alias in aliases:
            self.numbers.setdefault(alias.lower(), self.numbers[key])
        return self.numbers[key]

    def of(self, key: str, *aliases: str) -> str:
        n = self.number(key, *aliases)
        return self.template.format(n=n + 1, letter=letter(n))


def replacement(source: str, start: int, end: int, placeholder: str) -> str:
    """The placeholder for source[start:end], one per line so that line numbers stay the same
    (each later line keeps its indentation)."""
    lines = source[start:end].split("\n")
    out = [placeholder]
    for line in lines[1:]:
        indent = line[:len(line) - len(line.lstrip(" \t>"))]
        out.append(indent + placeholder)
    return "\n".join(out)


def redaction_hits(ctx: DocumentContext, spans: Iterable[tuple[int, int, str]],
                   book: Placeholders | None = None, **slots) -> Iterator[Hit]:
    """Hits for (start, end, key) spans, each with a fix putting its placeholder in place."""
    source = ctx.document.source
    book = book or Placeholders(ctx.option("placeholder"))
    title = ctx.option("fix_title")
    for start, end, key in sorted(spans):
        placeholder = book.of(key)
        edit = TextEdit(start, end, replacement(source, start, end, placeholder))
        yield Hit(start, end, slots={"match": source[start:end].split("\n")[0],
                                     "placeholder": placeholder, **slots},
                  fixes=(Fix(title.format(placeholder=placeholder), (edit,)),))
