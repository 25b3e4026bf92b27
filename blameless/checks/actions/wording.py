"""Where an action item's words start: past leading noise ("HIGH:", "[#12]", "1.") and a modal
opening ("We should", "Going forward,", "Try to"), which carries no action."""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import english
from ...readers.item_shapes import lead_noise


@lru_cache(maxsize=1)
def _modal_lead() -> re.Pattern:
    w = english().alternation
    return re.compile(
        rf"^(?:{w('lead_subjects')}\s+{w('lead_modals')}|{w('lead_openers')}|{w('future_phrases')},?|"
        rf"{w('striving_verbs')}\s+to|{w('continuing_leads')})\s+", re.I)


def strip_lead(text: str) -> tuple[int, str]:
    """Offset and text of an action with 'We should', '[#12]:', '**HIGH**' and the like removed."""
    at = len(text) - len(text.lstrip())
    first = True
    while True:
        m = lead_noise().match(text, at) if first else None
        first = False
        m2 = _modal_lead().match(text[at:])
        if m and m.end() > at:
            at = m.end()
        elif m2:
            at += m2.end()
        else:
            break
    return at, text[at:]
