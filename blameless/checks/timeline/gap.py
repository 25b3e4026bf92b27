"""T306: a long, unexplained silence between two same-day entries during the response.

Conservative on purpose: real timelines jump hours between phases and days. A gap counts only
between two clock times of the same day, inside the response (from the first detection entry to
the first resolution entry), when it stands out from the timeline's usual spacing, both entries
beside it follow their neighbours closely, and nothing around it explains it (monitoring,
waiting, overnight, a long-running operation that starts before it and finishes after it).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...lexicon import english
from ...readers.timeline import Entry, Timeline, timelines
from ..context import DocumentContext, Hit
from .chronology import clock, walk

_MAX_GAP = 6 * 60  # minutes: a longer silence is a later phase (often the next day), not a hole

#: (previous entry, entry, previous minutes, minutes): two same-day entries in a row.
Pair = tuple[Entry, Entry, int, int]


@lru_cache(maxsize=None)
def _words(name: str) -> re.Pattern[str]:
    """Whole words and phrases of a lexicon list, any case."""
    return re.compile(r"\b" + english().alternation(name) + r"\b", re.I)


@lru_cache(maxsize=1)
def _explained() -> re.Pattern[str]:
    """What explains a silence: "waiting for the vendor", "monitored", "overnight", "paused"."""
    stems = english().alternation("gap_explaining_stems")
    words = english().alternation("gap_explaining_words")
    return re.compile(r"\b(?:" + stems + r"\w*|" + words + r")\b", re.I)


@lru_cache(maxsize=1)
def _time_range() -> re.Pattern[str]:
    """A stamp written as a range: "09:10-09:40", "09:10 to 09:40"."""
    return re.compile(r"\d\s*(?:-|–|—|" + english().alternation("range_words") + r")\s*\d")


def _active_window(entries: list[Entry]) -> tuple[int, int]:
    """Indices of the first detection and the first resolution entry (the response in between)."""
    detected, resolved = _words("detection_words"), _words("resolution_words")
    start = next((i for i, e in enumerate(entries) if detected.search(e.block.text)), len(entries))
    end = next((i for i, e in enumerate(entries) if i > start and resolved.search(e.block.text)),
               len(entries) - 1)
    return start, end


def _same_day_pairs(timeline: Timeline) -> list[Pair]:
    pairs = []
    for entry, previous, kind in walk(timeline):
        if kind != "same-day" or previous is None:
            continue
        if previous.stamp.kind != "time" or entry.stamp.kind != "time":
            continue
        a, b = previous.stamp.minutes, entry.stamp.minutes
        if b < a:
            b += 720
        pairs.append((previous, entry, a, b))
    return pairs


def _explained_gap(timeline: Timeline, previous: Entry, entry: Entry) -> bool:
    """What sits between the two entries (continuation paragraphs, sub-items) explains the gap,
    the entry before it is a range, or a long-running operation fills it."""
    between = " ".join(b.text for b in timeline.blocks
                       if previous.block.index <= b.index <= entry.block.index)
    range_end = previous.stamp_text[previous.stamp.start:previous.stamp.end]
    if _explained().search(between) or _time_range().search(range_end):
        return True
    return bool(_words("operation_started").search(previous.text)
                and _words("operation_finished").search(entry.text))


def _longest_hole(timeline: Timeline, limit: int) -> Pair | None:
    entries = timeline.entries
    pairs = _same_day_pairs(timeline)
    if len(pairs) < 3:
        return None
    spacing = sorted(b - a for _, _, a, b in pairs)
    typical = spacing[len(spacing) // 2]
    first, last = _active_window(entries)
    position = {id(e): i for i, e in enumerate(entries)}  # by identity: Entry equality is deep
    worst: Pair | None = None
    for k, (previous, entry, a, b) in enumerate(pairs):
        gap = b - a
        if not (limit < gap <= _MAX_GAP) or gap < 4 * max(typical, 1):
            continue
        i, j = position[id(previous)], position[id(entry)]
        if i < first or j > last or any(x.stamp is not None and not x.stamp.timed for x in entries[i + 1:j]):
            continue  # outside the response, or an entry of unknown time sits in the gap
        # a hole in a busy stretch: the entries on either side follow each other closely
        before = pairs[k - 1] if k > 0 and pairs[k - 1][1] is previous else None
        after = pairs[k + 1] if k + 1 < len(pairs) and pairs[k + 1][0] is entry else None
        if before is None or after is None or before[3] - before[2] > limit or after[3] - after[2] > limit:
            continue
        if _explained_gap(timeline, previous, entry):
            continue
        if worst is None or gap > worst[3] - worst[2]:
            worst = (previous, entry, a, b)
    return worst


def long_gap(ctx: DocumentContext) -> Iterator[Hit]:
    """T306: the longest unexplained hole in each timeline's response (one finding a timeline)."""
    limit = ctx.config.timeline_gap_minutes
    for timeline in timelines(ctx.document):
        hole = _longest_hole(timeline, limit)
        if hole is None:
            continue
        _, entry, a, b = hole
        s, e = entry.doc_span()
        yield Hit(s, e, slots={"minutes": b - a, "start": clock(a), "end": clock(b % 1440)})
