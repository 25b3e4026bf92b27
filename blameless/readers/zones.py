"""The name of a time zone as a mention writes it."""
from __future__ import annotations

import re

_NAME = re.compile(r"\b(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|(?<![\d:])[+\-−]\d{2}:?\d{2}|"
                   r"(?<![A-Za-z])[A-Z]{1,5}(?![A-Za-z])(?!\s*[+\-−]\d)")


def zone_word(written: str) -> str | None:
    """The zone of a mention: "CEST" of "times in CEST", "UTC+1" of "(UTC+1)"; a zone written
    out in words ("Eastern Daylight Time") as written; None for what is no zone (":50:07")."""
    if re.match(r"(?i)\s*time ?zones?\s*[:=]", written):
        return None  # "Timezone:" names no zone itself
    m = _NAME.search(written)
    word = (m.group(0) if m else written).strip(" ()_")
    return word if word and not word[0].isdigit() and word[0] != ":" else None
