"""T304: an entry earlier than the one above it (day roll-over and dates allowed for)."""
from __future__ import annotations

from collections.abc import Iterator

from ...readers.timeline import timelines
from ..context import DocumentContext, Hit
from .chronology import walk


def out_of_order(ctx: DocumentContext) -> Iterator[Hit]:
    """T304: each entry that steps back in time; when the entries after an entry are all earlier
    than it, that entry (the odd one out) is reported instead."""
    for timeline in timelines(ctx.document):
        for entry, previous, kind in walk(timeline):
            if kind != "order":
                continue
            s, e = entry.doc_span()
            if previous is None:
                yield Hit(s, e, variant="before_earlier", slots={"stamp": entry.written_stamp})
            else:
                yield Hit(s, e, slots={"stamp": entry.written_stamp, "previous": previous.written_stamp})
