"""Former home of the timestamp reader, now `blameless.readers.dates` (the project's one date/time
reader); these names stay importable from here."""
from .readers.dates import APPROX_NOTE, MONTHS, Stamp, has_clock_time, leading_stamp, mentions_zone

_APPROX_NOTE = APPROX_NOTE  # the old name, kept for `from ..timestamps import _APPROX_NOTE`

__all__ = ["APPROX_NOTE", "MONTHS", "Stamp", "has_clock_time", "leading_stamp", "mentions_zone"]
