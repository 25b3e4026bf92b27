"""The one date/time reader (blameless.readers.dates): due dates of action items, and the
timestamp names the timeline imports from blameless.readers.dates."""
from __future__ import annotations

import pytest

from blameless.readers import dates


@pytest.mark.parametrize("text", [
    "due 2026-05-01", "by 2026/5/1", "03/04/2026", "March 3", "3rd Sept 2026", "Jan 2027",
    "end of Q3", "end of the quarter", "middle of March", "Q3 FY26", "H2 2026", "within two weeks",
    "in 3 business days", "by Friday", "by the end of sprint",
])
def test_has_date(text):
    assert dates.has_date(text)


@pytest.mark.parametrize("text", [
    "2026-02-30", "ASAP", "next sprint", "in a while", "by the team", "within reason", "Mayday",
])
def test_has_no_date(text):
    assert not dates.has_date(text)


def test_impossible_dates_need_a_real_month():
    assert [m.group(0) for m in dates.impossible_dates("2026-02-30 and 2026-04-31")] == [
        "2026-02-30", "2026-04-31"]
    assert not list(dates.impossible_dates("2026-13-01 2026-02-28"))  # month 13: not a date shape


@pytest.mark.parametrize("value,duration", [
    ("14 days", True), ("3w", True), ("2 working days", True), ("1 month", True),
    ("14", False), ("soon", False), ("days", False),
])
def test_durations(value, duration):
    assert dates.is_duration(value) is duration


@pytest.mark.parametrize("value,non_date", [
    ("ASAP", True), ("a.s.a.p.", True), ("Next sprint", True), ("TBD", True), ("???", True),
    ("in the near future", True), ("when we have time", True), ("2026-05-01", False),
    ("Friday", False), ("soon after the freeze", False),
])
def test_non_date_values(value, non_date):
    assert dates.is_non_date(value) is non_date


def test_non_date_phrase_in_text():
    m = dates.non_date_phrase("We will migrate the accounts in the near future.")
    assert m and m.group(0) == "in the near future"
    assert dates.non_date_phrase("Freeze deploys until 2026-03-01.") is None


def test_month_numbers_come_from_the_lexicon():
    assert dates.MONTHS["jan"] == 1 and dates.MONTHS["sep"] == 9 and dates.MONTHS["dec"] == 12
    stamp = dates.leading_stamp("3 Sept 2025 14:05 UTC")
    assert stamp and stamp.date == (2025, 9, 3) and stamp.minutes == 14 * 60 + 5


@pytest.mark.parametrize("text,kind,approximate", [
    ("~14:05 restarted", "time", True),
    ("approx. 2pm paged", "time", True),
    ("T+5 min failover", "relative", False),
    ("[TBD] someone noticed", "placeholder", False),
    ("Later that evening the queue drained", "vague", False),
    ("In the early morning the job ran", "vague", False),
])
def test_leading_stamp_words_from_the_lexicon(text, kind, approximate):
    stamp = dates.leading_stamp(text)
    assert stamp and stamp.kind == kind and stamp.approximate is approximate


def test_a_range_end_before_its_start_is_unclear_unless_midnight_or_a_12_hour_end_explains_it():
    leading_stamp = dates.leading_stamp
    assert leading_stamp("16:10-3:00 Rebalanced shards").unclear_end
    assert leading_stamp("14:00 - 13:30 Rebalanced shards").unclear_end
    assert not leading_stamp("23:40-00:20 Compaction ran").unclear_end
    assert not leading_stamp("11:30-1:15 Vendor call").unclear_end
    assert not leading_stamp("9:50 PM - 1:10 AM Backfill ran").unclear_end
    assert not leading_stamp("09:10-09:40 Backfill ran").unclear_end
