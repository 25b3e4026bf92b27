"""A205 not an action: an item that is only a link ("#812", a bare URL), template text ("[Action
item 1]", "{{ next step }}"), or a question with no ticket ("Should we shard the sessions table?", also without its question mark: "Is the backup job
the cause")."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ...lexicon import english
from ...readers.action_items import action_items
from ...readers.commitments import commitments
from ...readers.item_shapes import lead_noise, link_only
from ..context import DocumentContext, Hit
from .suggest import shape_slots


def _answered(ctx: DocumentContext, block) -> bool:
    """A question block whose next block, in the same section, opens with an answer ("No, …")."""
    if not block.text.rstrip().endswith("?"):
        return False
    blocks = ctx.document.blocks
    nxt = blocks[block.index + 1] if block.index + 1 < len(blocks) else None
    if nxt is None or nxt.section is not block.section or nxt.kind not in ("paragraph", "list_item"):
        return False
    return bool(re.match(rf"\s*{english().alternation('closing_answers')}\b", nxt.text.lower()))


def not_an_action(ctx: DocumentContext) -> Iterator[Hit]:
    """A205: an item that is only a link, or a question instead of an action."""
    prose_lines: set[tuple[int, int]] = set()  # one finding for a line of prose, however many sentences
    for item in action_items(ctx.document) + commitments(ctx.document):
        line = ctx.document.position(item.block.doc_offset(item.action_span[0]))[0]
        if item.done or (item.prose and (item.block.index, line) in prose_lines):
            continue
        block = item.block
        if item.placeholder:
            start = len(block.raw) - len(block.raw.lstrip())
            yield Hit(block.doc_offset(start), block.doc_offset(len(block.raw.rstrip())),
                      variant="placeholder", slots={"words": " ".join(block.raw.split())})
            continue
        s, e = item.action_span
        raw = block.raw[s:e]
        if link_only(raw) and not item.prose:
            yield Hit(block.doc_offset(s), block.doc_offset(e), variant="link",
                      slots={**shape_slots(item), "link": raw.strip()})
            continue
        body = " ".join(block.text[s:e].split())
        lead = lead_noise().match(body)
        body = body[lead.end():] if lead else body
        first = body.split()[0].lower().strip("*_") if body.split() else ""
        if item.tracked:
            continue  # a question with its ticket is tracked work
        if item.prose and _answered(ctx, block):
            continue  # "Could we react differently?" / "No, …": a review prompt and its answer
        if (body.rstrip().endswith("?") and first in english().words("interrogatives")) or (
                first in english().words("question_auxiliaries") and len(body.split()) >= 4):
            if item.prose:
                prose_lines.add((block.index, line))
            yield Hit(block.doc_offset(s), block.doc_offset(e), variant="question")
