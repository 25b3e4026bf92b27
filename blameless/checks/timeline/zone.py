"""T305: a timeline with clock times and no time zone stated anywhere."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...lexicon import english
from ...readers.timeline import Timeline, timelines
from ...readers.dates import has_clock_time, mentions_zone
from ..context import DocumentContext, Hit


@lru_cache(maxsize=1)
def _zone_note() -> re.Pattern[str]:
    """Words of a note that speaks of the times ("All times are UTC")."""
    return re.compile(r"\b" + english().alternation("zone_note_words") + r"\b", re.I)


def _states_zone(timeline: Timeline) -> bool:
    """The heading, a sub-heading, an entry or a column header names a zone."""
    texts = [s.title for s in timeline.sections] + [b.text for b in timeline.blocks]
    texts += [c.header.upper() for b in timeline.blocks for c in b.cells]
    return any(mentions_zone(t) for t in texts)


def no_zone(ctx: DocumentContext) -> Iterator[Hit]:
    """T305: a timeline with clock times and no time zone stated anywhere."""
    document = ctx.document
    found = timelines(document)
    in_timeline = {id(b) for t in found for b in t.blocks}

    def stated_elsewhere() -> bool:  # a note such as "All times are UTC" outside the timeline
        return any(mentions_zone(b.text) and (has_clock_time(b.text) or _zone_note().search(b.text))
                   for b in document.blocks if id(b) not in in_timeline)

    for timeline in found:
        if not any(e.stamp is not None and e.stamp.kind == "time" for e in timeline.entries):
            continue
        if _states_zone(timeline) or stated_elsewhere():
            continue
        section = timeline.heading
        yield Hit(section.start, section.end, slots={"heading": section.title})
