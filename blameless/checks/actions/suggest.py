"""The slots of a SMART rewrite of an item, built from the item's own words.

Every A2xx suggestion that proposes a rewrite quotes it in the shape
“<action> — owner: <owner>, due: <due>, done when: <check>”; the shape is written in the rule's
templates (rules/actions.yml) and this module fills `{action}`, `{owner}` and `{due}`, and for
vague items (A201) the `{change}`, `{target}` and `{topic}` of the rewrite.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ...lexicon import english
from ...readers.action_items import ActionItem
from ...readers.item_shapes import nobody_owner
from .wording import strip_lead

#: The kinds of concrete change an A201 rewrite may propose and the lexicon list of the nouns
#: that call for each, in the order they are tried (the rewrite's words are the rule's
#: `rewrites` option).
REWRITE_NOUNS = {"alert": "rewrite_alert", "dashboard": "rewrite_dashboard", "test": "rewrite_test",
                 "docs": "rewrite_docs", "runbook": "rewrite_runbook", "process": "rewrite_process",
                 "deploy": "rewrite_deploy"}


def shape_slots(item: ActionItem, action: str | None = None) -> dict[str, str]:
    """`{action}`, `{owner}`, `{due}` of the rewrite: the item's words, its owner when it names
    one person, its due date when it is a date; placeholders otherwise."""
    if action is None:
        action = " ".join(item.action_text.split()).rstrip(".!?;:")
    owner = item.owner if item.owner and not nobody_owner(item.owner) else "@..."
    due = item.due if item.due and item.dated else "YYYY-MM-DD"
    return {"action": action[:1].upper() + action[1:], "owner": owner, "due": due}


@lru_cache(maxsize=1)
def _fillers() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    w = english().alternation
    return (re.compile(rf"^(?:{w('filler_words')}\s+)+", re.I),
            re.compile(rf"^(?:{w('topic_fillers')}\s+)+", re.I),
            re.compile(rf"\s+{w('trailing_fillers')}$", re.I))


def _rewrite_kind(low: str) -> tuple[str, str] | None:
    """(kind of change, the generic noun naming it) for the first rewrite noun the item uses."""
    for kind, nouns in REWRITE_NOUNS.items():
        for noun in english().entries(nouns):
            if re.search(rf"\b{re.escape(noun)}\b", low):
                return kind, noun
    return None


def vague_rewrite(item: ActionItem, words: str, rewrites: dict[str, str],
                  activity: bool) -> tuple[str | None, dict[str, Any]]:
    """(template variant, slots) of the rewrite of a vague item whose vague words are `words`:
    an `activity` that opens a discussion becomes a decision ("discussion"), one that opens an
    investigation becomes tracked work ("investigation"); anything else a concrete change (None:
    the reason's own variant)."""
    text = " ".join(item.action_text.split()).rstrip(".!?;:")
    _, body = strip_lead(text)
    low = body.lower()
    rest = body[len(words):].strip() if low.startswith(words.lower()) else body
    found = _rewrite_kind(low)
    qualifiers = english().alternation("more_qualifiers")
    if found and not rest:
        # "Set up more Fluentd alerts": the words between the qualifier and the noun are the target
        m = re.search(rf"\b{qualifiers}\s+(.*?)\s*\b{re.escape(found[1])}\b", body, re.I)
        rest = m.group(1) if m and m.group(1) else ""
    elif found:
        m = re.match(rf"(?:\w+\s+){{0,2}}?{re.escape(found[1])}\s+{english().alternation('about_prepositions')}\s+(.+)",
                     rest, re.I)
        if m:
            rest = m.group(1)
        elif rest.lower() == found[1]:
            rest = ""
    filler, topic_filler, tail = _fillers()
    topic = tail.sub("", topic_filler.sub("", rest)).strip()
    target = tail.sub("", filler.sub("", rest)).strip() or "<which service>"
    slots = shape_slots(item)
    if activity and low.startswith(english().entries("discussion_openers")):
        return "discussion", {**slots, "topic": topic or target}
    if activity and low.startswith(english().entries("investigation_openers")):
        return "investigation", {**slots, "target": target}
    head = rewrites[found[0] if found else "change"]
    return None, {**slots, "change": f"{head[:1].upper()}{head[1:]} {target}"}
