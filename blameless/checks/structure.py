"""Structure (S4xx): missing sections, impact without numbers, template text left unfilled.

Findings about a whole document sit on line 1; findings about a section on its heading line; a
finding about prose on the words themselves. Words live in rules/en/structure.yml and
rules/en/sections.yml; the shapes of placeholders (brackets, braces, YYYY-MM-DD) are here.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..findings import Severity
from ..inline_scan import code_spans, in_ranges
from ..lexicon import english
from ..readers.item_shapes import placeholder_item
from ..sections import synonyms
from ..text import inside_quotes
from .context import BlockContext, DocumentContext, Hit

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Block, Document

#: Section kinds that stand in for one another: a root-cause section or a contributing-factors
#: section both explain why it happened.
EQUIVALENT = {"root_cause": ("root_cause", "contributing_factors"),
              "contributing_factors": ("contributing_factors", "root_cause")}


def section_label(kind: str) -> str:
    """'Root cause (or Contributing factors)': the kind's first heading word, and its stand-ins."""
    names = [synonyms(k)[0].capitalize() for k in EQUIVALENT.get(kind, (kind,))]
    return names[0] + (f" (or {', '.join(names[1:])})" if names[1:] else "")


def looks_like_postmortem(document: "Document") -> bool:
    """At least two headings naming two different postmortem sections.

    A snippet ('# Incident review' + '## Root cause' + a sentence) has one; a postmortem written
    under a single title with bold labels has none: neither gets a missing-sections finding."""
    kinds = {s.kind for s in document.sections if s.level > 0 and s.kind != "other"}
    headings = [s for s in document.sections if s.level > 0]
    return len(headings) >= 3 and len(kinds) >= 2


def missing_sections(ctx: DocumentContext) -> Iterator[Hit]:
    """S401: sections a complete postmortem has (Config.required_sections), once, at line 1."""
    document = ctx.document
    if not looks_like_postmortem(document):
        return
    present = {s.kind for s in document.sections if s.level > 0}
    first = next((s.index for s in document.sections if s.kind != "other"), len(document.sections))
    if any(b.section.index < first and b.section.level <= 1 and b.kind == "paragraph"
           and len(b.text.split()) >= 15 for b in document.blocks):
        present.add("summary")  # an opening paragraph under the title summarises
    missing = [kind for kind in ctx.config.required_sections
               if not (set(EQUIVALENT.get(kind, (kind,))) & present)]
    if not missing:
        return
    names = [section_label(k) for k in missing]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    start, end = document.line_offsets(1)
    # the impact is often told in the summary; a missing cause or missing actions is a real gap
    serious = {"root_cause", "contributing_factors", "action_items"} & set(missing)
    yield Hit(start, max(end, start), variant="several" if len(missing) > 1 else None,
              slots={"listed": listed}, severity=None if serious else Severity.INFO)


# ---------------------------------------------------------------------------------------------
# S402 unquantified impact

@lru_cache(maxsize=1)
def _quantified() -> re.Pattern:
    """A digit, a percent sign or a number word: the sentence counts something."""
    return re.compile(r"\d|%|\b" + english().alternation("quantity_words") + r"\b", re.I)


def _vague_quantity(ctx: DocumentContext | BlockContext) -> re.Pattern:
    quantifiers = sorted(ctx.words("vague_quantifiers"), key=len, reverse=True)
    nouns = sorted(ctx.words("impact_nouns"), key=len, reverse=True)
    q = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in quantifiers)
    n = "|".join(re.escape(w) for w in nouns) + "|" + _agent_plural()
    vague_phrases = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                             for w in sorted(ctx.words("vague_impact_phrases"), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:{q})\s+(?:of\s+(?:the|our)\s+)?(?:[\w-]+\s+){{0,2}}?(?:{n})\b"
                      rf"|(?:{vague_phrases})(?![\w-]))", re.I)


@lru_cache(maxsize=1)
def _impact_verb() -> re.Pattern:
    """Words that make a summary sentence an impact statement ("some users could not log in")."""
    words = english()
    return re.compile(rf"\b(?:{words.alternation('impact_verbs')}|"
                      rf"{words.alternation('inability_words')}(?!\s+(?:to\s+)?be\b))(?![\w'])", re.I)


def _agent_plural() -> str:
    """Plural nouns of people by what they do ("shoppers", "tenants", "residents", "employees"):
    the suffixes and the machines that share them are lexicon lists."""
    lex = english()
    return (r"(?!(?:" + lex.alternation("non_person_agent_nouns") + r")\b)[a-z]{2,}(?:"
            + lex.alternation("person_plural_suffixes") + r")")


def _people_pattern(ctx: DocumentContext) -> re.Pattern:
    """Whom a summary's impact sentence counts: people and money, not transactions or pods."""
    words = sorted(ctx.words("impact_people"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + "|" + _agent_plural() + r")\b", re.I)


def unquantified_impact(ctx: DocumentContext) -> Iterator[Hit]:
    """S402: impact stated with vague quantities ('some customers') and no number anywhere in it."""
    document = ctx.document
    impact_blocks = [b for b in document.blocks if b.section.kind == "impact" and b.kind != "heading"]
    impact_quantified = any(_quantified().search(b.text) for b in impact_blocks)
    pattern = _vague_quantity(ctx)
    candidates: list["Block"] = []
    if impact_blocks and not impact_quantified:
        candidates += impact_blocks
    if not impact_quantified:
        # impact sentences in the summary, when no impact section gives the numbers; an opening
        # paragraph under the title, above the first postmortem section, is the summary too
        candidates += [b for b in document.blocks if _summarises(b, document)]
    people = _people_pattern(ctx)
    for block in candidates:
        found = []
        summary = block.section.kind != "impact"
        for sentence in re.finditer(r"[^.!?]+[.!?]?", block.text):
            said = sentence.group(0)
            if summary and (_quantified().search(said) or not _impact_verb().search(said)):
                continue
            for m in pattern.finditer(said):
                if summary and not people.search(m.group(0)):
                    continue
                found.append((sentence.start() + m.start(), sentence.start() + m.end()))
        if not found:
            continue
        words = [" ".join(block.text[s:e].split()) for s, e in found]
        s, e = found[0]
        listed = ", ".join(f"“{w}”" for w in dict.fromkeys(words))
        yield Hit(block.doc_offset(s), block.doc_offset(e), slots={"listed": listed})


def _summarises(block: "Block", document: "Document") -> bool:
    """A block of the summary: in a Summary section, or an opening paragraph under the title of a
    document with postmortem sections (above the first of them)."""
    if block.kind == "heading":
        return False
    if block.section.kind == "summary":
        return True
    if block.kind != "paragraph" or block.section.level > 1 or not looks_like_postmortem(document):
        return False
    first = next((s.index for s in document.sections if s.kind != "other"), len(document.sections))
    return block.section.index < first


# ---------------------------------------------------------------------------------------------
# S403 template text

@lru_cache(maxsize=1)
def _shapes() -> re.Pattern:
    """Every shape a template placeholder takes, one named group each."""
    words = english()

    def caps(name: str) -> str:
        return "(?:" + "|".join(e.upper().replace(" ", r"\s+") for e in
                                sorted(words.entries(name), key=len, reverse=True)) + ")"

    return re.compile(
        r"(?P<mustache>\{\{[^{}\n]{1,80}\}\})|"
        r"(?P<bracket>(?<![\]\w!])\[(?P<inner>[^\[\]\n]{1,60})\](?![(\[:]))|"
        r"(?P<curly>(?<![{$%\w])\{(?P<cinner>[^{}\n]{3,300})\}(?!\}))|"
        r"(?P<angle><(?P<ainner>[A-Za-z][A-Za-z _-]{1,40})>)|"
        r"(?P<date>\b(?:YYYY[-/.]MM[-/.]DD|DD[-/.]MM[-/.]YYYY|MM[-/.]DD[-/.]YYYY|YYYY-MM-DDTHH:MM(?::SS)?Z?)\b)|"
        r"(?P<time>(?<![\w:])(?:HH|hh):(?:MM|mm)(?::(?:SS|ss))?(?![\w:]))|"
        rf"(?P<handle>(?<![\w@])@{words.alternation('placeholder_handles')}\b)|"
        rf"(?P<lorem>\b(?i:{words.alternation('placeholder_phrases')})\b)|"
        rf"(?P<caps>(?<![\w-])(?:{caps('placeholder_caps_prefixes')}\s+)?"
        rf"{caps('placeholder_caps')}(?![\w-])(?!\s*:))|"
        rf"(?P<tbd>(?<![\w-])(?:{caps('placeholder_markers')}|XXX+)(?![\w-]))", re.M)


@lru_cache(maxsize=1)
def _instruction() -> re.Pattern:
    return re.compile(r"^" + english().alternation("instruction_words") + r"(?!\w)", re.I)


def _bracket_placeholder(inner: str) -> bool:
    inner = inner.strip()
    if inner in ("...", "…"):
        return True
    if not inner or inner.lower() in english().words("bracket_marks"):
        return False
    if re.fullmatch(r"[\d\s,.\-–#:/]+|\^?\d+|[ xX]", inner):
        return False  # a footnote, a ticket, a checkbox, a real time
    words = re.findall(r"[A-Za-z]+", inner)
    if not words:
        return False
    if re.search(r"(?<![\w])(?:X{1,3}|N{1,2}|YYYY|MM|DD|HH)(?![\w])", inner):
        return True
    if _instruction().match(inner):
        return True
    return all(w.lower() in english().words("placeholder_words") for w in words) and len(words) <= 5


def template_text(ctx: BlockContext) -> Iterator[Hit]:
    """S403: template text left unfilled: '[Incident Title]', 'YYYY-MM-DD', '@owner', 'TBD'."""
    block = ctx.block
    raw = block.raw
    code = code_spans(raw)  # linear (a regex here went quadratic on backtick runs)
    kind = block.section.kind
    if kind == "action_items" and placeholder_item(raw):
        return  # an action item that is only template text is A205's finding
    for m in _shapes().finditer(raw):
        if in_ranges(code, m.start()):
            continue
        group = m.lastgroup
        if group in ("inner", "cinner", "ainner"):
            group = {"inner": "bracket", "cinner": "curly", "ainner": "angle"}[group]
        words = m.group(0)
        if group == "bracket" and not _bracket_placeholder(m.group("inner")):
            continue
        if group == "curly":
            inner = m.group("cinner").strip()
            if (len(inner.split()) < 3 or re.search(r"[=;\"'`_]|:\s|\(\)", inner)
                    or not (_instruction().match(inner) or re.search(r"\bhere\b", inner, re.I))):
                continue
        if group == "angle":
            inner = m.group("ainner").strip()
            low = inner.lower()
            if low in english().words("html_tags") or (
                    " " not in inner and low not in english().words("placeholder_words")):
                continue
        if inside_quotes(raw, m.start()):
            continue  # "HH:mm" in quotes mentions a placeholder, it is not one
        if group == "time" and kind == "timeline":
            continue  # a timeline row without a time is the timeline rules' finding
        if group == "tbd":
            if kind == "action_items":
                continue  # "Owner: TBD" is an action-item finding (A203/A204)
            if not _standalone(raw, m.start(), m.end()):
                continue
        if group == "caps" and (not _standalone_caps(raw, m.start(), m.end()) or (
                block.kind == "heading" and raw.strip(" #") == words and " " not in words)):
            continue  # a heading in capitals ("DESCRIPTION") is a title, not a placeholder
        s, e = ctx.span(m.start(), m.end())
        yield Hit(s, e, slots={"words": words.strip()})


def _standalone(raw: str, start: int, end: int) -> bool:
    """'TBD' as a whole value: a cell, a line, or after a label ('Owner: TBD')."""
    before = raw[:start].rstrip(" *_")
    after = raw[end:].lstrip(" *_.")
    return (not before or before.endswith((":", "|", "-", "–", "—", "=")) or before.endswith("\n")) and (
        not after or after.startswith(("|", "\n", ",", ";", ")")))


def _standalone_caps(raw: str, start: int, end: int) -> bool:
    """An all-caps placeholder not inside an all-caps sentence ('ISSUE NAME', 'DATE RANGE')."""
    line_start = raw.rfind("\n", 0, start) + 1
    line_end = raw.find("\n", end)
    line = raw[line_start:line_end if line_end >= 0 else len(raw)]
    letters = [c for c in line if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 20:
        return False  # a shouted line, not a placeholder
    if len(raw[start:end].split()) == 1:
        # one word ("DATE", "NAME") only when it stands alone on the line or in a cell
        return _standalone(raw, start, end) or raw[line_start:start].strip() == ""
    return True
