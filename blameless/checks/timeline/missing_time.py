"""T303: timeline entries without a time: empty time cells, placeholders, vague times.

A paragraph under a time heading, a paragraph that continues the entry above it, and a note that
introduces the timeline need no time of its own; a list item needs one when most of its siblings
have one. The placeholders of one table or list are reported once.
"""
from __future__ import annotations

from collections.abc import Iterator

from ...readers.timeline import Entry, Timeline, timelines
from ...readers.dates import has_clock_time, leading_stamp
from ..context import DocumentContext, Hit


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _siblings_timed(entry: Entry, entries: list[Entry]) -> bool:
    """At least two other entries of the same list (or table, or kind of heading), two thirds
    of them timed."""
    others = [e for e in entries if e.block.group == entry.block.group and e.block.kind == entry.block.kind
              and e is not entry and e.offset == 0]
    timed = [e for e in others if e.stamp is not None and e.stamp.timed]
    return len(others) >= 2 and len(timed) * 3 >= len(others) * 2


def _vague(timeline: Timeline, entry: Entry) -> Hit | None:
    """"At some point …", "Later, …" opening a list item, a row or a time heading."""
    block = entry.block
    if block.kind == "paragraph":
        return None  # narrative: a paragraph continues the entry above it
    if block.kind == "heading" and not _siblings_timed(entry, [
            e for e in timeline.entries if e.block.kind == "heading"]):
        return None
    s, e = entry.doc_span()
    return Hit(s, e, variant="vague", slots={"words": entry.stamp.words})


def _empty_cell(entry: Entry) -> Hit | None:
    """A timeline table row whose time cell is empty."""
    block = entry.block
    if entry.stamp_text.strip() or has_clock_time(entry.text[:40]):
        return None  # something written in the time cell: a date or a note
    start = entry.stamp_base
    cells = [c.text_of(block) for c in block.cells if c.text_of(block)]
    vague = next((v for v in map(leading_stamp, cells) if v and v.kind == "vague"), None)
    what = _clip(max(cells, key=len)) if cells else _clip(entry.text)
    end = max(entry.offset + len(entry.text.rstrip()), start + 1)
    span = block.doc_offset(start), block.doc_offset(end)
    if vague is not None:
        return Hit(*span, variant="empty_cell_vague", slots={"words": vague.words, "entry": what})
    return Hit(*span, variant="empty_cell", slots={"entry": what})


def _untimed_item(timeline: Timeline, entry: Entry) -> Hit | None:
    """A list item without a time among timed siblings."""
    if entry.block.kind != "list_item" or entry.stamp is not None or has_clock_time(entry.text) \
            or "[^" in entry.text[:30] or not _siblings_timed(entry, timeline.entries):
        return None
    s, e = entry.doc_span()
    return Hit(s, e, slots={"entry": _clip(entry.text)})


def _placeholders(group: list[Entry]) -> Hit:
    """The first placeholder of a table or list, counting the others below it."""
    first, more = group[0], len(group) - 1
    s, e = first.doc_span()
    variant = "placeholder" if more == 0 else "placeholder_and_one_more" if more == 1 else "placeholder_and_more"
    return Hit(s, e, variant=variant, slots={"words": first.stamp.words, "more": more})


def missing_time(ctx: DocumentContext) -> Iterator[Hit]:
    """T303: entries without a time: empty time cells, placeholders, vague times."""
    for timeline in timelines(ctx.document):
        placeholders: dict[int, list[Entry]] = {}
        for entry in timeline.entries:
            block, stamp = entry.block, entry.stamp
            if stamp is not None and stamp.kind == "placeholder":
                if not entry.approximate and (block.kind != "paragraph" or entry.offset == 0):
                    placeholders.setdefault(block.group if block.kind != "heading" else -block.index,
                                            []).append(entry)
                continue
            if stamp is not None and stamp.timed:
                continue
            if entry.under_time_heading and block.kind != "table_row":
                continue
            if stamp is not None and stamp.kind == "vague":
                hit = _vague(timeline, entry)
            elif block.kind == "table_row":
                hit = _empty_cell(entry)
            else:
                hit = _untimed_item(timeline, entry)
            if hit is not None:
                yield hit
        for group in placeholders.values():
            yield _placeholders(group)
