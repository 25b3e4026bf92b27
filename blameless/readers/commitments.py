"""Actions written outside an action-item list, read once per document (`commitments(document)`):

- commitments in prose anywhere but a timeline or a block quote (a quoted chat log or email is
  someone's words at the time, not the write-up's commitment): "We will look into ...", "Going
  forward the team is going to ...", "We are looking into ...", "Action point: improve ...";
- the paragraphs of an action-item section (items written as prose);
- the list items of a section whose heading names actions under another name ("Lessons
  learned", "Opportunities", "What we will do differently"; its paragraphs count for their
  commitments only), and the items and paragraphs under a bold label that does the same inside
  another section ("- **Review actions**:" and the list under it).

Each is an `ActionItem` with `prose=True`: the vagueness checks judge it, the owner and date
checks never do. The words are lexicon lists (rules/en/actions.yml, rules/en/sections.yml).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import alternation as _w, english
from ..sections import classify_heading
from .action_items import ActionItem, action_items, prose_item
from .item_shapes import opens_with_verb

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Block, Document, Section

Span = tuple[int, int]

_SENTENCE = re.compile(r"[^\s].*?(?:[.!?](?=\s|$)|$)", re.S)
_BOLD_LABEL = re.compile(r"^\s*(?:\*\*|__)?\s*([^*_\n]{3,60}?)\s*:?\s*(?:\*\*|__)?\s*:?\s*$")


def commitments(document: "Document") -> list[ActionItem]:
    """Actions in prose and in sections that hold actions under other names (vagueness only)."""
    return document.derived("commitments", _read)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    subject = rf"(?:{_w('commitment_subjects')}|the(?:\s+[A-Z][\w.-]*){{1,2}}\s+teams?)"
    adverbs = rf"(?:{_w('commitment_adverbs')}\s+)?"
    modal = re.compile(
        rf"\b{subject}\s*(?:{_w('commitment_modals')})\s+{adverbs}"
        rf"(?!{_w('not_commitment_words')}\b)(?=[a-z])", re.I)
    ongoing = re.compile(
        rf"\b{subject}\s*(?:{_w('ongoing_auxiliaries')})\s+{adverbs}(?=(?:{_w('ongoing_verbs')})\b)", re.I)
    label = re.compile(rf"\b(?:{_w('commitment_labels')})\s*:\s*", re.I)
    # (?<!\s): a match starts where its run of spaces starts; trying every space of the run
    # found the same match eight times slower
    future = re.compile(rf"(?:^|,\s*)(?:{_w('future_anywhere')})\s*,?\s+|(?<!\s)\s+(?:{_w('future_anywhere')})\b",
                        re.I)
    return modal, ongoing, label, future


@lru_cache(maxsize=1)
def _heading_words() -> re.Pattern:
    return re.compile(rf"(?:^|\s){_w('action_heading_words')}(?:\s|$)")


@lru_cache(maxsize=1024)
def holds_actions(title: str) -> bool:
    """Whether a heading or bold label names actions ("Lessons learned", "**Review actions**")."""
    text = " ".join(re.sub(r"[^\w\s'-]+", " ", title.lower()).split())
    text = re.sub(r"^\d+(?:\.\d+)*\s+", "", text)
    return bool(text) and (classify_heading(title) == "action_items"
                           or bool(_heading_words().search(text)))


def _section_holds_actions(document: "Document", section: "Section") -> bool:
    while section is not None and section.level > 0:
        if holds_actions(section.title):
            return True
        if classify_heading(section.title) is not None:
            return False  # "What went well" under "Lessons learned" holds no actions
        section = document.parent_of(section)
    return False


def _label_of(block: "Block") -> str | None:
    """The label a block is, when it is only a label ("- **Review actions**:", "Lessons learned:")."""
    raw = block.raw.strip()
    if block.kind not in ("paragraph", "list_item") or "\n" in raw.strip():
        return None
    bold = raw.startswith(("**", "__"))
    if not (bold or raw.endswith(":")):
        return None
    m = _BOLD_LABEL.match(raw)
    return m.group(1) if m else None


def _indent(document: "Document", block: "Block") -> int:
    line = document.line_text(block.line)
    return len(line) - len(line.lstrip())


def _read(document: "Document") -> list[ActionItem]:
    listed = {item.block.index for item in action_items(document)}
    items: list[ActionItem] = []
    label: tuple[int, int, int] | None = None  # (section, indent, list) of an open action label
    for block in document.blocks:
        if block.kind == "heading" or block.index in listed:
            label = None if block.kind == "heading" else label
            continue
        section = block.section
        found = _label_of(block)
        if found is not None:
            label = (section.index, _indent(document, block), block.group) \
                if holds_actions(found) else None
            continue
        if block.kind not in ("paragraph", "list_item") or section.kind == "timeline":
            continue
        # under the label: its paragraphs, its sub-list, or a list of its own that follows it
        under_label = label is not None and label[0] == section.index and (
            block.kind == "paragraph" or _indent(document, block) > label[1]
            or block.group != label[2])
        if label is not None and not under_label and block.kind == "list_item":
            label = None
        if under_label or section.kind == "action_items":
            items.extend(_whole_items(document, block))
        elif _section_holds_actions(document, section):
            items.extend(_whole_items(document, block) if block.kind == "list_item"
                         else _commitments(document, block, imperatives=True))
        elif not block.quoted:  # a quoted chat line or email commits nobody to anything
            items.extend(_commitments(document, block))
    return items


def _whole_items(document: "Document", block: "Block") -> list[ActionItem]:
    """Every sentence of a block that stands as an action (a paragraph) or the item (a list item)."""
    text = block.text
    if block.kind == "list_item":
        end = len(text.rstrip())
        start = len(text) - len(text.lstrip())
        first = re.search(r"[.!?](?=\s+[A-Z])", text[start:end])
        if first:
            end = start + first.end()
        return [prose_item(document, block, (start, end))] if end > start else []
    return [prose_item(document, block, (m.start() + (commitment_start(m.group(0)) or 0), m.end()))
            for m in _SENTENCE.finditer(text) if len(m.group(0).split()) >= 2]


@lru_cache(maxsize=1)
def _not_committing() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(a concession or question before the subject, a sentence about the write-up, a report,
    a noun the clause describes: "things we should do", a predicted benefit: "will enable us")."""
    return (re.compile(rf"\b{_w('concessive_words')}\s*$|^\s*{_w('concessive_words')}\b", re.I),
            re.compile(rf"\b{_w('document_words')}\b", re.I),
            re.compile(rf"\b{_w('report_words')}\b", re.I),
            re.compile(rf"\b{_w('announcing_nouns')}\s+(?:that\s+|which\s+)?$", re.I),
            re.compile(rf"\bwill\s+{_w('benefit_verbs')}\b", re.I))


def commitment_start(sentence: str) -> int | None:
    """Where the committed work starts in a sentence ("We will |look into ..."), 0 for a sentence
    that commits as a whole ("More training will be held in the future"), or None."""
    modal, ongoing, label, future = _patterns()
    conceding, about_document, report, described, benefit = _not_committing()
    if about_document.search(sentence):
        return None
    hit = label.search(sentence) or ongoing.search(sentence) or modal.search(sentence)
    if hit:
        # "While we should ideally ...": a concession, not a commitment; "the things we should
        # do differently": a clause describing a noun
        before = sentence[:hit.start()]
        return None if conceding.search(before) or described.search(before) else hit.end()
    when = future.search(sentence)
    if when and not conceding.match(sentence) and not report.search(sentence) \
            and not benefit.search(sentence):  # "Defining it will enable us to … in the future"
        return when.end() if when.start() == 0 else 0
    return None


def _commitments(document: "Document", block: "Block", imperatives: bool = False) -> list[ActionItem]:
    """The commitments of a block's sentences: from the words after "we will" to the sentence end;
    with `imperatives`, also the sentences that open with a verb or a wish ("More alarms for ...")."""
    found = []
    for m in _SENTENCE.finditer(block.text):
        at = commitment_start(m.group(0))
        if at is None and imperatives and _action_shaped(m.group(0)):
            at = 0
        if at is not None:
            found.append(prose_item(document, block, (m.start() + at, m.end())))
    return found


def _action_shaped(sentence: str) -> bool:
    words = re.findall(r"[a-z][\w'-]*", sentence.lower())
    return len(words) >= 2 and (words[0] in english().words("wish_qualifiers")
                                or (opens_with_verb(words) and not sentence.rstrip().endswith("?")))
