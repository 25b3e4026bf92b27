"""The document model: sections (a tree), blocks with exact source offsets, suppressions.

Every block keeps two texts of the same length: `raw` (the source as written) and `text` (the
source with markup, inline code, URLs and HTML blanked out). Rules read `text`; because both have
the length of the source, an offset in either maps straight back to the document. `document.parse`
builds these from Markdown (markdown_reader) or plain text.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


from . import source_lines
from .inline_scan import code_spans

# ---------------------------------------------------------------------------------------------
# Sections

@dataclass(frozen=True)
class Section:
    """A heading and what sits under it. The document preamble is a section with no heading."""

    kind: str  # one of sections.SECTION_KINDS
    title: str
    level: int  # 0 for the preamble
    line: int  # 1-based line of the heading (1 for the preamble)
    start: int  # offset of the heading line
    end: int  # offset of the end of the heading line
    index: int
    parent: int | None = None  # index of the enclosing section (the preamble for a top heading)


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Cell:
    header: str  # normalised header ("time", "owner"...), or "col<N>" without a header row
    start: int  # offset inside the block
    end: int

    def text_of(self, block: "Block") -> str:
        return block.text[self.start:self.end].strip()


@dataclass
class Block:
    """A unit of prose the rules read: a paragraph, list item, table row or heading."""

    kind: str  # "paragraph" | "list_item" | "table_row" | "heading"
    section: Section
    raw: str
    text: str
    start: int  # document offset of the block's first character
    line: int  # 1-based line of the first character
    group: int  # blocks of the same list or table share a group id
    # (block offset, document offset) for the start of each source line of the block
    anchors: tuple[tuple[int, int], ...] = ()
    cells: tuple[Cell, ...] = ()
    checkbox: str | None = None  # " " or "x" for task-list items
    continuation: bool = False  # a paragraph that continues the list item above it
    quoted: bool = False  # inside a block quote: someone's words quoted (a chat log, an email)
    index: int = 0

    def doc_offset(self, offset: int) -> int:
        """Map an offset inside the block to an offset in the document."""
        keys = self.__dict__.get("_anchor_keys")
        if keys is None or len(keys) != len(self.anchors):
            keys = self.__dict__["_anchor_keys"] = [a for a, _ in self.anchors]
        i = max(bisect.bisect_right(keys, offset) - 1, 0)
        block_at, doc_at = self.anchors[i]
        return doc_at + (offset - block_at)

    def cell(self, *headers: str) -> Cell | None:
        for cell in self.cells:
            if cell.header in headers:
                return cell
        return None

    @property
    def end(self) -> int:
        return self.doc_offset(len(self.raw))


@dataclass
class Document:
    source: str
    sections: list[Section]
    blocks: list[Block]
    path: str | None = None
    suppressions: list["Suppression"] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)
    _derived: dict = field(default_factory=dict, repr=False, compare=False)
    _code_blocks: tuple[tuple[int, int], ...] = ()
    #: Warnings about this check (e.g. a time budget ran out), shown once per document.
    notes: list[str] = field(default_factory=list, compare=False)
    #: The texts the last check parsed (or took from the parse cache): what it keeps alive.
    parsed_texts: tuple[str, ...] = field(default=(), compare=False)

    def derived(self, key: str, compute):
        """`compute(self)`, worked out once per document and shared by every check that asks
        (the action items, the timeline entries)."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a document offset, columns counted in code points."""
        return source_lines.position(self.line_starts, offset)

    def line_text(self, line: int) -> str:
        return source_lines.line_text(self.source, self.line_starts, line)

    def line_offsets(self, line: int) -> tuple[int, int]:
        """(start, end) of a line's text, without its line ending (LF, CRLF or CR)."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.source)
        if end > start and self.source[end] == "\n" and self.source[end - 1] == "\r":
            end -= 1
        return start, end

    def parent_of(self, section: Section) -> Section | None:
        """The section a heading sits under (the preamble for a top-level heading)."""
        return self.sections[section.parent] if section.parent is not None else None

    def code_ranges(self) -> list[tuple[int, int]]:
        """Sorted document offset ranges that are code (fenced and indented blocks, inline code
        spans, front matter): fixes never edit inside them."""
        return self.derived("code_ranges", lambda d: merged_ranges(
            list(d._code_blocks) + [r for b in d.blocks for r in inline_code_ranges(b)]))

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]

    def blocks_in(self, section: Section) -> list[Block]:
        return [b for b in self.blocks if b.section.index == section.index]


@dataclass(frozen=True)
class Suppression:
    """An inline `<!-- blameless-... -->` comment."""

    action: str  # "disable", "enable", "disable-next-line", "disable-line", "disable-file"
    rules: frozenset[str]  # empty means every rule
    line: int



def merged_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inline_code_ranges(block: "Block") -> list[tuple[int, int]]:
    """Document offset ranges of the block's code spans."""
    return [(block.doc_offset(s), block.doc_offset(e - 1) + 1) for s, e in code_spans(block.raw)]


