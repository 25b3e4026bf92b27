"""Collects sections and blocks (with their source offsets) and reads suppression comments while
a reader walks the source."""
from __future__ import annotations

import bisect
import re


from .inline_scan import NextChar, in_ranges
from .sections import classify_heading, follow_up_heading

from .doctree import Block, Section, Suppression, inline_code_ranges, merged_ranges
from .masking import mask_inline

# ---------------------------------------------------------------------------------------------
# Parsing

_SUPPRESSION = re.compile(r"<!--\s*blameless-(disable-next-line|disable-line|disable-file|disable|enable)\b")
CHECKBOX = re.compile(r"^\[([ xX])\]\s+")
PLAIN_BULLET = re.compile(r"^(\s*)([-*•+]|\d{1,3}[.)])\s+")
_HEADER_NOISE = re.compile(r"[^a-z0-9 ]+")


def normalise_header(header: str) -> str:
    """'Due Date' -> 'due date'; 'Time (UTC)' -> 'time utc'; used to key table cells."""
    return " ".join(_HEADER_NOISE.sub(" ", mask_inline(header).lower()).split())


_LINE_END = re.compile(r"\r\n?|\n")


def line_starts(source: str) -> list[int]:
    """Offsets where lines start; a line ends at LF, CRLF or a lone CR (as in CommonMark)."""
    starts = [0]
    for match in _LINE_END.finditer(source):
        starts.append(match.end())
    return starts


def lone_cr_as_lf(source: str) -> str:
    """The same text with each lone CR turned into LF (same length), so that every step after
    this sees one kind of line break."""
    return re.sub(r"\r(?!\n)", "\n", source) if "\r" in source else source


def _suppression_rule(name: str) -> str:
    """Rule ids and prefixes in upper case ("b101" -> "B101"), categories in lower case."""
    return name.upper() if re.fullmatch(r"[A-Za-z]\d{0,3}", name) else name.lower()


def read_suppressions(source: str, line_starts: list[int],
                  code: list[tuple[int, int]] = ()) -> list[Suppression]:
    """The `<!-- blameless-... -->` comments of `source`, except those inside `code` (document
    offset ranges of code blocks, inline code and front matter): those are examples, not HTML."""
    found = []
    code = merged_ranges(list(code))
    closing = NextChar(source, ">")
    for match in _SUPPRESSION.finditer(source):
        gt = closing.find(match.end())  # the comment ends at the first ">", which must be "-->"
        if gt >= len(source) or source[gt - 2:gt] != "--" or gt - 2 < match.end():
            continue
        if in_ranges(code, match.start()):
            continue
        rules = frozenset(_suppression_rule(r.strip()) for r in re.split(r"[\s,]+", source[match.end():gt - 2])
                          if r.strip())
        line = bisect.bisect_right(line_starts, match.start())
        found.append(Suppression(match.group(1), rules, line))
    return found


def code_ranges_of(source: str, builder: "Builder", front_end: int,
                 inline: bool = True) -> list[tuple[int, int]]:
    """Document offset ranges that are code (or front matter), where a comment is not a comment."""
    ranges = [(0, front_end)] if front_end else []
    starts = builder.starts
    for first, last in builder.code_lines:
        ranges.append((starts[first], starts[last] if last < len(starts) else len(source)))
    for block in builder.blocks if inline else ():
        if "blameless-" in block.raw:
            ranges += inline_code_ranges(block)
    return ranges


class Builder:
    """Collects sections and blocks while walking the parsed tokens."""

    def __init__(self, source: str, starts: list[int]):
        self.source = source
        self.starts = starts
        self.sections: list[Section] = [Section("other", "", 0, 1, 0, 0, 0)]
        self.blocks: list[Block] = []
        self.code_lines: list[tuple[int, int]] = []  # [first, last) source lines of code blocks
        self._stack: list[tuple[int, str, int]] = []  # (level, effective kind, index) of open headings

    def line_span(self, line: int) -> tuple[int, int]:
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.source)
        if end > start and self.source[end - 1] == "\r":
            end -= 1
        return start, end

    def add_section(self, title: str, level: int, line: int) -> Section:
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        own = classify_heading(title)
        above = self._stack[-1][1] if self._stack else "other"
        if above == "timeline" and own == "action_items" and follow_up_heading(title):
            own = "timeline"  # "### Follow-up" inside a Timeline holds entries, not action items
        kind = own or above
        parent = self._stack[-1][2] if self._stack else 0
        self._stack.append((level, kind, len(self.sections)))
        start, end = self.line_span(line)
        section = Section(kind, title, level, line + 1, start, end, len(self.sections), parent)
        self.sections.append(section)
        return section

    def add_block(self, kind: str, lines: list[tuple[int, int]], group: int, **extra) -> Block | None:
        """`lines` are (document start, document end) of each source line of the block's text."""
        lines = [(s, e) for s, e in lines if e >= s]
        if not lines:
            return None
        anchors, parts, at = [], [], 0
        for s, e in lines:
            anchors.append((at, s))
            parts.append(self.source[s:e])
            at += e - s + 1
        raw = "\n".join(parts)
        if not raw.strip():
            return None
        line = bisect.bisect_right(self.starts, lines[0][0])
        block = Block(kind, self.sections[-1], raw, mask_inline(raw), lines[0][0], line, group,
                      tuple(anchors), index=len(self.blocks), **extra)
        self.blocks.append(block)
        return block


def content_lines(builder: Builder, token_map: list[int], content: str,
                   first_line_prefix: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Locate each line of an inline token's `content` in the source (after container markers)."""
    spans = []
    content_lines = content.split("\n")
    for i, line in enumerate(range(token_map[0], token_map[1])):
        if i >= len(content_lines):
            break
        start, end = builder.line_span(line)
        source_line = builder.source[start:end]
        want = content_lines[i].rstrip()
        stripped = source_line.rstrip()
        if want and stripped.endswith(want):
            col = len(stripped) - len(want)
        else:
            col = source_line.find(want) if want else len(stripped)
            col = max(col, 0)
        spans.append((start + col, start + len(stripped)))
    return spans


#: CommonMark's preset stops at 20 levels of nesting and drops what is deeper; 100 keeps real text
#: (quotes of quotes of chat logs) and still bounds the parser's recursion.
