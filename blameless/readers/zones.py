"""The name of a time zone as a mention writes it."""
from __future__ import annotations

import re


def zone_word(written: str) -> str:
    """The zone of a mention: "CEST" of "times in CEST", "UTC+1" of "(UTC+1)"."""
    m = re.search(r"\b(?:UTC|GMT)\s*[+-−]\s*\d{1,2}(?::?\d{2})?|[+-−]\d{2}:?\d{2}|\b[A-Z]{1,5}\b(?!\s*[+-−]\d)",
                  written)
    return (m.group(0) if m else written).strip(" ()")
