"""Timeline rules: editorializing and judgements in entries, missing or vague times, order, time
zone and gaps.

A timeline is a Timeline section and the sub-sections under it (`### 09:12` headings inherit the
kind). Its entries come in every shape real postmortems use: table rows with a time column,
list items, time headings with narrative paragraphs under them, and paragraphs that open with a
time. `timeline_entries()` reads them once per document (timestamps: blameless.timestamps); the
document checks share that reading.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..findings import Fix, Severity, TextEdit
from ..fixes import removal
from ..text import sentence_bounds
from ..timestamps import _APPROX_NOTE, Stamp, has_clock_time, leading_stamp, mentions_zone
from .context import BlockContext, DocumentContext, Hit
from .people import in_quotes, is_negated, person_subject

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..document import Block, Document, Section

# ---------------------------------------------------------------------------------------------
# Reading a timeline

_TIME_HEADERS = re.compile(r"\b(?:time|times|date|dates|day|when|timestamp|hour|utc|clock)\b")


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

    def span(self) -> tuple[int, int]:
        """Block offsets of the stamp, or of the entry's first words."""
        if self.stamp is not None:
            return self.stamp_base + self.stamp.start, self.stamp_base + self.stamp.end
        words = self.text.strip()
        start = self.offset + (len(self.text) - len(self.text.lstrip()))
        end = start + min(len(words), max(words.find(" ", 40), 0) or len(words))
        return start, max(end, start + 1)


@dataclass
class Timeline:
    sections: list["Section"]
    blocks: list["Block"] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    table_time_cells: dict[int, tuple] = field(default_factory=dict)  # group -> header names

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
        if section.kind != "timeline" or section.level == 0:
            current = None if section.level == 0 or (current and section.level <= current.heading.level) else current
            continue
        if current is not None and section.level > current.heading.level:
            current.sections.append(section)
        else:
            current = Timeline([section])
            found.append(current)
    for timeline in found:
        indices = {s.index for s in timeline.sections}
        timeline.blocks = [b for b in document.blocks if b.section.index in indices]
        _read_entries(timeline)
    return found


def _time_cells(block: "Block") -> list:
    return [c for c in block.cells if _TIME_HEADERS.search(c.header)]


def _table_is_timeline(rows: list["Block"]) -> tuple[bool, bool]:
    """(is a timeline table, has a time-like header)."""
    if not rows:
        return False, False
    if any(_time_cells(r) for r in rows):
        return True, True
    stamped = sum(1 for r in rows if r.cells and (s := leading_stamp(r.cells[0].text_of(r)))
                  and s.kind in ("time", "date", "placeholder"))
    return stamped * 2 >= len(rows), False


def _read_entries(timeline: Timeline) -> None:
    heading_stamps: dict[int, Stamp | None] = {}
    tables: dict[int, tuple[bool, bool]] = {}
    by_group: dict[int, list["Block"]] = {}
    for block in timeline.blocks:
        if block.kind == "table_row":
            by_group.setdefault(block.group, []).append(block)
    for group, rows in by_group.items():
        tables[group] = _table_is_timeline(rows)
    top = timeline.heading
    for block in timeline.blocks:
        section = block.section
        if block.kind == "heading":
            if section.index == top.index:
                continue
            stamp = leading_stamp(block.text)
            heading_stamps[section.index] = stamp
            timeline.entries.append(Entry(block, 0, stamp, block.text, block.text, 0))
            continue
        under = heading_stamps.get(section.index)
        under_time = under is not None and under.kind in ("time", "placeholder", "vague", "relative")
        if block.kind == "table_row":
            is_timeline, has_header = tables.get(block.group, (False, False))
            if not is_timeline:
                continue
            cells = _time_cells(block) if has_header else block.cells[:1]
            if not cells:
                continue
            first, last = cells[0], cells[-1]
            stamp_text = block.text[first.start:last.end]
            stamp = leading_stamp(stamp_text) if stamp_text.strip() else None
            event = next((c for c in block.cells if c not in cells and c.text_of(block)), None)
            offset = event.start if event else first.start
            text = block.text[offset:event.end] if event else ""
            timeline.entries.append(Entry(block, offset, stamp, text, stamp_text, first.start, under_time))
            continue
        lines = block.text.split("\n")
        stamp = leading_stamp(lines[0])
        timeline.entries.append(Entry(block, 0, stamp, lines[0], lines[0], 0, under_time))
        if block.kind == "paragraph" and stamp is not None and stamp.kind == "time":
            at = len(lines[0]) + 1
            for line in lines[1:]:
                more = leading_stamp(line)
                if more is not None and more.kind == "time" and more.start < 4:
                    timeline.entries.append(Entry(block, at, more, line, line, at, under_time))
                at += len(line) + 1
    # effective dates: an entry's own date, else the last date written above it
    current = None
    for entry in timeline.entries:
        own = entry.stamp.date if entry.stamp is not None else None
        if own is not None:
            if own[0] is None and current is not None and current[0] is not None:
                own = (current[0], own[1], own[2])
            current = own
        entry.date = current


# ---------------------------------------------------------------------------------------------
# Document checks

def _hit(block: "Block", start: int, end: int, message: str, suggestion: str,
         severity: Severity | None = None, fixes: tuple[Fix, ...] = ()) -> Hit:
    return Hit(block.doc_offset(start), block.doc_offset(end), message=message,
               suggestion=suggestion, severity=severity, fixes=fixes)


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


def _siblings_timed(entry: Entry, entries: list[Entry]) -> bool:
    others = [e for e in entries if e.block.group == entry.block.group and e.block.kind == entry.block.kind
              and e is not entry and e.offset == 0]
    timed = [e for e in others if e.stamp is not None and e.stamp.timed]
    return len(others) >= 2 and len(timed) * 3 >= len(others) * 2


def missing_time(ctx: DocumentContext) -> Iterator[Hit]:
    """T303: entries without a time: empty time cells, placeholders, vague times."""
    for timeline in timelines(ctx.document):
        placeholders: dict[int, list[Entry]] = {}
        for entry in timeline.entries:
            block, stamp = entry.block, entry.stamp
            if stamp is not None and stamp.kind == "placeholder":
                # a note beside the placeholder marks an estimate ("XX:XX (not sure)"); the
                # placeholder's own words ("TBD") are not such a note
                note = entry.text[stamp.end:stamp.end + 40] if entry.stamp_base == entry.offset \
                    else entry.text[:40]
                if not stamp.approximate and not _APPROX_NOTE.search(note) and (block.kind != "paragraph" or entry.offset == 0):
                    placeholders.setdefault(block.group if block.kind != "heading" else -block.index,
                                            []).append(entry)
                continue
            if stamp is not None and stamp.timed:
                continue
            if entry.under_time_heading and block.kind != "table_row":
                continue
            what = _clip(entry.text)
            if stamp is not None and stamp.kind == "vague":
                if block.kind == "paragraph":
                    continue  # narrative: a paragraph continues the entry above it
                if block.kind == "heading" and not _siblings_timed(entry, [
                        e for e in timeline.entries if e.block.kind == "heading"]):
                    continue
                s, e = entry.span()
                yield _hit(block, s, e,
                           f"“{stamp.words}” is not a time; a timeline entry needs a timestamp",
                           "Give the time from chat, alert or deploy logs (e.g. “14:32 UTC …”); if "
                           "it is not known exactly, mark the estimate: “~14:30 (approximate) …”.")
                continue
            if block.kind == "table_row":
                if entry.stamp_text.strip() or has_clock_time(entry.text[:40]):
                    continue  # something written in the time cell: a date or a note
                s = entry.stamp_base
                cells = [c.text_of(block) for c in block.cells if c.text_of(block)]
                vague = next((v for v in map(leading_stamp, cells) if v and v.kind == "vague"), None)
                label = f" and “{vague.words}” is not a time" if vague else ""
                what = _clip(max(cells, key=len)) if cells else what
                yield _hit(block, s, max(entry.offset + len(entry.text.rstrip()), s + 1),
                           f"Timeline row has an empty time cell{label}: “{what}”",
                           "Fill in when it happened, from chat, pager or deploy logs; if it is not "
                           "known exactly, write an estimate and mark it (“~09:50 (approximate)”).")
                continue
            if block.kind == "list_item" and stamp is None and not has_clock_time(entry.text) \
                    and "[^" not in entry.text[:30] and _siblings_timed(entry, timeline.entries):
                s, e = entry.span()
                yield _hit(block, s, e, f"Timeline entry has no timestamp: “{what}”",
                           "Start the entry with the time it happened (e.g. “09:41 …”); if it is not "
                           "known exactly, mark the estimate: “~09:40 (approximate) …”.")
        for group in placeholders.values():
            first = group[0]
            s, e = first.span()
            more = f" (and {len(group) - 1} more entr{'y' if len(group) == 2 else 'ies'} below)" \
                if len(group) > 1 else ""
            yield _hit(first.block, s, e,
                       f"“{first.stamp.words}” is a placeholder, not a time{more}",
                       "Fill in the time from chat, alert or deploy logs, or mark an estimate "
                       "(“~14:30 (approximate)”); if only the date is known, keep just the date.")


_MAX_BACKWARDS = 180  # minutes: a bigger step back without a date is a new day
_MONTH_ROLL = 60  # days: yearless dates stepping back this far cross into a new year


def _ordinal(date: tuple) -> int:
    y, m, d = date
    return (y or 0) * 372 + m * 31 + d


def _walk(timeline: Timeline):
    """Yield (entry, previous, kind) for each timed entry: kind is 'order' when it steps back in
    time, 'same-day' when it follows `previous` on the same day, or None.

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


def _same_day(a: Entry, b: Entry) -> bool:
    return a.stamp.kind == b.stamp.kind == "time" and (a.date == b.date)


def _steps(timeline: Timeline, skip: set[int]):
    last_minutes: int | None = None
    last_entry: Entry | None = None
    last_date = None
    last_relative: int | None = None
    timed = [e for e in timeline.entries if e.stamp is not None and e.stamp.timed and id(e) not in skip]
    for n, entry in enumerate(timed):
        stamp = entry.stamp
        if stamp.kind == "relative":
            if last_relative is not None and stamp.relative < last_relative:
                yield entry, None, "order"
            else:
                last_relative = stamp.relative
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


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def out_of_order(ctx: DocumentContext) -> Iterator[Hit]:
    """T304: an entry earlier than the one above it (day roll-over and dates allowed for)."""
    for timeline in timelines(ctx.document):
        for entry, previous, kind in _walk(timeline):
            if kind != "order":
                continue
            s, e = entry.span()
            written = " ".join(entry.stamp_text[entry.stamp.start:entry.stamp.end].split())
            before = ""
            if previous is not None:
                before = " ".join(previous.stamp_text[previous.stamp.start:previous.stamp.end].split())
                before = f" (after “{before}”)"
            after = ""
            if previous is None:
                after = " (the entries after it are earlier)"
            yield _hit(entry.block, s, e,
                       f"Entry “{written}” is out of chronological order{before}{after}",
                       "Move the entry to where it belongs in time, or correct the time or date if "
                       "it was mistyped; readers rebuild the incident from the order of entries.")


_GAP_EXPLAINED = re.compile(
    r"\b(?:wait\w*|monitor\w*|observ\w*|overnight|next (?:morning|day)|over the next|through the next|"
    r"for the next|meanwhile|in the meantime|continu\w+|until|no (?:change|further|new)|nothing|"
    r"keep an eye|watch\w*|pause\w*|paused|sleep|offline|signs? off|went home|break|resumed?)\b", re.I)
#: A gap that a long-running operation fills: it starts in the entry before the gap and finishes
#: in the entry after it ("03:05 The rebuild was restarted." … "04:50 The rebuild finished.").
_OP_STARTED = re.compile(r"\b(?:start(?:ed|s)?|restart(?:ed|s)?|began|begins|kick(?:ed|s)?\s+off|"
                         r"initiated|launched|triggered|running|in\s+progress|underway)\b", re.I)
_OP_FINISHED = re.compile(r"\b(?:finish(?:ed|es)?|complete[ds]?|completion|done|succeeded|"
                          r"caught\s+up)\b", re.I)
_MAX_GAP = 6 * 60  # minutes: a longer silence is a later phase (often the next day), not a hole


_DETECTED = re.compile(r"\b(?:alerts?|alarms?|paged|pages|declared?|detected|outage (?:begins|starts)|"
                       r"incident (?:begins|starts|declared)|started failing|reports?)\b", re.I)
_RESOLVED = re.compile(r"\b(?:resolved|restored|recovered|mitigated|back to normal|returned? to normal|"
                       r"back online|fully operational|verified operational|outage ends|incident ends|"
                       r"incident (?:is )?closed|closed the incident|stable again|all clear)\b", re.I)


def _active_window(entries: list[Entry]) -> tuple[int, int]:
    """Indices of the first detection and the first resolution entry (the response in between)."""
    start = next((i for i, e in enumerate(entries) if _DETECTED.search(e.block.text)), len(entries))
    end = next((i for i, e in enumerate(entries) if i > start and _RESOLVED.search(e.block.text)),
               len(entries) - 1)
    return start, end


def long_gap(ctx: DocumentContext) -> Iterator[Hit]:
    """T306: a long, unexplained silence between two same-day entries during the response.

    Conservative on purpose: real timelines jump hours between phases and days. A gap counts only
    between two clock times of the same day, inside the response (from the first detection entry
    to the first resolution entry), when it stands out from the timeline's usual spacing and
    nothing in the entries around it explains it (monitoring, waiting, overnight...).
    """
    limit = ctx.config.timeline_gap_minutes
    for timeline in timelines(ctx.document):
        entries = timeline.entries
        pairs = []
        for entry, previous, kind in _walk(timeline):
            if kind != "same-day" or previous is None:
                continue
            if previous.stamp.kind != "time" or entry.stamp.kind != "time":
                continue
            a, b = previous.stamp.minutes, entry.stamp.minutes
            if b < a:
                b += 720
            pairs.append((previous, entry, a, b))
        if len(pairs) < 3:
            continue
        spacing = sorted(b - a for _, _, a, b in pairs)
        typical = spacing[len(spacing) // 2]
        first, last = _active_window(entries)
        worst = None
        for k, (previous, entry, a, b) in enumerate(pairs):
            gap = b - a
            if not (limit < gap <= _MAX_GAP) or gap < 4 * max(typical, 1):
                continue
            i, j = entries.index(previous), entries.index(entry)
            if i < first or j > last or any(x.stamp is not None and not x.stamp.timed for x in entries[i + 1:j]):
                continue  # outside the response, or an entry of unknown time sits in the gap
            # a hole in a busy stretch: the entries on either side follow each other closely
            before = pairs[k - 1] if k > 0 and pairs[k - 1][1] is previous else None
            after = pairs[k + 1] if k + 1 < len(pairs) and pairs[k + 1][0] is entry else None
            if before is None or after is None or before[3] - before[2] > limit or after[3] - after[2] > limit:
                continue
            # what sits between them (continuation paragraphs, sub-items) may explain the gap
            between = " ".join(b.text for b in timeline.blocks
                               if previous.block.index <= b.index <= entry.block.index)
            range_end = previous.stamp_text[previous.stamp.start:previous.stamp.end]
            if _GAP_EXPLAINED.search(between) or re.search(r"\d\s*(?:-|–|—|to)\s*\d", range_end):
                continue
            if _OP_STARTED.search(previous.text) and _OP_FINISHED.search(entry.text):
                continue  # a long-running operation fills the gap
            if worst is None or gap > worst[0]:
                worst = (gap, entry, a, b)
        if worst is not None:  # one finding per timeline: the longest hole
            gap, entry, a, b = worst
            s, e = entry.span()
            yield _hit(entry.block, s, e,
                       f"{gap} minutes pass between {_clock(a)} and {_clock(b % 1440)} with no entry",
                       "Say what happened in between: who was investigating what, what was tried, "
                       "what people were waiting for. Gaps are where process improvements hide; if "
                       "nothing happened, say so.", severity=Severity.INFO)


def no_zone(ctx: DocumentContext) -> Iterator[Hit]:
    """T305: a timeline with clock times and no time zone stated anywhere."""
    document = ctx.document
    found = timelines(document)
    in_timeline = {id(b) for t in found for b in t.blocks}

    def stated_elsewhere() -> bool:  # a note such as "All times are UTC" outside the timeline
        return any(mentions_zone(b.text) and (has_clock_time(b.text) or re.search(r"\btimes?\b", b.text, re.I))
                   for b in document.blocks if id(b) not in in_timeline)

    for timeline in found:
        if not any(e.stamp is not None and e.stamp.kind == "time" for e in timeline.entries):
            continue
        texts = [s.title for s in timeline.sections] + [b.text for b in timeline.blocks]
        texts += [c.header.upper() for b in timeline.blocks for c in b.cells]
        if any(mentions_zone(t) for t in texts) or stated_elsewhere():
            continue
        section = timeline.heading
        yield Hit(section.start, section.end,
                  message="The timeline does not say which time zone its times are in",
                  suggestion=f"State the zone once, in the heading (“{section.title} (UTC)”) or in "
                             f"a note under it (“All times UTC.”); times from different tools and "
                             f"people are otherwise easy to misread.",
                  severity=Severity.INFO)


# ---------------------------------------------------------------------------------------------
# Block checks: what an entry says

def _person_subject(ctx: BlockContext, verb: "Token") -> "Token | None":
    found = person_subject(verb, ctx.words, ctx.lowercase, lenient=True)
    return found[0] if found else None


def _mention(subj: "Token") -> str:
    """'the on-call engineer', 'Kofi' — without a timestamp the parse hung on the name."""
    words = [t for t in subj.doc[subj.left_edge.i:subj.i + 1]]
    while words[:-1] and (words[0].like_num or words[0].is_punct or ":" in words[0].text
                          or not words[0].text.strip()):
        words = words[1:]
    return subj.doc[words[0].i:subj.i + 1].text


def _actor_cell(ctx: BlockContext) -> str | None:
    cell = ctx.block.cell("actor", "who", "owner", "person", "responder", "by", "who what", "actor s")
    value = cell.text_of(ctx.block) if cell else ""
    return value if value and value.lower() not in ctx.words("systems") and value.lower() not in ctx.words("non_people") \
        and value[:1].isupper() else None


def _person_for(ctx: BlockContext, start: int) -> str | None:
    """The person whose action the word at block offset `start` qualifies, if any."""
    if ctx.doc is None:
        return None
    tok = next((t for t in ctx.doc if t.idx <= start < t.idx + max(len(t.text), 1)), None)
    if tok is None:
        return None
    verb = tok.head if tok.dep_ in ("advmod", "amod", "npadvmod", "acomp") else tok
    for candidate in (verb, verb.head):
        if candidate.pos_ in ("VERB", "AUX"):
            subj = _person_subject(ctx, candidate)
            if subj is not None:
                return _mention(subj)
    if ctx.block.kind == "table_row" and not subjects(verb) and tok.lower_ in ctx.words("judgement_words"):
        return _actor_cell(ctx)
    return None


_EVIDENCE_VERBS = frozenset({"show", "indicate", "display", "see", "state", "mark", "label", "read",
                             "say", "point", "demonstrate", "visible", "identify", "explain",
                             "document", "log", "separate", "define", "describe", "distinguish"})


def _descr_tok(ctx: BlockContext, start: int):
    return next((t for t in ctx.doc if t.idx == start), None) if ctx.doc is not None else None


def _describes_evidence(ctx: BlockContext, start: int) -> bool:
    """'The graph clearly showed …', 'The spike was clearly visible in …': 'clearly' describes the
    evidence, not the writer's view."""
    tok = _descr_tok(ctx, start)
    if tok is None:
        return False
    head = tok.head
    if head.lemma_.lower() in _EVIDENCE_VERBS:
        return True
    # a copula: "was clearly visible", "were clearly marked"
    return head.lemma_.lower() == "be" and any(
        c.dep_ in ("acomp", "attr", "xcomp") and c.lemma_.lower() in _EVIDENCE_VERBS
        for c in head.children)


#: What a person can waste: "wasted an hour" is a comment, "wasted heap space" is a measurement.
_WASTABLE = frozenset({"time", "minute", "hour", "day", "week", "effort", "energy", "morning",
                       "afternoon", "evening", "night", "while"})


#: Adverbs that comment on an event when they open a clause ("Strangely, all nodes …") but
#: describe a symptom when they follow their verb ("the pod was behaving strangely").
_MANNER = frozenset({"strangely", "oddly", "weirdly", "bizarrely", "surprisingly", "unsurprisingly",
                     "frustratingly", "annoyingly"})


def _describes_manner(ctx: BlockContext, start: int) -> bool:
    tok = _descr_tok(ctx, start)
    if tok is None:
        return False
    after_verb = tok.i > 0 and tok.doc[tok.i - 1].pos_ == "VERB"  # "behaving strangely after …"
    return after_verb or (tok.head.pos_ in ("VERB", "AUX") and tok.i > tok.head.i
                          and tok.head.lemma_.lower() != "be")


def _technical_waste(ctx: BlockContext, start: int) -> bool:
    """'3 GB of wasted heap space', 'wasted CPU cycles': an adjective measuring resources."""
    tok = _descr_tok(ctx, start)
    return (tok is not None and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN")
            and tok.head.lemma_.lower() not in _WASTABLE)


def _stamp_end(block: "Block") -> int:
    if block.kind == "table_row":
        return 0
    stamp = leading_stamp(block.text)
    return stamp.end if stamp is not None and stamp.timed else 0


def _removal(ctx: BlockContext, start: int, end: int) -> TextEdit | None:
    raw = ctx.block.raw
    edit = removal(raw, start, end)
    if edit is None:
        return None
    # "09:20 Unfortunately the …" opens the entry after its time: keep a capital letter
    after_stamp = raw[:start].strip() == "" or start <= _stamp_end(ctx.block) + 1 \
        or raw[:start].rstrip()[-1:] in "|*"
    if after_stamp and not edit.new_text and raw[start:start + 1].isupper() and edit.end < len(raw) \
            and raw[edit.end:edit.end + 1].islower():
        edit = TextEdit(edit.start, edit.end + 1, raw[edit.end].upper())
    return edit


def _rewrite(raw: str, edit: TextEdit, start: int, end: int) -> str:
    left, right = sentence_bounds(raw, start, end)
    text = raw[:edit.start] + edit.new_text + raw[edit.end:]
    shift = len(edit.new_text) - (edit.end - edit.start)
    return " ".join(text[left:right + shift].split()).strip(" |")


def _editorial_words(ctx: BlockContext) -> list[tuple[int, int, str]]:
    from ..text import inside_quotes, phrase_regex

    words = tuple(sorted(ctx.words("editorial_words") | ctx.words("judgement_words")
                         | ctx.words("hindsight_phrases")))
    text = ctx.block.text
    return [(m.start(), m.end(), m.group(0)) for m in phrase_regex(words).finditer(text)
            if not inside_quotes(text, m.start())]


def editorializing(ctx: BlockContext) -> Iterator[Hit]:
    """T301: judgement, emotion and hindsight words in a timeline entry."""
    raw = ctx.block.raw
    judgement = ctx.words("judgement_words")
    hindsight = ctx.words("hindsight_phrases")
    removable = ctx.words("removable")
    for start, end, word in _editorial_words(ctx):
        lower = " ".join(word.lower().split())
        if lower in ("clearly", "obviously") and _describes_evidence(ctx, start):
            continue
        if lower in ("wasted", "wasting") and _technical_waste(ctx, start):
            continue
        if lower in _MANNER and _describes_manner(ctx, start):
            continue
        about_people = judgement | {"finally", "wasted", "wasting", "panicked", "panicking", "in a panic",
                                    "freaked out", "without thinking", "without bothering"}
        person = _person_for(ctx, start) if lower in about_people else None
        fixes: tuple[Fix, ...] = ()
        rewrite = None
        if lower in removable:
            edit = _removal(ctx, start, end)
            if edit is not None:
                edit = replace(edit, start=ctx.block.doc_offset(edit.start), end=ctx.block.doc_offset(edit.end))
                local = replace(edit, start=edit.start - ctx.block.doc_offset(0),
                                end=edit.end - ctx.block.doc_offset(0))
                rewrite = _rewrite(raw, local, start, end)
                fixes = (Fix(f"Remove “{word}”", (edit,)),)
        if lower in hindsight:
            message = (f"Hindsight (“{word}”) in a timeline entry: the timeline records what "
                       f"happened, not what should have happened")
            suggestion = ("State what was done and what was known at that moment; move the "
                          "judgement of what could have gone differently to the analysis, framed "
                          "as a gap in the system.")
        elif person is not None:
            message = (f"“{word}” judges {person}; a timeline entry states what happened, not how "
                       f"well someone did it")
            suggestion = (f"Write what happened and what {person} could see at the time"
                          + (f": “{rewrite}” — then add what the tools or runbook showed."
                             if rewrite else ", e.g. which alert, dashboard or runbook step they "
                                             "were working from."))
        else:
            kind = "judgement" if lower in judgement else "editorializing"
            message = (f"“{word}” is {kind} in a timeline entry; the timeline records facts, "
                       f"the analysis comes later")
            suggestion = (f"Drop the comment and keep the fact: “{rewrite}”" if rewrite else
                          "Replace the comment with the observable fact (what was done, what it "
                          "cost in minutes or requests).")
        s, e = ctx.span(start, end)
        yield Hit(s, e, message=message, suggestion=suggestion, fixes=fixes)


_ATTENTION = ("ignore", "miss", "overlook", "disregard", "forget", "neglect")
_CARE = ("notice", "see", "check", "read", "escalate", "respond", "follow", "realize", "realise",
         "spot", "catch", "page", "verify", "test", "act", "answer", "acknowledge", "look", "update",
         "inform", "notify", "communicate")


def person_judgement(ctx: BlockContext) -> Iterator[Hit]:
    """T302: an entry that judges a person (ignored the page, failed to notice, should have)."""
    if ctx.doc is None:
        return
    flagged_words = {s for s, _, _ in _editorial_words(ctx)}
    for sent in ctx.doc.sents:
        if any(sent.start_char <= s < sent.end_char for s in flagged_words):
            continue  # the editorializing rule reports this sentence already
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or in_quotes(verb):
                continue
            lemma = verb.lemma_.lower()
            auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
            hindsight = bool(auxes & {"should", "ought", "shouldn't", "should've"}) and verb.tag_ == "VBN"
            failed = lemma == "fail" and any(c.dep_ == "xcomp" and c.lemma_.lower() in _CARE for c in verb.children)
            bother = lemma == "bother" and is_negated(verb)
            attention = lemma in _ATTENTION and not is_negated(verb) and not hindsight
            if not (hindsight or failed or bother or attention):
                continue
            subj = _person_subject(ctx, verb)
            if subj is None:
                continue
            who = _mention(subj)
            end_tok = sent[-2] if len(sent) > 1 and sent[-1].is_punct else sent[-1]
            start = min(subj.left_edge.idx, verb.idx)
            end = end_tok.idx + len(end_tok.text)
            if hindsight:
                message = (f"Hindsight about {who} in a timeline entry (“should have”): record what "
                           f"was done and known at the time")
            else:
                message = (f"“{verb.text}” judges {who}; a timeline entry states what happened and "
                           f"what they could see")
            named = who[0].lower() + who[1:] if who.split()[0] in ("The", "Our", "A", "An") else who
            suggestion = (f"Rewrite as facts: when the signal reached {named}, what {named} was doing "
                          f"and could see then, and when they acted, e.g. “10:15 Page delivered; the "
                          f"on-call was on another incident bridge. 10:30 Page acknowledged.”")
            s, e = ctx.span(start, end)
            yield Hit(s, e, message=message, suggestion=suggestion)
            break
