"""What a postmortem's summary (and impact section) states about the incident's times.

`stated(document)` reads, once per document: the impact's durations ("for 45 minutes",
"Duration: 1 hour 20 minutes", "a 45-minute outage"; a duration about something else, "within
8 minutes of", "a 10-minute evaluation window", is no such statement), the clock times of the
summary with the milestone each sentence gives them and their zones and dates, and the
document's date (the first dated line above the timeline). Words come from rules/en/facts.yml.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import english
from .dates import MONTHS, Stamp, leading_stamp, zones_in
from .milestones import classify
from .zones import zone_word

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Block, Document


@lru_cache(maxsize=None)
def _words(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'-])" + english().alternation(name) + r"(?![\w'])", re.I)


@lru_cache(maxsize=1)
def _duration() -> re.Pattern[str]:
    hours, minutes = english().alternation("duration_hours_units"), english().alternation("duration_minutes_units")
    return re.compile(
        r"(?<![\w.,$:\-–])(?<!\d\sto\s)(?<!\d\s-\s)(?P<n>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>" + hours + "|" + minutes + r")(?![\w])"
        r"(?:,?\s*(?:and\s+)?(?P<n2>\d+)\s*-?\s*(?:" + minutes + r")(?![\w]))?", re.I)


@lru_cache(maxsize=1)
def _duration_label() -> re.Pattern[str]:
    return re.compile(r"^[\s*_\-•>|]*" + english().alternation("duration_labels") + r"[\s*_]*[:=]", re.I)


_TIME_START = re.compile(r"(?<![\w:.,])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?m\b|"
                         r"(?:" + "|".join(MONTHS) + r")[a-z]*\.?\s+\d)", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])|;\s+|\n(?=[*_ ]*[A-Z][\w ]{0,30}[*_ ]*:\s)|\n\s*\n")


@dataclass(frozen=True)
class Duration:
    minutes: int
    line: int
    start: int  # document offsets
    end: int
    bound: str = ""  # "at least", "at most" or ""
    section: str = "summary"  # "summary" or "impact"
    window: tuple[int, int] | None = None  # the sentence's own "between 12:17 and 12:30"


@dataclass(frozen=True)
class Time:
    minutes: int  # after midnight
    kind: str | None  # the milestone its sentence gives it, if any
    zone: str | None
    date: tuple | None  # (year or None, month, day) written with it
    line: int
    start: int
    end: int
    text: str


@dataclass
class Stated:
    durations: list[Duration] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)  # the summary's clock times
    zones: list[tuple[str, int]] = field(default_factory=list)  # (zone, line) beside those times
    date: _dt.date | None = None  # the document's date


def stated(document: "Document") -> Stated:
    return document.derived("stated", _read)


def summary_blocks(document: "Document") -> list["Block"]:
    """The summary's blocks; without a Summary section, the opening paragraphs under the title."""
    blocks = [b for b in document.blocks if b.section.kind == "summary" and b.kind != "heading"]
    if blocks:
        return blocks
    first = next((s.index for s in document.sections if s.kind != "other"), len(document.sections))
    return [b for b in document.blocks if b.section.index < first and b.section.level <= 1
            and b.kind == "paragraph" and len(b.text.split()) >= 15]


def _read(document: "Document") -> Stated:
    result = Stated(date=_document_date(document))
    summary = summary_blocks(document)
    impact = [b for b in document.blocks if b.section.kind == "impact" and b.kind != "heading"]
    for block in summary + impact:
        result.durations += _durations(document, block)
    for block in summary:
        for sentence, at in _sentences(block.text):
            result.times += _times(document, block, sentence, at)
    result.zones = [(t.zone, t.line) for t in result.times if t.zone]
    return result


def _sentences(text: str):
    at = 0
    for m in _SENTENCE.finditer(text):
        yield text[at:m.start()], at
        at = m.end()
    yield text[at:], at


def _durations(document: "Document", block: "Block") -> list[Duration]:
    found = []
    for sentence, at in _sentences(block.text):
        labelled = bool(_duration_label().match(sentence))
        if not labelled and not _words("duration_impact_words").search(sentence):
            continue
        for m in _duration().finditer(sentence):
            before, after = sentence[max(0, m.start() - 25):m.start()], sentence[m.end():m.end() + 20]
            near = before.split()[-3:] + after.split()[:2]
            if not labelled and _words("duration_other_words").search(" ".join(near)):
                continue
            hours = _words("duration_hours_units").fullmatch(m.group("unit")) is not None
            minutes = float(m.group("n")) * (60 if hours else 1) + int(m.group("n2") or 0)
            bound = ("at least" if _words("duration_at_least").search(before)
                     else "at most" if _words("duration_at_most").search(before) else "")
            start, end = block.doc_offset(at + m.start()), block.doc_offset(at + m.end())
            clocks = [stamp.minutes for _, stamp in _clock_times(sentence)]
            window = (clocks[0], clocks[1]) if len(clocks) == 2 else None
            found.append(Duration(round(minutes), document.position(start)[0], start, end, bound,
                                  "impact" if block.section.kind == "impact" else "summary", window))
            if labelled:
                break
    return found


def _clock_times(sentence: str) -> list[tuple[int, Stamp]]:
    """(offset, stamp) of each clock time in a sentence; both ends of "09:14 to 09:59"."""
    stamps: list[tuple[int, Stamp]] = []
    for m in _TIME_START.finditer(sentence):
        stamp = leading_stamp(sentence[m.start():])
        if stamp is None or stamp.kind != "time":
            continue
        if stamps and m.start() < stamps[-1][0] + stamps[-1][1].end and stamps[-1][1].minutes == stamp.minutes:
            continue  # the time of a date-and-time stamp already read
        stamps.append((m.start(), stamp))
    return stamps


def _times(document: "Document", block: "Block", sentence: str, at: int) -> list[Time]:
    stamps = _clock_times(sentence)
    found = []
    for i, (pos, stamp) in enumerate(stamps):
        written = sentence[pos + stamp.start:pos + stamp.end]
        clause_start = stamps[i - 1][0] + stamps[i - 1][1].end if i else 0
        clause_end = stamps[i + 1][0] if i + 1 < len(stamps) else len(sentence)
        clause = sentence[clause_start:clause_end]
        mentions = [*zones_in(written), *zones_in(sentence[pos:pos + stamp.end + 8])]
        zone = next(filter(None, (zone_word(m.group(0)) for m in mentions)), None)
        start, end = block.doc_offset(at + pos + stamp.start), block.doc_offset(at + pos + stamp.end)
        found.append(Time(stamp.minutes, classify(clause), zone,
                          stamp.date or _date_in(sentence), document.position(start)[0], start, end,
                          written.strip()))
    return found


def _date_in(text: str) -> tuple | None:
    for m in _TIME_START.finditer(text):
        stamp = leading_stamp(text[m.start():])
        if stamp is not None and stamp.date is not None:
            return stamp.date
    return None


def _document_date(document: "Document") -> _dt.date | None:
    """The first full date (with its year) written above the timeline: "Date: 2026-03-10"."""
    for block in document.blocks:
        if block.section.kind == "timeline":
            break
        for line in block.text.split("\n"):
            date = _date_in(line)
            if date is not None and date[0]:
                try:
                    return _dt.date(*date)
                except ValueError:
                    continue
    return None
