"""Which milestone a timeline entry or a summary sentence marks, by the words of rules/en/facts.yml.

An explicit label ("Detected:", "Impact start —") decides; else an attempt ("tried to roll
back") marks nothing; else the first list that matches, in the order of PRIORITY.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import english

MILESTONES = ("started", "impact_started", "detected", "acknowledged", "mitigated", "resolved")
PRIORITY = ("resolved", "mitigated", "acknowledged", "detected", "impact_started", "started")
#: The lexicon lists of each milestone: (words in an entry, explicit labels).
LISTS = {"started": ("milestone_started", "label_started"),
         "impact_started": ("milestone_impact_started", "label_impact_started"),
         "detected": ("milestone_detected", "label_detected"),
         "acknowledged": ("milestone_acknowledged", "label_acknowledged"),
         "mitigated": ("milestone_mitigated", "label_mitigated"),
         "resolved": ("milestone_resolved", "label_resolved")}


@lru_cache(maxsize=None)
def _words(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'-])" + english().alternation(name) + r"(?![\w'])", re.I)


@lru_cache(maxsize=1)
def label() -> re.Pattern[str]:
    """A label opening a line: "Detected:", "**Impact start** —", "Time resolved:"."""
    kinds = "|".join(f"(?P<{k}>{english().alternation(LISTS[k][1])})" for k in PRIORITY)
    return re.compile(r"^[\s*_\-•>|]*(?:" + kinds + r")(?:\s+(?:at|time|on))?[\s*_]*(?:[:=]|\s[-–—])\s*",
                      re.I)


def kinds(text: str) -> tuple[str, ...]:
    """Every milestone an entry's text marks, in the order of PRIORITY (a label: that one only)."""
    m = label().match(text)
    if m:
        return (next(k for k in PRIORITY if m.group(k)),)
    if _words("milestone_attempt_words").search(text):
        return ()
    return tuple(k for k in PRIORITY if _words(LISTS[k][0]).search(text))


def classify(text: str) -> str | None:
    """The milestone an entry's text marks first (by PRIORITY), or None."""
    return next(iter(kinds(text)), None)
