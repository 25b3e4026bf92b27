"""Consistency (S404-S408): what the summary states against what the timeline shows.

All read blameless.readers.facts; none fires when the document does not state the number. Each
message names both values and both lines. Precision first: a summary may be read several ways
(the impact from the first symptom or from the triggering change, until mitigation or until
resolution), and a finding needs every reading to disagree.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import english
from ..readers.facts import Facts, Moment, facts
from ..readers.milestones import MILESTONES
from .context import DocumentContext, Hit

_DAY = 1440
_SAME_TIME = 2  # minutes: a summary time this close to an entry is that entry's time
_MIN_ENTRIES = 3  # timed entries before a timeline's window counts
_EDGE = 5  # minutes: a summary start this far before the timeline's first entry is missing from it


def milestone_name(kind: str) -> str:
    return dict(zip(MILESTONES, english().entries("milestone_names")))[kind]


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _apart(a: int, b: int) -> int:
    """Minutes between two clock times, either way round midnight."""
    d = abs(a - b) % _DAY
    return min(d, _DAY - d)


def _usable(f: Facts) -> bool:
    return len(f.timed) >= _MIN_ENTRIES


def stated_duration(ctx: DocumentContext) -> Iterator[Hit]:
    """S404: the summary's (or impact section's) duration against the timeline's impact window."""
    f = facts(ctx.document)
    if not f.stated.durations or not _usable(f):
        return
    starts = [f.moments[k] for k in ("impact_started", "started") if k in f.moments]
    ends = [f.moments[k] for k in ("mitigated", "resolved") if k in f.moments]
    windows = [(s, e) for s in starts for e in ends if e.minutes > s.minutes]
    if not windows:
        return
    # any start-like entry to any end-like entry after it is a reading the summary may mean
    # a start-like entry before the detection to any end-like entry after it is a reading the
    # summary may mean
    detected = f.moments["detected"].minutes if "detected" in f.moments else None
    readings = windows + [(s, e) for s in f.timed if {"started", "impact_started"} & set(s.kinds)
                          and (detected is None or s.minutes <= detected)
                          for e in f.timed if {"mitigated", "resolved"} & set(e.kinds) and e.minutes > s.minutes]
    percent = float(ctx.option("tolerance-percent", 10))
    floor = float(ctx.option("tolerance-minutes", 5))

    def agrees(duration, window: int) -> bool:
        slack = max(window * percent / 100, floor)
        if duration.bound == "at least":
            return window >= duration.minutes - slack
        if duration.bound == "at most":
            return window <= duration.minutes + slack
        return abs(window - duration.minutes) <= slack

    start, end = windows[0]
    for section in ("summary", "impact"):  # each section's durations, read together
        said = [d for d in f.stated.durations if d.section == section]
        if not said or any(agrees(d, e.minutes - s.minutes) for d in said for s, e in readings) \
                or any(_own_window(d, f) for d in said) or any(_within_onset(d, f, agrees) for d in said):
            continue
        yield Hit(said[0].start, said[0].end, variant=None if section == "summary" else "impact", slots={
            "stated": said[0].minutes, "stated_line": said[0].line,
            "window": end.minutes - start.minutes,
            "start": start.clock, "start_line": start.line, "end": end.clock, "end_line": end.line})


def _own_window(duration, f: Facts) -> bool:
    """The duration's sentence gives its window ("13 minutes, between 12:17 and 12:30") and the
    timeline has entries at both ends: the timeline agrees (S405 compares the times)."""
    if duration.window is None:
        return False
    return all(any(_apart(t, m.minutes) <= _SAME_TIME for m in f.timed) for t in duration.window)


def _within_onset(duration, f: Facts, agrees) -> bool:
    """Without an impact-start entry the impact began between the start and the detection: a
    duration that fits a window starting anywhere in there agrees."""
    if "impact_started" in f.moments or "started" not in f.moments or "detected" not in f.moments:
        return False
    early, late = f.moments["started"].minutes, f.moments["detected"].minutes
    ends = [m.minutes for m in f.timed if {"mitigated", "resolved"} & set(m.kinds) and m.minutes > late]
    return any(agrees(duration, end - onset) for end in ends
               for onset in (early, late, min(max(end - duration.minutes, early), late)))


def summary_times(ctx: DocumentContext) -> Iterator[Hit]:
    """S405: a start or end time in the summary that the timeline contradicts or does not have."""
    f = facts(ctx.document)
    if not _usable(f) or _zones_differ(f):
        return
    for said in f.stated.times:
        if said.kind is None or any(_apart(said.minutes, m.minutes) <= _SAME_TIME for m in f.timed):
            continue
        if said.zone and f.zone_from_timeline and _zone_key(said.zone) != _zone_key(f.timezone):
            continue  # a time in another zone (S406's business)
        same = [m for m in f.timed if said.kind in m.kinds]
        if any(_apart(said.minutes, m.minutes) <= ctx.option("tolerance-minutes", 5) for m in same):
            continue
        slots = {"milestone": milestone_name(said.kind), "stated": _clock(said.minutes),
                 "stated_line": said.line}
        if said.kind in f.moments and f.moments[said.kind].line in {m.line for m in same}:
            moment = f.moments[said.kind]
            yield Hit(said.start, said.end, slots={**slots, "timeline": moment.clock,
                                                    "timeline_line": moment.line})
        elif not same and _outside(said.kind, said.minutes, f):
            edge = f.timed[0] if said.kind in ("started", "impact_started") else f.timed[-1]
            yield Hit(said.start, said.end, variant="missing",
                      slots={**slots, "timeline": edge.clock, "timeline_line": edge.line})


def _outside(kind: str, minutes: int, f: Facts) -> bool:
    """A summary start before the timeline's first entry, or an end after its last (one day)."""
    first, last = f.timed[0], f.timed[-1]
    if last.minutes >= _DAY:
        return False
    if kind in ("started", "impact_started"):
        return minutes < first.minutes - _EDGE
    if kind in ("mitigated", "resolved"):
        return minutes > last.minutes + _EDGE
    return False


_EQUAL_ZONES = {"GMT": "UTC", "Z": "UTC", "UTC+0": "UTC", "UTC+00:00": "UTC", "UTC0": "UTC"}


def _zone_key(zone: str) -> str | None:
    """A comparable zone: PST and PDT are both PT; a zone written out in words is not compared."""
    z = re.sub(r"\s+", "", zone.upper().strip("()"))
    z = _EQUAL_ZONES.get(z, z)
    if re.fullmatch(r"[ECMP][SD]T", z):
        return z[0] + "T"
    if re.fullmatch(r"[A-Z]{2,5}|UTC[+-−]\d{1,2}(?::?\d{2})?", z):
        return z.replace("DT", "ST") if z.endswith("DT") else z
    return None


def _zones_differ(f: Facts):
    """(summary zone, its line) when the summary's zones and the timeline's have none in common."""
    if not f.zone_from_timeline or not f.stated.zones:
        return None
    timeline = {_zone_key(z) for z in [f.timezone, *f.timeline_zones]}
    said = {_zone_key(z) for z, _ in f.stated.zones}
    if None in timeline or None in said or timeline & said:
        return None
    return f.stated.zones[0]


def zones_and_dates(ctx: DocumentContext) -> Iterator[Hit]:
    """S406: the summary's dates or time zone disagree with the timeline's."""
    f = facts(ctx.document)
    if not _usable(f):
        return
    differ = _zones_differ(f)
    if differ:
        said = next(t for t in f.stated.times if t.zone and t.line == differ[1])
        yield Hit(said.start, said.end, variant="zone", slots={
            "stated": differ[0], "stated_line": differ[1], "timeline": f.timezone,
            "timeline_line": f.timezone_line})
    for said in f.stated.times:
        if said.date is None:
            continue
        year, month, day = said.date
        # the entries at the summary's time that write their own date: none on the summary's day
        dated = [m for m in f.timed if m.own_date and m.date and _apart(m.minutes, said.minutes) <= _SAME_TIME]
        if dated and not any((m.date.month, m.date.day) == (month, day)
                             and (year is None or m.date.year == year) for m in dated):
            written = f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
            yield Hit(said.start, said.end, slots={
                "stated": written, "stated_line": said.line, "timeline": dated[0].date.isoformat(),
                "timeline_line": dated[0].line})
        break  # the summary's first dated time dates the incident


def no_detection(ctx: DocumentContext) -> Iterator[Hit]:
    """S407: a timeline with impact but no entry saying how the incident was detected."""
    f = facts(ctx.document)
    if not _usable(f) or f.timeline is None:
        return
    if {"detected", "acknowledged"} & set(f.moments) or "impact_started" not in f.moments \
            or any({"detected", "acknowledged"} & set(m.kinds) for m in f.timed):
        return
    detection = re.compile(r"\b" + english().alternation("detection_words") + r"\b", re.I)
    if any(detection.search(b.text) for b in f.timeline.blocks if b.kind != "heading"):
        return
    impact = f.moments["impact_started"]
    heading = f.timeline.heading
    yield Hit(heading.start, heading.end, slots={"start": impact.clock, "start_line": impact.line})


_ORDER = (("detected", "resolved"), ("started", "mitigated"), ("impact_started", "mitigated"),
          ("started", "resolved"), ("impact_started", "resolved"))


def milestone_order(ctx: DocumentContext) -> Iterator[Hit]:
    """S408: a milestone before the one it must follow: an entry listed after the other milestone
    but timed before it, or explicit labels in the wrong order."""
    f = facts(ctx.document)
    seen: set[int] = set()
    for earlier, later in _ORDER:
        a: Moment | None = f.moments.get(earlier)
        if a is None:
            continue
        if a.labelled:
            candidates = [f.moments[later]] if later in f.moments and f.moments[later].labelled else []
        else:
            listed = next((i for i, m in enumerate(f.timed) if m.start == a.start), len(f.timed))
            candidates = [m for m in f.timed[listed + 1:] if later in m.kinds]
        b = next((m for m in candidates if m.minutes < a.minutes and m.line not in seen), None)
        if b is None:
            continue
        seen.add(b.line)
        yield Hit(b.start, b.end, slots={
            "later": milestone_name(later), "later_time": b.clock, "later_line": b.line,
            "earlier": milestone_name(earlier), "earlier_time": a.clock, "earlier_line": a.line})
