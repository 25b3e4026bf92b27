"""Turn a postmortem (Markdown or plain text) into sections and blocks with exact source offsets.

Every block keeps two texts of the same length: `raw` (the source as written) and `text` (the
source with markup, inline code, URLs and HTML blanked out). Rules read `text`; because both have
the length of the source, an offset in either maps straight back to the document.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt

from .inline_scan import NextChar, code_spans, html_comments, in_ranges, inline_links
from .sections import classify_heading

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
    _line_starts: list[int] = field(default_factory=list)
    _derived: dict = field(default_factory=dict, repr=False, compare=False)
    _code_blocks: tuple[tuple[int, int], ...] = ()
    #: Warnings about this check (e.g. a time budget ran out), shown once per document.
    notes: list[str] = field(default_factory=list, compare=False)

    def derived(self, key: str, compute):
        """`compute(self)`, worked out once per document and shared by every check that asks
        (the action items, the timeline entries)."""
        if key not in self._derived:
            self._derived[key] = compute(self)
        return self._derived[key]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a document offset, columns counted in code points."""
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r")

    def line_offsets(self, line: int) -> tuple[int, int]:
        """(start, end) of a line's text, without its line ending (LF, CRLF or CR)."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.source)
        if end > start and self.source[end] == "\n" and self.source[end - 1] == "\r":
            end -= 1
        return start, end

    def parent_of(self, section: Section) -> Section | None:
        """The section a heading sits under (the preamble for a top-level heading)."""
        return self.sections[section.parent] if section.parent is not None else None

    def code_ranges(self) -> list[tuple[int, int]]:
        """Sorted document offset ranges that are code (fenced and indented blocks, inline code
        spans, front matter): fixes never edit inside them."""
        return self.derived("code_ranges", lambda d: _merged(
            list(d._code_blocks) + [r for b in d.blocks for r in _inline_code(b)]))

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


# ---------------------------------------------------------------------------------------------
# Masking: blank out what is not prose, keeping every offset.

_FRONT_MATTER = re.compile(r"\A\ufeff?(?:---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)"
                           r"|\+\+\+[ \t]*\r?\n.*?\r?\n\+\+\+[ \t]*(?:\r?\n|\Z))", re.S)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]|]+[^\s<>()\[\].,;:!?'\"|]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")  # comments: html_comments()
_EMPHASIS = re.compile(r"(\*\*|__|~~|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_]))")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|~<>])")


def _blank(text: str, start: int, end: int, keep_first: str | None = None) -> str:
    fill = "".join("\n" if c == "\n" else " " for c in text[start:end])
    if keep_first and end > start:
        fill = keep_first + fill[1:]
    return text[:start] + fill + text[end:]


class _Mask:
    """A mutable copy of a text in which ranges are blanked (newlines kept), in linear time:
    copying the whole string per blanked range was quadratic on text full of markup."""

    def __init__(self, text: str):
        self.chars = list(text)

    def blank(self, start: int, end: int, keep_first: str | None = None) -> None:
        chars = self.chars
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "
        if keep_first and end > start:
            chars[start] = keep_first

    def text(self) -> str:
        return "".join(self.chars)


@lru_cache(maxsize=20000)
def mask_inline(raw: str) -> str:
    """Blank markup, code, URLs and HTML out of `raw`, keeping its length.

    Inline code and URLs become a single placeholder word ("X") so the sentence around them still
    parses ("Add `timeout = 5s` to the config" reads "Add X to the config"). Every step is linear
    in the length of `raw`.
    """
    mask = _Mask(raw)
    for start, end in code_spans(raw):
        mask.blank(start, end, keep_first="X")
    text = mask.text()
    for match in _AUTOLINK.finditer(text):
        mask.blank(match.start(), match.end(), keep_first="X")
    text = mask.text()
    for open_start, open_end, tail_start, tail_end in inline_links(text):
        mask.blank(open_start, open_end)
        mask.blank(tail_start, tail_end)
        if not text[open_end:tail_start].strip():
            mask.blank(tail_start, tail_start + 1, keep_first="X")
    text = mask.text()
    for match in _BARE_URL.finditer(text):
        mask.blank(match.start(), match.end(), keep_first="X")
    text = mask.text()
    for start, end in html_comments(text):
        mask.blank(start, end)
    text = mask.text()
    for match in _HTML_TAG.finditer(text):
        mask.blank(match.start(), match.end())
    text = mask.text()
    for match in _EMPHASIS.finditer(text):
        mask.blank(match.start(), match.end())
    text = mask.text()
    for match in _ESCAPE.finditer(text):
        mask.blank(match.start(), match.end())
    return mask.text()


# ---------------------------------------------------------------------------------------------
# Parsing

_SUPPRESSION = re.compile(r"<!--\s*blameless-(disable-next-line|disable-line|disable-file|disable|enable)\b")
_CHECKBOX = re.compile(r"^\[([ xX])\]\s+")
_PLAIN_BULLET = re.compile(r"^(\s*)([-*•+]|\d{1,3}[.)])\s+")
_HEADER_NOISE = re.compile(r"[^a-z0-9 ]+")


def normalise_header(header: str) -> str:
    """'Due Date' -> 'due date'; 'Time (UTC)' -> 'time utc'; used to key table cells."""
    return " ".join(_HEADER_NOISE.sub(" ", mask_inline(header).lower()).split())


_LINE_END = re.compile(r"\r\n?|\n")


def _line_starts(source: str) -> list[int]:
    """Offsets where lines start; a line ends at LF, CRLF or a lone CR (as in CommonMark)."""
    starts = [0]
    for match in _LINE_END.finditer(source):
        starts.append(match.end())
    return starts


def _lone_cr_as_lf(source: str) -> str:
    """The same text with each lone CR turned into LF (same length), so that every step after
    this sees one kind of line break."""
    return re.sub(r"\r(?!\n)", "\n", source) if "\r" in source else source


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _suppression_rule(name: str) -> str:
    """Rule ids and prefixes in upper case ("b101" -> "B101"), categories in lower case."""
    return name.upper() if re.fullmatch(r"[A-Za-z]\d{0,3}", name) else name.lower()


def _suppressions(source: str, line_starts: list[int],
                  code: list[tuple[int, int]] = ()) -> list[Suppression]:
    """The `<!-- blameless-... -->` comments of `source`, except those inside `code` (document
    offset ranges of code blocks, inline code and front matter): those are examples, not HTML."""
    found = []
    code = _merged(list(code))
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


def _code_ranges(source: str, builder: "_Builder", front_end: int,
                 inline: bool = True) -> list[tuple[int, int]]:
    """Document offset ranges that are code (or front matter), where a comment is not a comment."""
    ranges = [(0, front_end)] if front_end else []
    starts = builder.starts
    for first, last in builder.code_lines:
        ranges.append((starts[first], starts[last] if last < len(starts) else len(source)))
    for block in builder.blocks if inline else ():
        if "blameless-" in block.raw:
            ranges += _inline_code(block)
    return ranges


def _inline_code(block: "Block") -> list[tuple[int, int]]:
    """Document offset ranges of the block's code spans."""
    return [(block.doc_offset(s), block.doc_offset(e - 1) + 1) for s, e in code_spans(block.raw)]


class _Builder:
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
        kind = own or (self._stack[-1][1] if self._stack else "other")
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


def _content_lines(builder: _Builder, token_map: list[int], content: str,
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
_MARKDOWN = MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _chunks(source: str) -> list[tuple[int, str]]:
    """Split Markdown before each ATX heading outside code fences and HTML comments.

    Nothing in CommonMark spans such a heading except fences and HTML blocks, so each chunk parses
    the same alone as in the whole; an edit then re-parses only the chunk (section) it touched.
    """
    chunks: list[tuple[int, str]] = []
    lines = source.split("\n")
    start, fence, comment = 0, None, False
    for n, line in enumerate(lines):
        if fence:
            match = _FENCE.match(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
            continue
        if comment:
            comment = "-->" not in line
            continue
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
            continue
        if "<!--" in line and "-->" not in line[line.index("<!--"):]:
            comment = True
            continue
        if n > start and _ATX_HEADING.match(line):
            chunks.append((start, "\n".join(lines[start:n]) + "\n"))
            start = n
    chunks.append((start, "\n".join(lines[start:])))
    return chunks


@lru_cache(maxsize=4096)
def _chunk_tokens(chunk: str) -> tuple:
    return tuple(_MARKDOWN.parse(chunk))


def _markdown_tokens(source: str) -> list[tuple[int, object]]:
    """(line offset, token) for the whole document, parsed chunk by chunk with a cache."""
    return [(offset, tok) for offset, chunk in _chunks(source) for tok in _chunk_tokens(chunk)]


def _parse_markdown(source: str, builder: _Builder) -> None:
    stream = _markdown_tokens(source)
    tokens = [_Shifted(tok, offset) for offset, tok in stream]
    containers: list[str] = []  # open container token types
    group_stack: list[int] = []
    item_seen_paragraph: list[bool] = []
    headers: list[str] = []
    in_thead = False
    row_cells: list[tuple[str, int, int]] = []  # (header, doc start, doc end)
    row_line = 0
    next_group = 1
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            inline = tokens[i + 1]
            line = tok.map[0]
            section = builder.add_section(inline.content, int(tok.tag[1]), line)
            spans = _content_lines(builder, [line, line + 1], inline.content)
            block = builder.add_block("heading", spans, next_group)
            next_group += 1
            if block:
                block.section = section
            i += 3
            continue
        if t in ("fence", "code_block") and tok.map:
            builder.code_lines.append((tok.map[0], tok.map[1]))
        elif t in ("bullet_list_open", "ordered_list_open"):
            group_stack.append(next_group)
            next_group += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            group_stack.pop()
        elif t == "list_item_open":
            containers.append("item")
            item_seen_paragraph.append(False)
        elif t == "list_item_close":
            containers.pop()
            item_seen_paragraph.pop()
        elif t == "table_open":
            headers = []
            group_stack.append(next_group)
            next_group += 1
        elif t == "table_close":
            group_stack.pop()
        elif t == "thead_open":
            in_thead = True
        elif t == "thead_close":
            in_thead = False
        elif t == "tr_open":
            row_cells = []
            row_line = tok.map[0]
        elif t in ("th_open", "td_open"):
            inline = tokens[i + 1]
            if in_thead:
                headers.append(normalise_header(inline.content))
            else:
                start, end = builder.line_span(row_line)
                cursor = row_cells[-1][2] if row_cells else start
                at, stop = _find_cell(builder.source, inline.content, cursor, end)
                if at < 0:  # empty cell: sit just after the next pipe
                    pipe = builder.source.find("|", cursor + (1 if row_cells else 0), end)
                    at = stop = pipe + 1 if pipe >= 0 else cursor
                n = len(row_cells)
                header = headers[n] if n < len(headers) and headers[n] else f"col{n + 1}"
                row_cells.append((header, at, stop))
        elif t == "tr_close" and not in_thead:
            start, end = builder.line_span(row_line)
            cells = tuple(Cell(h, s - start, e - start) for h, s, e in row_cells)
            block = builder.add_block("table_row", [(start, end)], group_stack[-1], cells=cells)
            if block:
                # pipes are table syntax, not prose
                block.text = _blank_cell_pipes(block)
        elif t == "inline" and tokens[i - 1].type == "paragraph_open":
            in_item = bool(containers) and containers[-1] == "item"
            first_in_item = in_item and not item_seen_paragraph[-1]
            content = tok.content
            checkbox = None
            spans = _content_lines(builder, tok.map, content)
            if first_in_item:
                item_seen_paragraph[-1] = True
                box = _CHECKBOX.match(content)
                if box and spans:
                    checkbox = box.group(1).lower()
                    s, e = spans[0]
                    spans[0] = (s + box.end(), e)
            kind = "list_item" if first_in_item else "paragraph"
            group = group_stack[-1] if first_in_item else next_group
            if not first_in_item:
                next_group += 1
            pieces = _split_at_hard_breaks(builder, tok.map[0], spans)
            builder.add_block(kind, pieces[0], group, checkbox=checkbox,
                              continuation=in_item and not first_in_item)
            for piece in pieces[1:]:  # lines after a hard break (chat logs, addresses)
                builder.add_block("paragraph", piece, next_group, continuation=True)
                next_group += 1
        elif t == "blockquote_open":
            containers.append("quote")
        elif t == "blockquote_close":
            containers.pop()
        i += 1


class _Shifted:
    """A cached markdown-it token seen at its line offset in the document (tokens are shared)."""

    __slots__ = ("_tok", "map")

    def __init__(self, tok, offset: int):
        self._tok = tok
        self.map = [tok.map[0] + offset, tok.map[1] + offset] if tok.map else None

    def __getattr__(self, name):
        return getattr(self._tok, name)


def _split_at_hard_breaks(builder: _Builder, first_line: int,
                          spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Split a paragraph's lines after each hard line break (two trailing spaces or a backslash).

    Lines joined by hard breaks are separate utterances (chat transcripts, sign-offs); parsing
    them as one sentence runs one speaker's words into the next.
    """
    pieces: list[list[tuple[int, int]]] = [[]]
    for i, span in enumerate(spans):
        pieces[-1].append(span)
        start, end = builder.line_span(first_line + i)
        line = builder.source[start:end]
        if i < len(spans) - 1 and (line.endswith("  ") or line.endswith("\\")):
            pieces.append([])
    return [p for p in pieces if p]


def _find_cell(source: str, content: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of a table cell's content in source[start:end], or (-1, -1).

    markdown-it gives a cell's content with each escaped pipe (`\\|`) unescaped, so the source
    may hold a backslash before each pipe of the content.
    """
    if not content:
        return -1, -1
    if "|" not in content:
        at = source.find(content, start, end)
        return (at, at + len(content)) if at >= 0 else (-1, -1)
    pattern = r"\\?\|".join(re.escape(part) for part in content.split("|"))
    match = re.compile(pattern).search(source, start, end)
    return (match.start(), match.end()) if match else (-1, -1)


def _blank_cell_pipes(block: Block) -> str:
    """The row's text with the pipes that separate cells (those outside every cell) blanked."""
    cells = _merged([(c.start, c.end) for c in block.cells])
    text = block.text
    return "".join(" " if c == "|" and not in_ranges(cells, k) else c for k, c in enumerate(text)) \
        if "|" in text else text


def _parse_plain(source: str, builder: _Builder) -> None:
    """Plain text: blank-line separated paragraphs; bullet lines are list items; a short line that
    names a known section ("Timeline", "Action items:") is a heading."""
    n_lines = len(builder.starts)
    paragraph: list[tuple[int, int]] = []
    group = 1
    list_group = 0

    def flush():
        nonlocal paragraph, group
        if paragraph:
            builder.add_block("paragraph", paragraph, group)
            group += 1
        paragraph = []

    for line in range(n_lines):
        start, end = builder.line_span(line)
        text = builder.source[start:end]
        stripped = text.strip()
        if not stripped:
            flush()
            list_group = 0
            continue
        title = stripped.rstrip(":").strip("#= ").strip()
        if len(title) <= 60 and not paragraph and classify_heading(title) and (
                stripped.endswith(":") or not re.search(r"[.!?]$", stripped)) and len(title.split()) <= 6:
            flush()
            builder.add_section(title, 2, line)
            continue
        bullet = _PLAIN_BULLET.match(text)
        if bullet:
            flush()
            if not list_group:
                list_group = group
                group += 1
            builder.add_block("list_item", [(start + bullet.end(), end)], list_group)
            continue
        if list_group and text[:1].isspace() and builder.blocks:
            flush()
            builder.add_block("paragraph", [(start + len(text) - len(text.lstrip()), end)], group,
                              continuation=True)
            group += 1
            continue
        paragraph.append((start + len(text) - len(text.lstrip()), end))
    flush()


def parse(source: str, *, path: str | None = None, markdown: bool | None = None) -> Document:
    """Parse a postmortem. Markdown unless `path` ends in .txt or `markdown` is False."""
    if markdown is None:
        markdown = not (path or "").lower().endswith(".txt")
    starts = _line_starts(source)
    front = _FRONT_MATTER.match(source)
    body = _blank(source, 0, front.end()) if front else source
    body = _lone_cr_as_lf(_SURROGATE.sub("\ufffd", body))
    if body.startswith("\ufeff"):  # a byte order mark is not text: "\ufeff# Title" is a heading
        body = " " + body[1:]
    builder = _Builder(body, starts)
    if markdown:
        _parse_markdown(body, builder)
    else:
        _parse_plain(body, builder)
    for block in builder.blocks:  # raw text comes from the user's source, not the blanked copy
        block.raw = "\n".join(source[doc:doc + len(part)] for (_, doc), part in
                              zip(block.anchors, block.raw.split("\n")))
    code_blocks = _code_ranges(source, builder, front.end() if front else 0, inline=False)
    suppressions = _suppressions(source, starts, _code_ranges(source, builder, front.end() if front else 0)) \
        if "blameless-" in source else []
    return Document(source, builder.sections, builder.blocks, path, suppressions, starts,
                    _code_blocks=tuple(code_blocks))


#: A lone surrogate cannot be encoded (spaCy, JSON, the terminal): read as U+FFFD, same length.
_SURROGATE = re.compile("[\ud800-\udfff]")
