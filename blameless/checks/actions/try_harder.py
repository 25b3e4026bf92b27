"""A202 people, not systems: an action item that asks people to try harder ("Be more careful",
"Remind the team to ...", "Train developers to ...") instead of changing what a system does.

Checked on the action of every open item, and on a short paragraph standing alone as a section's
measure ("Remind staff to rotate their tokens."). The words are lexicon lists (rules/en/actions.yml)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ...lexicon import alternation as _w
from ...readers.action_items import action_items
from ...readers.commitments import commitments
from ..context import DocumentContext, Hit
from .wording import strip_lead

if TYPE_CHECKING:  # pragma: no cover
    from ...document import Block


@lru_cache(maxsize=1)
def _person_ask() -> re.Pattern:
    people = rf"(?:{_w('people_determiners')}\s+)*{_w('people_nouns')}"
    return re.compile(
        rf"\bbe(?:ing)?\s+(?:{_w('carefulness_intensifiers')}\s+)?{_w('carefulness_words')}\b|"
        rf"\b(?:pay|paying)\s+(?:{_w('attention_amounts')}\s+)?attention\b|"
        rf"\btake\s+{_w('care_amounts')}\s+care\b|"
        rf"\b{_w('asking_verbs')}\s+{people}\b|"
        rf"\b{_w('teaching_verbs')}\s+(?:the\s+|all\s+|our\s+)?"
        rf"(?:(?!{_w('teaching_prepositions')}\b)[\w-]+\s+){{0,2}}?{people}\b|"
        rf"\b{_w('session_verbs')}\s+(?:an?\s+|some\s+)?(?:[\w-]+\s+){{0,2}}?{_w('training_sessions')}s?\b"
        rf"(?!\s+{_w('training_machinery')})|"
        rf"^{_w('cooperation_verbs')}\s+{_w('better_manners')}\b|"
        rf"^{_w('ensure_verbs')}\s+(?:that\s+)?{people}\s+(?:always\s+|actually\s+)?{_w('heeding_verbs')}\b|"
        rf"\b{_w('awareness_nouns')}\s+(?:for|of)\s+(?:\w+\s+){{0,2}}{people}\b|"
        rf"^{_w('staff_subjects')}\s+{_w('staff_modals')}\b|"
        rf"^(?:always\s+|please\s+)?{_w('remembering_phrases')}\s+to\b|"
        r"^(?:always\s+|please\s+)?double[- ]check\b|"
        rf"\b{_w('emphasis_verbs')}\s+the\s+{_w('emphasis_objects')}\b|"
        rf"\b{_w('awareness_verbs')}\s+(?:the\s+)?awareness\b|"
        rf"\bstrictly\s+adher\w*|\bmore\s+{_w('discipline_nouns')}\b", re.I)


@lru_cache(maxsize=1)
def _system_means() -> re.Pattern:
    """"..., i.e. add a CI check", "Remind users by email ...": the item names a system's part."""
    return re.compile(
        rf"\b(?:{_w('system_means')}|by\s+{_w('system_means_gerunds')})\b|"
        rf"^\s*(?:automatically\b|(?:by|via)\s+(?:an?\s+)?(?:automated\s+)?{_w('system_channels')}\b)",
        re.I)


def people_not_systems(ctx: DocumentContext) -> Iterator[Hit]:
    """A202: actions that ask people to be better instead of changing a system."""
    document = ctx.document
    seen: set[int] = set()
    for item in action_items(document) + commitments(document):
        if not item.open or (item.prose and item.block.index in seen):
            continue
        seen.add(item.block.index)
        yield from _person_hits(item.block, item.action_span)
    # a short paragraph standing alone as a section's measure ("Remind staff to ...")
    content: dict[int, int] = {}
    for block in document.blocks:
        if block.kind != "heading":
            content[block.section.index] = content.get(block.section.index, 0) + 1
    for block in document.blocks:
        if (block.kind == "paragraph" and block.section.kind == "action_items"
                and not block.continuation and block.index not in seen and len(block.text) < 400
                and content.get(block.section.index, 0) <= 2):
            yield from _person_hits(block, (0, len(block.text)))


def _person_hits(block: "Block", span: tuple[int, int]) -> Iterator[Hit]:
    s, e = span
    text = block.text[s:e]
    lead, _ = strip_lead(text)
    m = _person_ask().search(text[lead:])
    if not m or _system_means().search(text[lead + m.end():]):
        return
    start = s + lead + m.start()
    after = lead + m.end()
    clause_end = re.search(r"[.;!?](?:\s|$)", text[after:])
    end = s + after + (clause_end.start() if clause_end else len(text.rstrip()) - after)
    yield Hit(block.doc_offset(start), block.doc_offset(end),
              slots={"words": " ".join(m.group(0).split()), "action": " ".join(text.split()).rstrip(".")})
