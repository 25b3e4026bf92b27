"""The timeline reader: a document's Timeline sections read into entries, once per document.

A timeline is a Timeline section and the sub-sections under it (`### 09:12` headings inherit the
kind; a "Follow-up" or "Day two" sub-section of a Timeline holds entries too), or a list under a
list item that names a timeline ("- **Key events**" with the entries nested under it). Its entries come in every shape real postmortems use: table rows with a time column, list
items, time headings with narrative paragraphs under them, and paragraphs that open with a time
(one entry per line that opens with a time). Each `Entry` carries its stamp (blameless.readers.dates),
its effective date, whether the time is marked as an estimate, the actor column of a table row,
its text and where each of these sits in the block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import english
from ..sections import classify_heading
from .dates import APPROX_NOTE, Stamp, day_first, leading_stamp

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Block, Cell, Document, Section

#: Stamp kinds a time heading may have for the blocks under it to count as timed.
_TIMED_HEADING = ("time", "placeholder", "vague", "relative")


@lru_cache(maxsize=1)
def _time_header() -> re.Pattern[str]:
    return re.compile(r"\b" + english().alternation("time_column_headers") + r"\b")


def time_cells(block: "Block") -> list["Cell"]:
    """The cells of a table row whose column header names a time ("Time (UTC)", "Date", "When")."""
    return [c for c in block.cells if _time_header().search(c.header)]


def actor_of(block: "Block") -> str:
    """The text of a table row's actor column ("Who", "Actor", "Owner"...), or ""."""
    headers = english().entries("actor_column_headers")
    cell = next((c for c in block.cells if c.header in headers), None)
    return cell.text_of(block) if cell else ""


@dataclass
class Entry:
    """One timeline entry (or a date marker): a block, or one line of a multi-line paragraph."""

    block: "Block"
    offset: int  # block offset where the entry's text starts (its stamp, or its first word)
    stamp: Stamp | None
    text: str  # the entry's text from `offset` (masked), first line only
    stamp_text: str = ""  # the text the stamp was read from (a table's time cells, or `text`)
    stamp_base: int = 0  # block offset of stamp_text[0]
    under_time_heading: bool = False
    date: tuple | None = None  # effective date (own, or from a heading/marker above)
    actor: str | None = None  # a table row's actor column, as written

    @property
    def time(self) -> int | None:
        """Minutes after midnight of a clock time, else None."""
        return self.stamp.minutes if self.stamp is not None and self.stamp.kind == "time" else None

    @property
    def approximate(self) -> bool:
        """The time is marked as an estimate: "~08:37", "ca. 17:45", "XX:XX (not sure)"."""
        if self.stamp is None:
            return False
        if self.stamp.approximate:
            return True
        # a note beside the stamp; a placeholder's own words ("TBD") are no such note
        note = self.text[self.stamp.end:self.stamp.end + 40] if self.stamp_base == self.offset \
            else self.text[:40]
        return bool(APPROX_NOTE.search(note))

    @property
    def written_stamp(self) -> str:
        """The stamp as written, spaces collapsed ("2026-03-02 15:50")."""
        if self.stamp is None:
            return ""
        return " ".join(self.stamp_text[self.stamp.start:self.stamp.end].split())

    def span(self) -> tuple[int, int]:
        """Block offsets of the stamp, or of the entry's first words."""
        if self.stamp is not None:
            return self.stamp_base + self.stamp.start, self.stamp_base + self.stamp.end
        words = self.text.strip()
        start = self.offset + (len(self.text) - len(self.text.lstrip()))
        end = start + min(len(words), max(words.find(" ", 40), 0) or len(words))
        return start, max(end, start + 1)

    def doc_span(self) -> tuple[int, int]:
        """Document offsets of `span()`."""
        start, end = self.span()
        return self.block.doc_offset(start), self.block.doc_offset(end)


@dataclass
class Timeline:
    sections: list["Section"]
    blocks: list["Block"] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def heading(self) -> "Section":
        return self.sections[0]


def timelines(document: "Document") -> list[Timeline]:
    """Each Timeline section with its sub-sections, read into entries (once per document)."""
    return document.derived("timelines", _read_timelines)


def _read_timelines(document: "Document") -> list[Timeline]:
    found: list[Timeline] = []
    current: Timeline | None = None
    for section in document.sections:
        if current is not None and section.level > current.heading.level:
            current.sections.append(section)  # any sub-section of a Timeline holds entries
            continue
        if section.kind != "timeline" or section.level == 0:
            current = None
            continue
        current = Timeline([section])
        found.append(current)
    swap = day_first(document.source)
    for timeline in found:
        indices = {s.index for s in timeline.sections}
        timeline.blocks = [b for b in document.blocks if b.section.index in indices]
        timeline.entries = _read_entries(timeline, swap)
    taken = {id(b) for t in found for b in t.blocks}
    listed = _list_timelines(document, taken) + _timed_sections(document, taken)
    for timeline in listed:
        timeline.entries = _read_entries(timeline, swap)
    return sorted(found + listed, key=lambda t: t.blocks[0].start if t.blocks else t.heading.start)


def _is_date_heading(section: "Section") -> bool:
    """'## July 22', '### 2026-03-04', '## Tue 3 March': a heading that is nothing but a date."""
    stamp = leading_stamp(section.title)
    return stamp is not None and stamp.kind == "date" and not section.title[stamp.end:].strip(" :*_")


def _timed_sections(document: "Document", taken: set[int]) -> list[Timeline]:
    """Sections under a date heading, and narrative sections whose paragraphs and list items
    mostly open with a clock time (at least three, two thirds of them): timelines by their shape."""
    found: list[Timeline] = []
    for section in document.sections:
        if section.level == 0 or section.kind == "action_items":
            continue
        blocks = [b for b in document.blocks if b.section.index == section.index and id(b) not in taken]
        body = [b for b in blocks if b.kind in ("paragraph", "list_item") and not b.continuation]
        timed = [b for b in body if (s := leading_stamp(b.text)) is not None and s.kind == "time"]
        dated = _is_date_heading(section) and timed
        if body and (dated or len(timed) >= 3 and len(timed) * 3 >= len(body) * 2):
            found.append(Timeline([section], blocks))
    return found


def _list_timelines(document: "Document", taken: set[int]) -> list[Timeline]:
    """"- **Key events**" with the entries nested under it: the list right below a list item that
    is nothing but a timeline's name."""
    found: list[Timeline] = []
    blocks = document.blocks
    for i, block in enumerate(blocks[:-1]):
        nested = blocks[i + 1]
        if block.kind != "list_item" or id(block) in taken or nested.kind != "list_item" \
                or nested.group == block.group or len(block.text.split()) > 4 \
                or classify_heading(block.text.strip()) != "timeline":
            continue
        run = []
        for later in blocks[i + 1:]:
            if later.kind != "list_item" or later.group != nested.group:
                break
            run.append(later)
        found.append(Timeline([block.section], run))
    return found


def _table_is_timeline(rows: list["Block"]) -> tuple[bool, bool]:
    """(is a timeline table, has a time-like header)."""
    if not rows:
        return False, False
    if any(time_cells(r) for r in rows):
        return True, True
    stamped = sum(1 for r in rows if r.cells and (s := leading_stamp(r.cells[0].text_of(r)))
                  and s.kind in ("time", "date", "placeholder"))
    return stamped * 2 >= len(rows), False


def _row_entry(block: "Block", table: tuple[bool, bool], under_time: bool) -> Entry | None:
    is_timeline, has_header = table
    if not is_timeline:
        return None
    cells = time_cells(block) if has_header else list(block.cells[:1])
    if not cells:
        return None
    first, last = cells[0], cells[-1]
    stamp_text = block.text[first.start:last.end]
    stamp = leading_stamp(stamp_text) if stamp_text.strip() else None
    event = next((c for c in block.cells if c not in cells and c.text_of(block)), None)
    offset = event.start if event else first.start
    text = block.text[offset:event.end] if event else ""
    return Entry(block, offset, stamp, text, stamp_text, first.start, under_time,
                 actor=actor_of(block) or None)


def _line_entries(block: "Block", under_time: bool) -> list[Entry]:
    lines = block.text.split("\n")
    stamp = leading_stamp(lines[0])
    entries = [Entry(block, 0, stamp, lines[0], lines[0], 0, under_time)]
    if block.kind == "paragraph" and stamp is not None and stamp.kind == "time":
        at = len(lines[0]) + 1
        for line in lines[1:]:
            more = leading_stamp(line)
            if more is not None and more.kind == "time" and more.start < 4:
                entries.append(Entry(block, at, more, line, line, at, under_time))
            at += len(line) + 1
    return entries


def _read_entries(timeline: Timeline, day_first_dates: bool = False) -> list[Entry]:
    entries: list[Entry] = []
    heading_stamps: dict[int, Stamp | None] = {}
    by_group: dict[int, list["Block"]] = {}
    for block in timeline.blocks:
        if block.kind == "table_row":
            by_group.setdefault(block.group, []).append(block)
    tables = {group: _table_is_timeline(rows) for group, rows in by_group.items()}
    top = timeline.heading
    for block in timeline.blocks:
        section = block.section
        if block.kind == "heading":
            if section.index != top.index:
                stamp = leading_stamp(block.text)
                heading_stamps[section.index] = stamp
                entries.append(Entry(block, 0, stamp, block.text, block.text, 0))
            continue
        under = heading_stamps.get(section.index)
        under_time = under is not None and under.kind in _TIMED_HEADING
        if block.kind == "table_row":
            row = _row_entry(block, tables.get(block.group, (False, False)), under_time)
            entries += [row] if row is not None else []
        else:
            entries += _line_entries(block, under_time)
    if day_first_dates:
        for entry in entries:
            if entry.stamp is not None and entry.stamp.swappable:
                y, m, d = entry.stamp.date
                entry.stamp = replace(entry.stamp, date=(y, d, m))
    _carry_meridiem(entries)
    _carry_dates(entries)
    return entries


def _carry_meridiem(entries: list[Entry]) -> None:
    """On a 12-hour clock, a bare time takes its AM/PM from the entry or time heading above
    ("9:40 PM", then "9:52" is 21:52); "12:10" after "11:50 PM" is past midnight. Not when the
    timeline writes 24-hour times ("14:20")."""
    times = [e for e in entries if e.stamp is not None and e.stamp.kind == "time"]
    if not any(e.stamp.meridiem for e in times) or any(
            not e.stamp.meridiem and e.stamp.minutes >= 13 * 60 for e in times):
        return
    pm, hour = None, None
    for entry in times:
        stamp = entry.stamp
        h, mins = divmod(stamp.minutes, 60)
        if stamp.meridiem:
            pm, hour = h >= 12, h % 12 or 12
            continue
        if pm is None or not 1 <= h <= 12:
            continue
        if h == 12 and hour != 12:
            pm = not pm  # past noon, or past midnight
        entry.stamp = replace(stamp, minutes=(h % 12) * 60 + mins + (720 if pm else 0), meridiem=True)
        hour = h


def _carry_dates(entries: list[Entry]) -> None:
    """Effective dates: an entry's own date (its year filled from above), else the last date
    written above it."""
    current = None
    for entry in entries:
        own = entry.stamp.date if entry.stamp is not None else None
        if own is not None:
            if own[0] is None and current is not None and current[0] is not None:
                own = (current[0], own[1], own[2])
            current = own
        entry.date = current
