"""The walk through a timeline's entries in time, shared by the order (T304) and gap (T306) rules.

`walk(timeline)` steps from each timed entry to the next and says whether it steps back in time
('order') or follows the one before on the same day ('same-day'). Day roll-over (23:50 then
00:10), written dates, yearless dates across the new year and 12-hour clocks are allowed for.
"""
from __future__ import annotations

from collections.abc import Iterator

from ...readers.timeline import Entry, Timeline

_MAX_BACKWARDS = 180  # minutes: a bigger step back without a date is a new day
_MONTH_ROLL = 60  # days: yearless dates stepping back this far cross into a new year

Step = tuple[Entry, "Entry | None", str]


def clock(minutes: int) -> str:
    """'09:05' for 545 minutes after midnight."""
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _ordinal(date: tuple) -> int:
    y, m, d = date
    return (y or 0) * 372 + m * 31 + d


def walk(timeline: Timeline) -> Iterator[Step]:
    """Yield (entry, previous, kind) for each timed entry: kind is 'order' when it steps back in
    time, 'same-day' when it follows `previous` on the same day.

    When an entry steps back and the entry after it carries on from it, the entry before it is
    the odd one out (a mistyped 22:40 above 22:06, 22:07 …): that one is reported, once, instead
    of every entry after it.
    """
    odd: list[Entry] = []
    for _ in range(10):
        steps = list(_steps(timeline, {id(e) for e in odd}))
        culprit = None
        for k, (entry, previous, kind) in enumerate(steps):
            if kind != "order" or previous is None or entry.stamp.kind != "time":
                continue
            following = next((x[0] for x in steps[k + 1:] if x[0].stamp.kind == "time"), None)
            before = next((x[1] for x in steps[:k] if x[0] is previous), None)
            spike = before is None or (before.stamp.kind == "time" and before.date == previous.date
                                       and before.stamp.minutes <= entry.stamp.minutes)
            if spike and following is not None and following.date == entry.date == previous.date \
                    and entry.stamp.minutes <= following.stamp.minutes < previous.stamp.minutes:
                culprit = previous
            break
        if culprit is None:
            break
        odd.append(culprit)
    for entry in odd:
        yield entry, None, "order"
    yield from steps


def _steps(timeline: Timeline, skip: set[int]) -> Iterator[Step]:
    last_minutes: int | None = None
    last_entry: Entry | None = None
    last_date = None
    last_relative: Entry | None = None  # the last "T+n" entry
    timed = [e for e in timeline.entries if e.stamp is not None and e.stamp.timed and id(e) not in skip]
    for n, entry in enumerate(timed):
        stamp = entry.stamp
        if stamp.kind == "relative":
            if last_relative is not None and stamp.relative < last_relative.stamp.relative:
                yield entry, last_relative, "order"
            else:
                last_relative = entry
            continue
        date = entry.date
        own = stamp.date
        if own is not None and last_date is not None and own != last_date:
            a, b = (own, last_date) if (own[0] and last_date[0]) else ((None,) + own[1:], (None,) + last_date[1:])
            back = _ordinal(b) - _ordinal(a)
            if back > 0 and (own[0] and last_date[0] or back < _MONTH_ROLL):
                yield entry, last_entry, "order"
                continue
            last_date, last_minutes, last_entry = own, None, None
        elif own is not None:
            last_date = own
        elif date is not None and date != last_date:
            last_date, last_minutes, last_entry = date, None, None
        if stamp.kind == "date":
            last_minutes, last_entry = None, None
            continue
        minutes = stamp.minutes
        if last_minutes is not None:
            back = last_minutes - minutes
            if back > 0:
                if not stamp.meridiem and minutes < 13 * 60 and 0 <= minutes + 720 - last_minutes <= _MAX_BACKWARDS:
                    minutes += 720  # a 12-hour clock: 12:50 then 1:05
                elif (own is not None and last_entry is not None and last_entry.stamp.date == own) \
                        or back <= _MAX_BACKWARDS:  # same written date (no roll-over), or a step back
                    yield entry, last_entry, "order"
                    following = next((x for x in timed[n + 1:] if x.stamp.kind == "time"), None)
                    if following is not None and following.date == entry.date \
                            and minutes <= following.stamp.minutes < last_minutes:
                        last_minutes, last_entry = minutes, entry  # the entries after carry on from it
                    continue
                else:  # past midnight
                    last_minutes, last_entry = minutes, entry
                    continue
            yield entry, last_entry, "same-day"
        last_minutes, last_entry = minutes, entry
