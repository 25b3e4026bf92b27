"""T303: timeline entries without a time: empty time cells, placeholders, vague times.

A paragraph under a time heading, a paragraph that continues the entry above it, and a note that
introduces the timeline need no time of its own; a list item needs one when most of its siblings
have one. Every entry whose time is a placeholder, has an unknown end ("10:41-10:??") or a note
that doubts it ("07:18 (earlier, perhaps?)", "(time TBC)") is reported on its own line; a marked
estimate ("~08:37", "approx. 11:24") is a time.
"""
from __future__ import annotations

from collections.abc import Iterator

from ...readers.timeline import Entry, timelines
from ...readers.dates import doubt_note, has_clock_time, leading_stamp, vague_later
from ..context import DocumentContext, Hit
from ..english import past_lemma


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


class _Siblings:
    """Per list (or table, or kind of heading): its entries that open their block, and how many
    of them are timed; counted once per timeline, so a long timeline stays linear."""

    def __init__(self, entries: list[Entry]):
        self.counts: dict[tuple, tuple[int, int]] = {}
        for e in entries:
            if e.offset == 0:
                n, t = self.counts.get(self._key(e), (0, 0))
                self.counts[self._key(e)] = (n + 1, t + _timed(e))

    @staticmethod
    def _key(entry: Entry) -> tuple:
        return entry.block.group, entry.block.kind

    def timed(self, entry: Entry) -> bool:
        """At least two other entries of the entry's list, two thirds of them timed."""
        others, timed = self.counts.get(self._key(entry), (0, 0))
        if entry.offset == 0:
            others, timed = others - 1, timed - _timed(entry)
        return others >= 2 and timed * 3 >= others * 2


def _timed(entry: Entry) -> int:
    return int(entry.stamp is not None and entry.stamp.timed)


def _vague(siblings: _Siblings, entry: Entry) -> Hit | None:
    """"At some point …", "Later, …" opening a list item, a row or a time heading."""
    block = entry.block
    if block.kind == "paragraph":
        return None  # narrative: a paragraph continues the entry above it
    if block.kind == "heading" and not siblings.timed(entry):
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


def _untimed_item(siblings: _Siblings, entry: Entry) -> Hit | None:
    """A list item without a time among timed siblings."""
    if entry.block.kind != "list_item" or entry.stamp is not None or has_clock_time(entry.text) \
            or "[^" in entry.text[:30] or not siblings.timed(entry):
        return None
    s, e = entry.doc_span()
    return Hit(s, e, slots={"entry": _clip(entry.text)})


def _placeholder(entry: Entry) -> Hit:
    """An entry whose time is a placeholder ("HH:mm", "2025-11-?? ??:??", "1X:XX (unsure)")."""
    s, e = entry.doc_span()
    return Hit(s, e, variant="placeholder", slots={"words": entry.stamp.words})


def _doubted(entry: Entry) -> Hit | None:
    """A time whose range end is unknown ("10:41-10:??") or that a note doubts ("07:18 (earlier,
    perhaps?)"); an entry with a date and a note that its time is unknown ("(time TBC)")."""
    stamp, block = entry.stamp, entry.block
    if stamp is not None and stamp.unknown:
        s, e = entry.doc_span()
        return Hit(s, e, variant="unknown_end", slots={"words": entry.written_stamp})
    note = None
    if stamp is not None and stamp.timed:
        note = doubt_note(entry.stamp_text[stamp.end:])
        base = entry.stamp_base + stamp.end
        if note is None and entry.stamp_base != entry.offset:
            note, base = doubt_note(entry.text), entry.offset
    if note is None and (stamp is None or stamp.kind == "date"):
        note, base = doubt_note(entry.text, anywhere=True), entry.offset
    if note is None:
        return None
    start, end = base + note.start(), base + note.end()
    return Hit(block.doc_offset(start), block.doc_offset(end), variant="doubted",
               slots={"words": note.group(0)})


def _unclear_end(entry: Entry) -> Hit | None:
    """A range whose end comes before its start ("16:10-3:00" among 24-hour times)."""
    if not entry.stamp.unclear_end:
        return None
    s, e = entry.doc_span()
    return Hit(s, e, variant="unclear_end", slots={"words": entry.written_stamp})


def _later_event(entry: Entry) -> Hit | None:
    """A timed entry that tells of a later event with no time of its own: "…, and the leak
    was traced later", "Triage began roughly 20m later" (the delay right after a past verb)."""
    text = entry.text
    for m, before in vague_later(text):
        verb = before.split()[-1].strip("*_,")
        if past_lemma(verb) is None:
            continue
        start, end = entry.offset + m.start("later"), entry.offset + m.end("later")
        block = entry.block
        return Hit(block.doc_offset(start), block.doc_offset(end), variant="later",
                   slots={"words": m.group("later"), "event": f"{before} {m.group('later')}"})
    return None


def missing_time(ctx: DocumentContext) -> Iterator[Hit]:
    """T303: entries without a time: empty time cells, placeholders, vague times."""
    for timeline in timelines(ctx.document):
        siblings = _Siblings(timeline.entries)
        for entry in timeline.entries:
            block, stamp = entry.block, entry.stamp
            if block.kind == "paragraph" and entry.offset == 0 and stamp is None:
                continue  # narrative: a paragraph continues the entry above it
            if stamp is not None and stamp.kind == "placeholder":
                if block.kind != "paragraph" or entry.offset == 0:
                    yield _placeholder(entry)
                continue
            if (hit := _doubted(entry)) is not None:
                yield hit
                continue
            if stamp is not None and stamp.timed:
                hit = _unclear_end(entry) or _later_event(entry)
                if hit is not None:
                    yield hit
                continue
            if entry.under_time_heading and block.kind != "table_row":
                continue
            if stamp is not None and stamp.kind == "vague":
                hit = _vague(siblings, entry)
            elif block.kind == "table_row":
                hit = _empty_cell(entry)
            else:
                hit = _untimed_item(siblings, entry)
            if hit is not None:
                yield hit
