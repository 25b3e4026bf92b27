"""A203 non-owner ('TBD', 'unassigned', a team) and A204 non-date ('ASAP', 'next sprint', a date
that does not exist): the owner or due date is there, but names nobody or no day."""
from __future__ import annotations

from collections.abc import Iterator

from ...readers.action_items import action_items
from ...readers.dates import impossible_dates, is_non_date, non_date_phrase
from ...readers.item_shapes import nobody_owner
from ..context import DocumentContext, Hit
from .suggest import shape_slots


def non_owner(ctx: DocumentContext) -> Iterator[Hit]:
    """A203: an owner that names nobody in particular: 'TBD', 'unassigned', a team."""
    for item in action_items(ctx.document):
        if item.done or not item.owner_span:
            continue
        if item.owner and not item.owner_labelled:
            continue  # a bare @handle always names someone
        value = item.owner_value
        kind = nobody_owner(value)
        if not kind:
            continue
        s, e = item.owner_span
        if s >= len(item.block.raw):
            continue  # in a continuation paragraph: locate on the item instead
        yield Hit(item.block.doc_offset(s), item.block.doc_offset(e), variant=kind,
                  slots={**shape_slots(item), "value": value})


def non_date(ctx: DocumentContext) -> Iterator[Hit]:
    """A204: a due date that is no date: 'ASAP', 'soon', 'next sprint', 'TBD', 2026-02-30."""
    for item in action_items(ctx.document):
        if item.done:
            continue
        block = item.block
        hits: list[tuple[int, int, str, str]] = []
        for m in impossible_dates(item.raw):
            if m.end() <= len(block.raw):
                hits.append((m.start(), m.end(), "impossible", m.group(0)))
        if item.due and item.due_span and item.due_span[1] <= len(block.raw):
            value = " ".join(item.due.split()).strip("*_ ")
            if is_non_date(value) and not item.dated:
                hits.append((*item.due_span, "due", value))
        if not hits and not item.dated:
            m = non_date_phrase(item.raw)
            if m and m.end() <= len(block.raw):
                hits.append((m.start(), m.end(), "phrase", " ".join(m.group(0).split())))
        for s, e, variant, value in hits[:1]:
            yield Hit(block.doc_offset(s), block.doc_offset(e), variant=variant,
                      slots={**shape_slots(item), "value": value})
