"""Incident facts: the milestones of a document's timeline, as absolute times where it can.

`facts(document)` reads the timeline entries (blameless.readers.timeline) in time, gives each a
day (its own date, the date above it, or a roll-over past midnight) and classifies it as one of
MILESTONES by the words of rules/en/facts.yml (first match in the order resolved, mitigated,
acknowledged, detected, impact_started, started; an attempt, "tried to roll back", marks
nothing). An explicit label anywhere in the document ("Detected: 09:24", "Impact start — 09:14")
overrides what the timeline says. Each milestone is the earliest entry of its kind.

Times become ISO 8601 with a date when the document gives a dated timeline or a dated heading
line, and with "Z" or an offset when its zone is UTC or an explicit offset; else "HH:MM".
What the summary states (durations, times, dates, zones) is read by blameless.readers.stated.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .dates import leading_stamp, zones_in
from .milestones import MILESTONES, PRIORITY, kinds, label
from .zones import zone_word
from .stated import Stated, stated
from .timeline import Entry, Timeline, timelines

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

_ROLL_OVER = 180  # minutes: a bigger step back without a date is the next day
_DAY = 1440


@dataclass(frozen=True)
class Moment:
    """One milestone: when (minutes from midnight of the timeline's first day), where it was read."""

    kind: str
    minutes: int  # day * 1440 + minutes after midnight
    line: int
    start: int  # document offsets of the stamp (or label)
    end: int
    text: str
    date: _dt.date | None = None
    labelled: bool = False  # read from an explicit label ("Detected: 09:24")
    own_date: bool = False  # the entry writes its date itself
    kinds: tuple[str, ...] = ()  # every milestone the entry's words mark (`kind` is the first)

    @property
    def clock(self) -> str:
        return f"{self.minutes // 60 % 24:02d}:{self.minutes % 60:02d}"


@dataclass
class Facts:
    path: str | None
    timezone: str | None
    timezone_line: int | None = None
    zone_from_timeline: bool = False
    timeline_zones: list[str] = field(default_factory=list)  # every zone the timeline names
    moments: dict[str, Moment] = field(default_factory=dict)
    timed: list[Moment] = field(default_factory=list)  # every timed timeline entry, in time
    #: (date, line) of each date the timeline itself writes
    dates: list[tuple[_dt.date, int]] = field(default_factory=list)
    timeline: Timeline | None = None
    stated: Stated = field(default_factory=Stated)

    def iso(self, moment: Moment | None) -> str | None:
        if moment is None:
            return None
        if moment.date is None:
            return moment.clock
        return f"{moment.date.isoformat()}T{moment.clock}{_offset(self.timezone)}"

    def minutes_between(self, a: str, b: str) -> int | None:
        if a in self.moments and b in self.moments:
            return self.moments[b].minutes - self.moments[a].minutes
        return None

    def as_dict(self) -> dict:
        out: dict = {"path": self.path, "timezone": self.timezone}
        for kind in MILESTONES:
            out[kind] = self.iso(self.moments.get(kind))
        start = "impact_started" if "impact_started" in self.moments else "started"
        for key, kind in (("detect", "detected"), ("acknowledge", "acknowledged"),
                          ("mitigate", "mitigated"), ("resolve", "resolved")):
            out[f"time_to_{key}_min"] = self.minutes_between(start, kind)
        duration = self.stated.durations[0] if self.stated.durations else None
        out["impact_duration_stated_min"] = duration.minutes if duration else None
        lines = {kind: m.line for kind, m in self.moments.items()}
        lines["timezone"] = self.timezone_line
        lines["impact_duration_stated_min"] = duration.line if duration else None
        out["lines"] = {k: lines.get(k) for k in ("timezone", *MILESTONES, "impact_duration_stated_min")}
        return out


def _offset(zone: str | None) -> str:
    """"Z" for UTC, "+01:00" for "UTC+1"; "" for a named zone (its offset depends on the date)."""
    if not zone:
        return ""
    m = re.fullmatch(r"(?:UTC|GMT)?\s*([+-−])\s*(\d{1,2}):?(\d{2})?", zone.strip(), re.I)
    if m:
        sign = "-" if m.group(1) in "-−" else "+"
        return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"
    return "Z" if zone.strip().upper() in ("UTC", "GMT", "Z", "UTC+0", "UTC+00:00") else ""


def facts(document: "Document") -> Facts:
    """The document's incident facts (once per document)."""
    return document.derived("facts", _read)


def _zone_of(document: "Document", timeline: Timeline) -> tuple[str | None, int | None]:
    """The timeline's zone: in its heading, the lines above its first entry, or its stamps."""
    heading = timeline.heading
    first = next((e for e in timeline.entries if e.stamp is not None), None)
    end_line = document.position(first.block.start)[0] if first else heading.line + 3
    for line in range(heading.line, min(end_line, heading.line + 8) + 1):
        zone = next(filter(None, map(zone_word, (m.group(0) for m in zones_in(document.line_text(line))))), None)
        if zone:
            return zone, line
    for entry in timeline.entries[:20]:
        if entry.stamp is not None:
            found = (zone_word(m.group(0)) for m in zones_in(entry.stamp_text[:entry.stamp.end + 12]))
            zone = next(filter(None, found), None)
            if zone:
                return zone, entry.block.line
    return None, None


def _when(entry: Entry, base_year: int | None) -> _dt.date | None:
    if entry.date is None:
        return None
    year, month, day = entry.date
    try:
        return _dt.date(year or base_year or 2000, month, day)
    except ValueError:
        return None


def _known(date: _dt.date | None, base_year: int | None, entry: Entry) -> _dt.date | None:
    """The date, unless its year is a stand-in (a yearless date in a document with no year)."""
    if date is None or (base_year is None and entry.date is not None and entry.date[0] is None):
        return None
    return date


def _entry_text(entries: list[Entry], i: int) -> str:
    """An entry's text, with the untimed paragraphs under a time heading."""
    entry = entries[i]
    text = entry.text
    if entry.block.kind == "table_row":
        text = " ".join(c.text_of(entry.block) for c in entry.block.cells if c.start >= entry.offset)
    for later in entries[i + 1:]:
        if later.stamp is not None or not later.under_time_heading:
            break
        text += " " + later.text
    return text


def _read(document: "Document") -> Facts:
    found = timelines(document)
    said = stated(document)
    result = Facts(document.path, None, stated=said)
    base_year = said.date.year if said.date else None
    if found:
        timeline = max(found, key=lambda t: sum(1 for e in t.entries if e.time is not None))
        result.timeline = timeline
        result.timezone, result.timezone_line = _zone_of(document, timeline)
        result.zone_from_timeline = result.timezone is not None
        result.timeline_zones = [z for b in timeline.blocks for m in zones_in(b.text) if (z := zone_word(m.group(0)))]
        _walk(document, timeline, result, base_year, said.date)
    if result.timezone is None and said.zones:
        result.timezone, result.timezone_line = said.zones[0]
    _labels(document, result, said.date)
    return result


def _walk(document: "Document", timeline: Timeline, result: Facts, base_year: int | None,
          doc_date: _dt.date | None) -> None:
    entries = timeline.entries
    first_date: _dt.date | None = None
    day, last = 0, None
    current: _dt.date | None = None
    written: _dt.date | None = None
    for i, entry in enumerate(entries):
        if entry.time is None:
            continue
        date = _when(entry, base_year)
        if date is not None and date != written:  # a new date written on or above the entry
            first_date = first_date or date
            written = current = date
            last = None
            day = (date - first_date).days
        elif last is not None and entry.time < last - _ROLL_OVER:
            day += 1
            current = current + _dt.timedelta(days=1) if current else None
        last = entry.time
        start, end = entry.doc_span()
        if current is not None:
            result.dates.append((current, document.position(start)[0]))
        marks = kinds(_entry_text(entries, i))
        moment = Moment(marks[0] if marks else "", day * _DAY + entry.time, document.position(start)[0], start, end,
                        _entry_text(entries, i), _known(current, base_year, entries[i]) or
                        (doc_date + _dt.timedelta(days=day) if doc_date else None),
                        own_date=entry.stamp.date is not None, kinds=marks)
        result.timed.append(moment)
    result.moments.update(milestones(result.timed))


#: The milestones a milestone comes after: an entry marks it only at or after their times.
_AFTER = {"detected": ("impact_started",), "acknowledged": ("detected",), "mitigated": ("impact_started", "detected"),
          "resolved": ("mitigated", "impact_started", "detected")}


def milestones(timed: list[Moment]) -> dict[str, Moment]:
    """The earliest entry of each kind, in sequence: a mitigation before the impact started or an
    acknowledgement before the detection is context, not the milestone. The start is the
    triggering change or the first symptom, whichever comes first."""
    found: dict[str, Moment] = {}
    for kind in MILESTONES:
        wanted = ("started", "impact_started") if kind == "started" else (kind,)
        floor = max((found[k].minutes for k in _AFTER.get(kind, ()) if k in found), default=None)
        found_at = [m for m in timed if set(m.kinds) & set(wanted) and (floor is None or m.minutes >= floor)]
        if found_at:
            first = min(found_at, key=lambda m: m.minutes)
            found[kind] = first if first.kind == kind else replace(first, kind=kind)
    return found


def _labels(document: "Document", result: Facts, doc_date: _dt.date | None) -> None:
    """Explicit labels outside the timeline ("Detected: 09:24 UTC") override it."""
    inside = {b.index for b in result.timeline.blocks} if result.timeline else set()
    first = result.timed[0] if result.timed else None
    for block in document.blocks:
        if block.index in inside or block.kind == "heading":
            continue
        at = 0
        for line in block.text.split("\n"):
            m = label().match(line)
            stamp = leading_stamp(line[m.end():]) if m else None
            if m and stamp is not None and stamp.kind == "time":
                kind = next(k for k in PRIORITY if m.group(k))
                minutes, date = stamp.minutes, doc_date
                if stamp.date is not None and stamp.date[0]:
                    try:
                        date = _dt.date(*stamp.date)
                    except ValueError:
                        date = doc_date
                if first is not None:
                    base = first.minutes - first.minutes % _DAY
                    if first.date and date:
                        minutes += base + (date - first.date).days * _DAY
                    else:
                        minutes += base + (_DAY if minutes < first.minutes % _DAY - _ROLL_OVER else 0)
                start = block.doc_offset(at + m.end() + stamp.start)
                end = block.doc_offset(at + m.end() + stamp.end)
                result.moments[kind] = Moment(kind, minutes, document.position(start)[0], start, end,
                                              line.strip(), date, labelled=True, kinds=(kind,))
            at += len(line) + 1
