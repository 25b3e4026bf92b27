"""Which kind of postmortem section a heading names, read from the words in rules/en/sections.yml."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import english

#: The kinds of section a postmortem has; every other heading is "other".
SECTION_KINDS = ("summary", "impact", "timeline", "root_cause", "contributing_factors",
                 "what_went_well", "action_items", "other")

_HEADING_NOISE = re.compile(r"[^\w\s;&/-]+")


def synonyms(kind: str) -> tuple[str, ...]:
    return english().entries(f"section_{kind}")


@lru_cache(maxsize=1)
def _synonym_patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    """(kind, synonym, its pattern allowing plural/suffix noise such as "Timelines" or
    "Remediation:"), compiled once: there are more than the `re` module's cache holds."""
    return tuple((kind, word, re.compile(r"\s" + re.escape(word) + r"s?\b"))
                 for kind in SECTION_KINDS[:-1] for word in synonyms(kind))


@lru_cache(maxsize=1024)
def classify_heading(title: str) -> str | None:
    """Return the section kind a heading names, or None when it names none of them."""
    text = " " + " ".join(_HEADING_NOISE.sub(" ", title.lower()).split()) + " "
    whole_only = english().words("heading_whole_only")
    found: list[tuple[int, int, str, str]] = []
    for kind, word, pattern in _synonym_patterns():
        if word in whole_only and text.strip() != word:
            continue
        at = text.find(" " + word + " ")
        if at < 0:
            match = pattern.search(text)
            at = match.start() if match else -1
        if at >= 0:
            found.append((at, -len(word), kind, word))
    found.sort()
    if len(found) > 1 and found[0][3] in english().words("heading_modifiers"):
        later = [f for f in found if f[2] != found[0][2]]
        if later:
            return later[0][2]
    return found[0][2] if found else None


def follow_up_heading(title: str) -> bool:
    """'Follow-up', 'Follow ups': a heading whose section word is a follow-up modifier (inside a
    Timeline it holds the entries after the incident, not action items)."""
    text = " " + " ".join(_HEADING_NOISE.sub(" ", title.lower()).split()) + " "
    return any(re.search(r"\s" + re.escape(word) + r"s?\b", text)
               for word in english().words("heading_modifiers"))
