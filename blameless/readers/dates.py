"""The project's one date/time reader: timeline timestamps and action-item due dates.

Timestamps: `leading_stamp(text)` looks only at the start of an entry (after blanked markup, brackets and
approximation markers) and returns a `Stamp`: a clock time and/or a date, a relative time
("T+5 min"), a placeholder ("HH:mm", "??:??", "[time]"), or a vague phrase ("At some point",
"Later"). `mentions_zone(text)` says whether a text names a time zone.

Due dates: `has_date(text)` says whether a text names a calendar date or a relative one ("within
7 days", "by Friday"); `impossible_dates(text)` finds ISO dates that do not exist (2026-02-30);
`is_non_date(value)` and `non_date_phrase(text)` find what stands where a date should ("ASAP").

Month and weekday names and the other date words come from the lexicon (rules/en/dates.yml).
Nothing here knows about documents or rules.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import alternation as _words, english

#: Month numbers by the first three letters of the month's name ("sep" -> 9).
MONTHS = {m[:3]: i + 1 for i, m in enumerate(english().entries("month_names"))}


@dataclass(frozen=True)
class Stamp:
    """What opens an entry. Offsets are into the text given to `leading_stamp`."""

    start: int
    end: int
    kind: str  # "time" (clock time, maybe with a date) | "date" | "relative" | "placeholder" | "vague"
    minutes: int | None = None  # minutes after midnight (24-hour reading when am/pm was given)
    date: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    relative: int | None = None  # minutes after T0
    meridiem: bool = False  # am/pm was written (or carried from the entry or time heading above)
    approximate: bool = False
    words: str = ""  # the placeholder or vague words as written
    unknown: str = ""  # an unknown part of a clock time as written: a range's end ("-12:??")
    swappable: bool = False  # a numeric date that reads either way ("03/04/2026": read month-first)
    range_end: int | None = None  # minutes after midnight of a range's end ("09:10-09:40")
    range_meridiem: bool = False  # am/pm was written on the range's end

    @property
    def unclear_end(self) -> bool:
        """A range whose end comes before its start in every reading: not a roll-over past
        midnight (an evening start, a morning end) and not a 12-hour end ("11:30-1:15")."""
        start, end = self.minutes, self.range_end
        if self.kind != "time" or start is None or end is None or end >= start:
            return False
        if start >= 18 * 60 and end < 12 * 60:
            return False  # 23:40-00:20 runs past midnight
        # a bare end read on a 12-hour clock (1:15 for 13:15) may still come after the start
        return self.range_meridiem or end >= 12 * 60 or end + 720 <= start

    @property
    def timed(self) -> bool:
        return self.kind in ("time", "date", "relative")


_LEAD = r"[\s\[\(\*_|>#:\-–—•.]*(?:date\s*:\s*)?"
_APPROX = r"(?:(?:~|≈|±|\+/-|\+-)\s*|" + _words("approximation_words") + r"\s+)"
_AT = r"(?:" + _words("stamp_prepositions") + r"\s+)?"
_WEEKDAY = (r"(?:(?:" + "|".join(map(re.escape, english().entries("weekday_abbreviations")))
            + r")(?:day|sday|nesday|rsday|urday)?\.?,?\s+)")
# a month's first three letters (or a listed short form), then whatever of the name is written
_MONTH = r"(" + "|".join(dict.fromkeys([*MONTHS, *english().entries("month_abbreviations")])) + r")[a-z]*\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    r"(?:(?P<iy>\d{4})\d?[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})"
    r"|(?P<ua>\d{1,2})[/-](?P<ub>\d{1,2})[/-](?P<uy>\d{2,4})(?![\d:])"
    r"|" + _MONTH.replace("(", "(?P<mn>", 1) + r"\s+(?P<md>\d{1,2})" + _ORD + r"(?:,?\s+(?P<my>\d{4}))?"
    r"|(?P<dd>\d{1,2})" + _ORD + r"\s+" + _MONTH.replace("(", "(?P<dm>", 1) + r"(?:,?\s+(?P<dy>\d{4}))?"
    r"|(?P<sm>\d{1,2})-(?P<sd>\d{1,2})(?=\s+\d{1,2}:\d{2})"
    r")"
)
_ZONE_WORD = (r"(?:UTC|GMT|Z|[ECMP][SD]?T|A[KE]?[SD]T|HST|CES?T|EES?T|WES?T|BST|IST|JST|KST|HKT|SGT|"
              r"AE[SD]T|AC[SD]T|AWST|NZ[SD]T|MSK|PT|ET|" + _words("us_zone_names") + ")")
_TIME = (r"(?P<h>\d{1,2})(?::(?P<m>\d{2})(?::\d{2}(?:\.\d+)?)?|(?=\s*[ap]\.?m\b))"
         r"(?P<z>Z\b)?(?:\s*(?P<ampm>[ap])\.?m\.?(?![a-z]))?")
_RANGE = (r"(?:\s*(?:-|–|—|to)\s*(?P<rh>\d{1,2})(?::(?P<rm>\d{2}))?"
          r"(?:\s*(?P<rampm>[ap])\.?m\.?(?![a-z]))?)?")
_ZONE_AFTER = r"(?:\s*\(?\s*" + _ZONE_WORD + r"(?:\s*[+-−]\s*\d{1,2}(?::?\d{2})?)?\b\)?)?"

_STAMP = re.compile(
    _LEAD + r"(?P<approx>" + _APPROX + r")?" + _AT + _WEEKDAY + r"?"
    r"(?:(?P<date>" + _DATE + r")(?:\s*(?:,|:|T|\s-\s|\s–\s)?\s*" + _WEEKDAY + r"?(?P<approx2>" + _APPROX + r")?" + _AT + r"))?"
    r"(?P<time>" + _TIME + r")?" + _RANGE + _ZONE_AFTER,
    re.I)
_RELATIVE = re.compile(_LEAD + r"(?P<rel>T\s*(?P<sign>[+-])\s*(?P<n>\d+(?:\.\d+)?)\s*"
                       r"(?P<unit>" + _words("relative_time_units") + r")?\b)", re.I)
_PLACEHOLDER = re.compile(
    _LEAD + r"(?P<ph>(?:(?:\d{4}/)?[\dXx?\-]{2,4}[-/.][\dMmXx?\-]{1,2}[-/.][\dDdXx?\-]{1,2}\s*)?"
    r"(?:[\dHhXx?\-]{1,2}:[\dMmXx?\-]{2}(?<![\d]{2}:\d\d)"
    r"|\[\s*(?:\?+|" + _words("bracketed_time_placeholders") + r")\s*\]|\?\?+|"
    + _words("time_placeholder_words") + r"\b|--:--))",
    re.I)
_DAY_PART = _words("parts_of_day")
_PART_OF_DAY = r"(?:" + _words("day_edges") + r" )?" + _DAY_PART
_DAYS = r"(?:day|" + _DAY_PART + r")"
#: A vague time opening an entry: "At some point", "Sometime that night", "Shortly after noon",
#: "The next morning", "Meanwhile". The grammar is here; its words are lexicon lists.
_VAGUE = re.compile(
    _LEAD + r"(?P<vague>at " + _words("vague_determiners") + " " + _words("vague_time_nouns")
    + r"(?: " + _words("later_words") + r")?|"
    + _words("sometime_words") + r" (?:" + _words("later_words") + r"|before|around \w+|in the "
    + _PART_OF_DAY + r"|that " + _DAYS + r"|during the (?:day|" + _PART_OF_DAY + r"))|"
    + _words("sometime_words") + r"\b|"
    r"later(?: on| that (?:day|" + _PART_OF_DAY + r"))?|eventually|"
    r"shortly " + _words("shortly_words") + r"|soon " + _words("soon_words") + r"|"
    + _words("afterward_words") + r"\b|"
    r"after a " + _words("short_whiles") + r"|a " + _words("short_whiles") + r" later|"
    + _words("lunch_prepositions") + " " + _words("lunch_words") + r"|in the " + _PART_OF_DAY + r"|"
    + _words("near_words") + " " + _words("day_markers") + r"|"
    r"(?:the )?" + _words("next_words") + " " + _DAYS + r"|"
    r"not long (?:" + _words("after_words") + r"|later)|in the " + _words("small_hours") + r" hours|"
    r"that " + _PART_OF_DAY + r"|" + _words("day_edges") + " " + _words("daytime_parts") + r"|"
    + _words("meanwhile_words") + r")(?![\w-])",
    re.I)
#: The end of a range that is not known: "10:41-10:??", "14:05 – XX:XX".
_UNKNOWN_END = re.compile(r"\s*(?:-|–|—|to)\s*(?:[\dHhXx?]{1,2}:[\dMmXx?]{2}|\?+)(?![\w?])", re.I)
_UNKNOWN_DIGIT = re.compile(r"[?XxHhMm]")
#: A parenthesised note that doubts a time: "(maybe earlier?)", "(time TBC)", "(not sure)".
_DOUBT = re.compile(r"\(([^()]{0,60})\)")
_DOUBT_WORDS = re.compile(r"\b(?:" + _words("time_doubt_words") + "|" + _words("time_placeholder_words")
                          + r")\b|\?", re.I)
_TIME_NOTE = re.compile(r"\b" + _words("time_note_words") + r"\b", re.I)


_UNITS = _words("relative_time_units")
#: The vague delay of a later event, ending its clause: "later", "later that day", "roughly 30m
#: later", "a few minutes later", "some time later". An exact delay ("5 minutes later") is a time.
_LATER = re.compile(
    r"(?<![\w-])(?P<later>(?:" + _APPROX + r"(?:\d+(?:\.\d+)?\s*" + _UNITS + "|" + _words("number_words")
    + r"\s+" + _UNITS + r")\s+|" + _words("indefinite_amounts") + r"\s+" + _UNITS + r"\s+|"
    + _words("sometime_words") + r"\s+|a " + _words("short_whiles") + r"\s+)?"
    r"later(?: on| that (?:day|" + _PART_OF_DAY + r"))?)(?=\s*(?:[.,;:)!]|$))", re.I)
#: Where a clause starts: a sentence end, a semicolon or colon, a bracket, a coordinating "and".
_CLAUSE_START = re.compile(r"[.;:!?]\s|\(|,?\s+(?:and|but|then|so)\s+|^", re.I)
_MODAL = re.compile(r"\b" + _words("narrative_modals") + r"\b", re.I)


def vague_later(text: str) -> Iterator[tuple[re.Match, str]]:
    """Later events in `text` with no time of their own ("…, and the leak was traced later"):
    each match of the delay ending its clause, with the clause's words before it. A delay that
    opens its clause ("Several hours later, …") times the clause like a stamp and is not one of
    them, nor is a clause with a modal ("it would later be revealed")."""
    for m in _LATER.finditer(text):
        starts = [c.end() for c in _CLAUSE_START.finditer(text, 0, m.start())]
        before = text[starts[-1] if starts else 0:m.start()].strip()
        if len(before.split()) >= 2 and not _MODAL.search(before):
            yield m, before


def doubt_note(text: str, anywhere: bool = False) -> re.Match | None:
    """A note in brackets that doubts the time: right at the start of `text` (just after a
    stamp: "(maybe earlier?)"), or with `anywhere`, a note about the time anywhere in `text`
    ("First detected 2023-01-04 (time TBC)"). Estimates ("(approximate)") are no doubt."""
    for m in _DOUBT.finditer(text):
        if not anywhere and text[:m.start()].strip(" \t*_:,"):
            return None
        note = m.group(1)
        if _DOUBT_WORDS.search(note) and (not anywhere or _TIME_NOTE.search(note)):
            return m
        if not anywhere:
            return None
    return None


#: A note after a time that makes it approximate: "(not sure)", "TBD", "(?)", a footnote "[^1]".
APPROX_NOTE = re.compile(_words("uncertainty_notes") + r"|\?\)|\b" + _words("time_placeholder_words")
                         + r"\b|\[\^", re.I)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if year < 100:
        year += 2000
    return year if 1970 <= year <= 2100 else None


def _date(m: re.Match) -> tuple[int | None, int, int] | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            y, mo, d = _year(g["iy"]), int(g["im"]), int(g["id"])
        elif g["ua"]:
            a, b = int(g["ua"]), int(g["ub"])
            mo, d = (a, b) if a <= 12 else (b, a)
            y = _year(g["uy"])
        elif g["mn"]:
            mo, d, y = MONTHS[g["mn"][:3].lower()], int(g["md"]), _year(g["my"])
        elif g["dm"]:
            mo, d, y = MONTHS[g["dm"][:3].lower()], int(g["dd"]), _year(g["dy"])
        elif g["sm"]:
            mo, d, y = int(g["sm"]), int(g["sd"]), None
        else:
            return None
    except (TypeError, KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return (y, mo, d)


def _range_end(m: re.Match) -> int | None:
    """Minutes after midnight of a range's end ("-09:40", "to 2 pm"), when it has a colon or am/pm."""
    if not m.group("rh") or not (m.group("rm") or m.group("rampm")):
        return None
    clock = _clock(int(m.group("rh")), int(m.group("rm") or 0), m.group("rampm"))
    return None if clock is None else (clock[0] % 24) * 60 + clock[1]


def _clock(h: int, mins: int, ampm: str | None) -> tuple[int, int] | None:
    """(hour on a 24-hour clock, minutes) of a written time, or None if it is no time."""
    if h > 24 or mins > 59:
        return None
    ampm = (ampm or "").lower()
    if ampm == "p" and h < 12:
        h += 12
    elif ampm == "a" and h == 12:
        h = 0
    return h, mins


def leading_stamp(text: str) -> Stamp | None:
    """The timestamp (or placeholder, or vague time) opening `text`, or None."""
    m = _STAMP.match(text)
    if m and (m.group("time") or m.group("date")):
        date = _date(m) if m.group("date") else None
        swappable = bool(date and m.group("ua") and date[2] <= 12 and date[1] != date[2])
        approximate = bool(m.group("approx") or m.group("approx2"))
        start = min(m.start(g) for g in ("approx", "date", "approx2", "time") if m.group(g))
        if m.group("time"):
            clock = _clock(int(m.group("h")), int(m.group("m") or 0), m.group("ampm"))
            if clock is None:
                return None
            h, mins = clock
            ampm = (m.group("ampm") or "").lower()
            # a bare number is a time only with am/pm ("9 PM") or a colon
            end, unknown = m.end(), ""
            open_end = _UNKNOWN_END.match(text, m.end("time"))
            if open_end and _UNKNOWN_DIGIT.search(open_end.group(0).replace("to", "")):
                end, unknown = open_end.end(), open_end.group(0).strip()
            return Stamp(start, max(end, m.end()), "time", minutes=(h % 24) * 60 + mins, date=date,
                         meridiem=bool(ampm), approximate=approximate, unknown=unknown, swappable=swappable,
                         range_end=_range_end(m), range_meridiem=bool(m.group("rampm")))
        if date:
            after = _PLACEHOLDER.match(text, m.end("date"))
            if after and not after.group("ph").startswith("["):
                note = text[after.end("ph"):after.end("ph") + 40]
                return Stamp(start, after.end("ph"), "placeholder", date=date,
                             words=text[start:after.end("ph")].strip(),
                             approximate=bool(APPROX_NOTE.search(note)))
            return Stamp(start, m.end(), "date", date=date, approximate=approximate, swappable=swappable)
    r = _RELATIVE.match(text)
    if r:
        n = float(r.group("n"))
        unit = (r.group("unit") or "m").lower()
        factor = 1 / 60 if unit.startswith("s") else 60 if unit.startswith("h") else 1440 if unit.startswith("d") else 1
        value = int(n * factor) * (-1 if r.group("sign") == "-" else 1)
        return Stamp(r.start("rel"), r.end("rel"), "relative", relative=value)
    p = _PLACEHOLDER.match(text)
    if p:
        note = text[p.end("ph"):p.end("ph") + 40]
        return Stamp(p.start("ph"), p.end("ph"), "placeholder", words=p.group("ph").strip(),
                     approximate=bool(APPROX_NOTE.search(note)))
    v = _VAGUE.match(text)
    if v:
        return Stamp(v.start("vague"), v.end("vague"), "vague", words=v.group("vague"))
    return None


_ANY_TIME = re.compile(r"(?<![\d:.])\d{1,2}:\d{2}(?![\d])|\b\d{1,2}\s*[ap]\.?m\.?(?![a-z])", re.I)


def has_clock_time(text: str) -> bool:
    return bool(_ANY_TIME.search(text))


_ZONE = re.compile(
    r"(?<![\w])(?:UTC|GMT)(?![a-z])|(?<=\d)Z\b|(?<![\w-])(?:[ECMP][SD]T|A[KE]?[SD]T|HST|CES?T|EES?T|WES?T|BST|"
    r"IST|JST|KST|HKT|SGT|AE[SD]T|AC[SD]T|AWST|NZ[SD]T|MSK|PT|ET|CT|MT)(?![\w-])|"
    r"(?<=\d)\s*[+-−]\d{2}:?\d{2}\b|"
    r"\b" + _words("zone_places") + r"\s+(?:" + _words("zone_seasons") + r"\s+)?time\b|"
    r"(?<=[ap]m )" + _words("us_zone_names") + r"\b|(?<=[AP]M )" + _words("us_zone_names") + r"\b|"
    r"\b(?:time ?zone|timezone)s?\s*[:=]|"
    r"\b" + _words("tz_areas") + r"/[A-Za-z_]+|"
    r"\btimes?\s+(?:are\s+|is\s+|shown\s+)?in\s+(?-i:[A-Z])\w+", re.I)


def mentions_zone(text: str) -> bool:
    """Whether `text` names a time zone (UTC, CET, UTC+1, 'Pacific time', '+02:00'...)."""
    return next(zones_in(text), None) is not None


def zones_in(text: str) -> Iterator[re.Match]:
    """Each time zone `text` names, as a match (see `mentions_zone`)."""
    for m in _ZONE.finditer(text):
        word = m.group(0)
        # short upper-case abbreviations must be written in capitals ("PT", not "pt")
        if word.isalpha() and len(word) <= 4 and word.upper() not in ("UTC", "GMT") and not word.isupper():
            continue
        yield m


# ---------------------------------------------------------------------------------------------
# Due dates of action items: any calendar date in a text, relative due dates, non-dates.

_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})(?![\d/.-])")


def day_first(text: str) -> bool:
    """Whether the numeric dates of `text` are written day first: more of them can only be read
    day first ("28/02/2026") than only month first ("02/28/2026"). Month first by default."""
    days = months = 0
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        days += 12 < a <= 31 and 1 <= b <= 12
        months += 12 < b <= 31 and 1 <= a <= 12
    return days > months


ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_DMY_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b")


@lru_cache(maxsize=1)
def _named_date() -> re.Pattern:
    months = _words("month_words")
    return re.compile(
        rf"\b(?:{months}\.?\s+\d{{1,2}}{_ORD}\b(?:,?\s+\d{{4}})?|"
        rf"\d{{1,2}}{_ORD}\s+{months}\b(?:\s+\d{{4}})?|"
        rf"{_words('period_edges')}[- ]of[- ](?:{months}|q[1-4]|(?:the\s+)?{_words('calendar_periods')})|"
        rf"\bq[1-4]\s*(?:fy)?\s*'?\d{{2,4}}|\bh[12]\s+\d{{4}}|"
        rf"{months}\s+\d{{4}})", re.I)


@lru_cache(maxsize=1)
def _relative_due() -> re.Pattern:
    qualifier = rf"(?:{_words('workday_qualifiers')}\s+)?"
    return re.compile(
        rf"\b(?:within|in)\s+(?:\d+|{_words('number_words')})\s+{qualifier}{_words('duration_units')}\b|"
        rf"\bby\s+(?:the\s+)?(?:{_words('workday_names')}|end of {_words('due_period_ends')})\b", re.I)


@lru_cache(maxsize=1)
def _duration_only() -> re.Pattern:
    qualifier = rf"(?:{_words('workday_qualifiers')}\s+)?"
    return re.compile(rf"^\s*\d+\s*{qualifier}{_words('due_duration_units')}\s*$", re.I)


@lru_cache(maxsize=1)
def _non_date_value() -> re.Pattern:
    return re.compile(rf"^(?:{_words('non_date_values')}|\?+)\.?$", re.I)


@lru_cache(maxsize=1)
def _non_date_phrase() -> re.Pattern:
    return re.compile(rf"\b{_words('non_date_phrases')}\b", re.I)


def real_date(m: re.Match) -> bool:
    """Whether an `ISO_DATE` match names a day that exists."""
    try:
        _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return True
    except ValueError:
        return False


def has_date(text: str) -> bool:
    """Whether `text` names a real calendar date, or a relative one ("within 7 days")."""
    if any(real_date(m) for m in ISO_DATE.finditer(text)):
        return True
    return bool(_DMY_DATE.search(text) or _named_date().search(text) or _relative_due().search(text))


def impossible_dates(text: str) -> Iterator[re.Match]:
    """ISO dates in `text` with a real month and a day the month does not have (2026-02-30)."""
    for m in ISO_DATE.finditer(text):
        if not real_date(m) and 1 <= int(m.group(2)) <= 12:
            yield m


def is_duration(value: str) -> bool:
    """Whether a due value is a duration ("14 days", "3w"): a date relative to the review."""
    return bool(_duration_only().match(value))


def is_non_date(value: str) -> bool:
    """Whether a due value stands where a date should and is none ("ASAP", "next sprint", "?")."""
    return bool(_non_date_value().match(value))


def non_date_phrase(text: str) -> re.Match | None:
    """A phrase in `text` that puts something off without a date ("in the near future")."""
    return _non_date_phrase().search(text)
