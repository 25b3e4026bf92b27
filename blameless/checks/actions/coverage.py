"""A206 missing owner or date, and A207 too many items: rules about an action-item section's
items taken together (by their outermost action-item section)."""
from __future__ import annotations

from collections.abc import Iterator

from ...findings import Severity
from ...readers.action_items import ActionItem, action_items
from ...readers.dates import is_non_date
from ...readers.item_shapes import nobody_owner
from ..context import DocumentContext, Hit
from .suggest import shape_slots


def _by_section(items: list[ActionItem]) -> list[list[ActionItem]]:
    groups: dict[int, list[ActionItem]] = {}
    for item in items:
        groups.setdefault(item.root.index, []).append(item)
    return list(groups.values())


def _lacks(item: ActionItem) -> tuple[bool, bool]:
    """(lacks an owner, lacks a date); tracked, done and template items lack neither."""
    if not item.open or item.tracked:
        return False, False
    return not item.has_owner, not (item.dated or (item.due and not is_non_date(item.due.strip())))


def _what(no_owner: bool, no_date: bool) -> str:
    """The variant suffix naming what is missing."""
    return "both" if no_owner and no_date else "owner" if no_owner else "date"


def missing_owner_date(ctx: DocumentContext) -> Iterator[Hit]:
    """A206: items without an owner or a date, by `owner_policy` (always | consistent | never)."""
    policy = ctx.config.owner_policy
    if policy == "never":
        return
    for group in _by_section(action_items(ctx.document)):
        any_owner = any(i.has_owner for i in group)
        any_date = any(i.dated_meta for i in group)
        if policy == "consistent" and not (any_owner and any_date):
            yield from _section_hit(group, any_owner, any_date)
        yield from _item_hits(group, policy, any_owner, any_date)


def _section_hit(group: list[ActionItem], any_owner: bool, any_date: bool) -> Iterator[Hit]:
    """One finding on the section heading: no item in it names an owner (or a date)."""
    lacking = [i for i in group if any(_lacks(i))]
    if not lacking:
        return
    n, total = len(lacking), len([i for i in group if i.open])
    count = ("none" if n > 1 else "one") if n == total else "some"
    root = group[0].root
    yield Hit(root.start, root.end, severity=Severity.INFO,
              variant=f"{count}-{_what(not any_owner, not any_date)}",
              slots={"n": n, "total": total, "links": "links" if n == 1 else "link"})


def _item_hits(group: list[ActionItem], policy: str, any_owner: bool, any_date: bool) -> Iterator[Hit]:
    flagged: set[int] = set()
    for item in group:
        no_owner, no_date = _lacks(item)
        if policy == "consistent":
            peers = [i for i in group if i.block.group == item.block.group and i is not item]
            no_owner = no_owner and any_owner and any(p.has_owner for p in peers)
            no_date = no_date and any_date and any(p.dated_meta for p in peers)
        if item.owner_span and nobody_owner(item.owner_value):
            no_owner = False  # A203 says it
        if item.due and is_non_date(item.due.strip()):
            no_date = False  # A204 says it
        if not (no_owner or no_date) or item.block.index in flagged:
            continue
        flagged.add(item.block.index)
        s, e = item.empty_owner_cell if no_owner and item.empty_owner_cell else item.action_span
        if e <= s:
            s, e = item.action_span
        yield Hit(item.block.doc_offset(s), item.block.doc_offset(e),
                  variant=f"{'peers' if policy == 'consistent' else 'item'}-{_what(no_owner, no_date)}",
                  slots=shape_slots(item))


def too_many_items(ctx: DocumentContext) -> Iterator[Hit]:
    """A207: more open items than a team can finish (Config.max_action_items)."""
    limit = ctx.config.max_action_items
    for group in _by_section([i for i in action_items(ctx.document) if i.open]):
        if len(group) > limit:
            root = group[0].root
            yield Hit(root.start, root.end,
                      slots={"n": len(group), "limit": limit, "keep": min(limit, 5)})
