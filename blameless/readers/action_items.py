"""Action items: the list items (checkboxes included) and table rows of action-item sections, read
once per document (`action_items(document)`, memoised by `Document.derived`).

Each `ActionItem` says what the item asks (its action words) and what it says about itself: owner,
due date, tracking issue, status, success metric, its table cells, and where each sits in the
source. Table columns are recognised by the words of their header; inline forms count too:
"Owner: @kim. Due: 2026-05-01.", "(owner @kim, due 2026-05-01)", "— Kim, 2026-05-01". The words
come from the lexicon (rules/en/actions.yml); this module holds the shapes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import english
from .dates import has_date, is_duration, is_non_date
from .item_shapes import (done_mark, due_label, lead_noise, link_only, metric_label, named_owner,
                          owner_label, placeholder_item, tracking_issue, words_of)

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Block, Document, Section

Span = tuple[int, int]

#: Column kinds and the lexicon list of their header words, in the order a header's words are
#: tried ("Owner status" is an owner column).
COLUMN_WORDS = {"owner": "column_owner", "due": "column_due", "ticket": "column_ticket",
                "status": "column_status", "priority": "column_priority", "metric": "column_metric",
                "action": "column_action"}


def column_of(header: str) -> str | None:
    """Which kind of column a normalised header names ('due date' -> 'due'), or None."""
    words = header.split()
    if not words or header.startswith("col"):
        return None
    if "done" in words and "when" in words:
        return "metric"
    for kind, header_words in COLUMN_WORDS.items():
        if any(w in words_of(header_words) for w in words):
            if kind == "action" and len(words) > 1 and words[-1] in words_of("column_id_words"):
                continue
            return kind
    return None


@dataclass
class ActionItem:
    """One action item. Spans are offsets into `block.text` (and `block.raw`, which has the same
    length); `raw` and `text` extend the block with its continuation paragraphs."""

    block: "Block"
    root: "Section"  # the outermost action-item section holding it
    raw: str  # the item's source, with continuation paragraphs
    text: str  # the same with markup blanked
    action_span: Span  # the action words
    owner: str | None = None
    owner_span: Span | None = None  # the owner value (also set for a null owner cell: "n/a")
    owner_labelled: bool = False  # a column or an "Owner:" label, not a bare @handle or name
    due: str | None = None
    due_span: Span | None = None
    due_labelled: bool = False
    dated: bool = False  # names a real date (or a relative one: "within 7 days")
    dated_meta: bool = False  # ... as the item's due date (a column, a label, after the action)
    nested: bool = False  # a sub-item of another list item
    tracker: str | None = None  # the ticket cell, or the tracking issue the text links or names
    tracked: bool = False  # links a tracking issue: counts as owned and dated
    status: str | None = None  # the status cell
    done: bool = False
    metric: str | None = None  # the success-metric cell
    measurable: bool = False  # says how to tell it is done
    empty_owner_cell: Span | None = None
    cells: dict[str, str] = field(default_factory=dict)  # column kind -> cell text
    cell_spans: dict[str, Span] = field(default_factory=dict)
    #: read from prose or a looser shape (blameless.readers.commitments): judged for vagueness,
    #: never for owners or dates
    prose: bool = False
    #: template text where the action should be ("[Action item 1]"): A205's, and no open item
    placeholder: bool = False

    @property
    def action_text(self) -> str:
        return self.block.text[self.action_span[0]:self.action_span[1]]

    @property
    def action_raw(self) -> str:
        return self.block.raw[self.action_span[0]:self.action_span[1]]

    @property
    def owner_value(self) -> str:
        """The owner as written, also for a null owner cell ("n/a"); '' when there is none."""
        if not self.owner_span:
            return ""
        s, e = self.owner_span
        return (self.raw[s:e] if self.owner else self.block.text[s:e]).strip()

    @property
    def has_owner(self) -> bool:
        return bool(self.owner)

    @property
    def open(self) -> bool:
        return not self.done and not self.placeholder


def action_items(document: "Document") -> list[ActionItem]:
    """The items of every action-item section, with what each says about owner, date, ticket."""
    return document.derived("action_items", _read_action_items)


# ---------------------------------------------------------------------------------------------
# Reading


def _read_action_items(document: "Document") -> list[ActionItem]:
    items: list[ActionItem] = []
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if block.section.kind != "action_items" or block.kind not in ("list_item", "table_row"):
            continue
        stripped = block.text.strip()
        if not stripped and not placeholder_item(block.raw):
            continue  # nothing but markup; "<next step>" (template text, masked as a tag) stays
        if block.kind == "list_item" and stripped.endswith(":"):
            continue  # a label for the sub-list below it
        if block.kind == "table_row" and not any(c.text_of(block) for c in block.cells):
            continue
        raw, text = block.raw, block.text
        j = i + 1
        while j < len(blocks) and blocks[j].continuation and blocks[j].section is block.section:
            raw += "\n" + blocks[j].raw
            text += "\n" + blocks[j].text
            j += 1
        cells = _cell_spans(block)
        item = ActionItem(block, _root(document, block.section), raw, text, _action_span(block, cells))
        item.cell_spans = cells
        item.cells = {k: block.text[s:e] for k, (s, e) in cells.items()}
        line = document.line_text(block.line)
        item.nested = block.kind == "list_item" and line[:1] in (" ", "\t") and any(
            b.kind == "list_item" and b.group != block.group and b.section is block.section
            for b in blocks[max(0, i - 40):i])
        _read_owner(item)
        _read_due(item)
        _read_tracker(item)
        _read_status(item)
        _read_metric(item)
        cell = cells.get("action")
        item.placeholder = placeholder_item(block.raw[cell[0]:cell[1]] if cell else block.raw)
        if item.nested and link_only(block.raw):
            continue  # a reference under the item it belongs to
        items.append(item)
    return items


def prose_item(document: "Document", block: "Block", span: Span) -> ActionItem:
    """An action read from prose (a commitment, a paragraph of an action-item section, an item of
    a lessons-learned list): its ticket, done mark and metric, for the vagueness checks only."""
    item = ActionItem(block, _root(document, block.section), block.raw, block.text, span, prose=True)
    _read_owner(item)
    _read_due(item)
    _read_tracker(item)
    _read_status(item)
    _read_metric(item)
    return item


def _root(document: "Document", section: "Section") -> "Section":
    """The outermost action-item section above `section` (subsections inherit the kind)."""
    root = section
    while (parent := document.parent_of(root)) is not None and parent.level > 0 \
            and parent.kind == "action_items":
        root = parent
    return root


def _cell_spans(block: "Block") -> dict[str, Span]:
    found: dict[str, Span] = {}
    for cell in block.cells:
        kind = column_of(cell.header)
        if kind and kind not in found:
            seg = block.text[cell.start:cell.end]
            s = cell.start + len(seg) - len(seg.lstrip())
            found[kind] = (s, s + len(seg.strip()))
    return found


_NAME = r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"


@lru_cache(maxsize=1)
def _action_ends() -> tuple[re.Pattern, tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    r"""Where an item's action words end: (the first sentence's stop, the marks of what follows
    the action: "(owner ...)", "Owner: ...", and the marks that follow a space: "- @alice").

    The action ends before a mark and the spaces before it. Patterns never open with `\s*` or
    `\s+`: searching for `\s*X` tries every space of a run as a start, quadratic in the run."""
    words, labels = english().alternation("action_end_words"), english().alternation("action_end_labels")
    marks = (rf"\((?:{words}|p\d)\b", rf"\b{labels}\s*:", r"\(" + _NAME + r",\s*(?=\S)")
    spaced = (r"[-–—]\s*@", r"[-–—]\s*" + _NAME + r"\s*(?:,|[.!]?\s*$)")
    return (re.compile(r"[.!?](?=\s+[A-Z@(])", re.I), tuple(re.compile(p, re.I) for p in marks),
            tuple(re.compile(r"(?<=\s)" + p, re.I) for p in spaced))


def _action_end(text: str, start: int) -> int:
    """Where the action that starts at `start` ends: after its first sentence's stop, or before
    the first mark (and its spaces) past `start`, whichever comes first."""
    stop, marks, spaced = _action_ends()
    end = len(text)
    m = stop.search(text, start)
    if m and m.start() > start:
        end = m.start() + 1
    # a spaced mark needs a space after `start` (the spaces before the action do not count)
    found = [mark.search(text, start) for mark in marks] + [mark.search(text, start + 1) for mark in spaced]
    for m in filter(None, found):
        at = m.start()
        while at > start and text[at - 1].isspace():
            at -= 1
        if at > start:
            end = min(end, at)
    return end


_BOLD_TITLE = re.compile(r"\s*(?:\[[^\]]*\]:?\s*)?\*\*(.+?)\*\*\s*[:.\-–—]")


def _action_span(block: "Block", cells: dict[str, Span]) -> Span:
    text = block.text
    if block.kind == "table_row":
        if "action" in cells:
            return cells["action"]
        others = [c for c in block.cells if column_of(c.header) is None]
        pool = others or list(block.cells)
        best = max(pool, key=lambda c: len(c.text_of(block)), default=None)
        if best is None:
            return 0, len(text)
        s = best.start + (len(text[best.start:best.end]) - len(text[best.start:best.end].lstrip()))
        return s, s + len(best.text_of(block))
    # a bold title ("**Do X**: why...") is the action; the rest explains it
    bold = _BOLD_TITLE.match(block.raw)
    if bold and len(bold.group(1).split()) >= 2:
        return bold.start(1), bold.end(1)
    lead = lead_noise().match(text)
    start = lead.end() if lead else 0
    start += len(text[start:]) - len(text[start:].lstrip())
    end = _action_end(text, start)
    first_line_break = text.find("\n\n", start)
    if first_line_break > 0:
        end = min(end, first_line_break)
    # trimmed on the raw text: a masked link is a mark and spaces in `text`, and it is part of
    # the action ("Fix it https://…" is all of it, not "Fix it h")
    while end > start and block.raw[end - 1] in " \t\n":
        end -= 1
    return start, end


def is_null(value: str) -> bool:
    """Whether a cell or label value says "nothing here" ('', '-', 'n/a', 'none')."""
    v = value.strip().strip("*_`").lower()
    return v in ("", "-", "–", "—") or v in words_of("null_values")


#: "@kim", "kim@" (a chat or mail handle).
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9][\w.-]*[A-Za-z0-9]|(?<![\w@])[a-z][a-z0-9_.-]{1,30}@(?![\w.])")


def _read_owner(item: ActionItem) -> None:
    block, raw = item.block, item.raw
    if "owner" in item.cell_spans:
        s, e = item.cell_spans["owner"]
        value = block.text[s:e].strip()
        if not is_null(value):
            item.owner, item.owner_span, item.owner_labelled = value, (s, e), True
        elif value:
            item.owner_span = (s, e)
        else:
            item.empty_owner_cell = (s, e)
    if item.owner is None:
        for m in owner_label().finditer(raw):
            value = m.group(1).strip()
            if value and not is_null(value):
                item.owner, item.owner_span, item.owner_labelled = value, m.span(1), True
                break
    if item.owner is None:
        m = _HANDLE.search(raw)
        if m:
            item.owner, item.owner_span = m.group(0), m.span()
    if item.owner is None and block.kind == "list_item":
        m = named_owner(raw)
        if m:
            item.owner, item.owner_span = m.group(1), m.span(1)


def _read_due(item: ActionItem) -> None:
    block, raw = item.block, item.raw
    if "due" in item.cell_spans:
        s, e = item.cell_spans["due"]
        value = block.text[s:e].strip()
        if not is_null(value):
            item.due, item.due_span, item.due_labelled = value, (s, e), True
    if item.due is None:
        m = due_label().search(raw)
        if m and m.group(1).strip() and not is_null(m.group(1)):
            item.due, item.due_span, item.due_labelled = m.group(1).strip(), m.span(1), True
    item.dated = has_date(raw) or bool(item.due and is_duration(item.due))
    s, e = item.action_span
    outside = raw[:s] + " " * (e - s) + raw[e:]
    item.dated_meta = bool(item.due and not is_non_date(item.due.strip())) or has_date(outside)


@lru_cache(maxsize=1)
def _ticket_cell_noise() -> tuple[re.Pattern, re.Pattern]:
    return (re.compile(rf"\b{english().alternation('ticket_cell_status_words')}\b", re.I),
            re.compile(rf"\s*(?:{english().alternation('placeholder_values')}|\?+)\s*", re.I))


def _read_tracker(item: ActionItem) -> None:
    status_words, placeholder = _ticket_cell_noise()
    ticket = status_words.sub("", item.cells.get("ticket", ""))
    if ticket.strip() and not is_null(ticket) and not placeholder.fullmatch(ticket):
        item.tracker = item.cells["ticket"].strip()
    else:
        item.tracker = tracking_issue(item.raw)
    item.tracked = bool(item.tracker)


def _read_status(item: ActionItem) -> None:
    block = item.block
    status = item.cells.get("status", "").strip().strip("*_ ")
    item.status = status or None
    item.done = block.checkbox == "x" or done_mark(block.raw, item.raw, status, item.action_text)


def _read_metric(item: ActionItem) -> None:
    item.metric = item.cells.get("metric", "").strip() or None
    item.measurable = metric_label(item.raw) or bool(item.metric)
