"""Read Markdown (markdown-it-py, GFM tables) or plain text into a Builder's sections and blocks."""
from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from .inline_scan import in_ranges
from .sections import classify_heading

from .doctree import Block, Cell
from .doctree import merged_ranges
from .document_builder import CHECKBOX, PLAIN_BULLET, Builder, content_lines, normalise_header

#: Block structure only: the reader takes each inline token's `content` and its lines, never
#: its children, so inline parsing (a third of markdown-it's time) is switched off.
MARKDOWN = MarkdownIt("commonmark", {"html": True, "maxNesting": 100}).enable("table").disable(["inline", "text_join"])
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


#: Chunks are whole sections: a few hundred is every section of the documents open in an
#: editor, and a CLI run over thousands of files must not keep their tokens (memory stays flat).
@lru_cache(maxsize=256)
def _chunk_tokens(chunk: str) -> tuple:
    return tuple(MARKDOWN.parse(chunk))


def markdown_tokens(source: str) -> list[tuple[int, object]]:
    """(line offset, token) for the whole document, parsed chunk by chunk with a cache."""
    return [(offset, tok) for offset, chunk in _chunks(source) for tok in _chunk_tokens(chunk)]


def parse_markdown(source: str, builder: Builder) -> None:
    stream = markdown_tokens(source)
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
            spans = content_lines(builder, [line, line + 1], inline.content)
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
        elif (t == "inline" and tokens[i - 1].type == "paragraph_open") or (
                t == "html_block" and tok.map and template_html(tok.content)):
            in_item = bool(containers) and containers[-1] == "item"
            first_in_item = in_item and not item_seen_paragraph[-1]
            content = tok.content.rstrip("\n")
            checkbox = None
            spans = content_lines(builder, tok.map, content)
            if first_in_item:
                item_seen_paragraph[-1] = True
                box = CHECKBOX.match(content)
                if box and spans:
                    checkbox = box.group(1).lower()
                    s, e = spans[0]
                    spans[0] = (s + box.end(), e)
            kind = "list_item" if first_in_item else "paragraph"
            group = group_stack[-1] if first_in_item else next_group
            if not first_in_item:
                next_group += 1
            pieces = _split_at_hard_breaks(builder, tok.map[0], spans)
            quoted = "quote" in containers
            builder.add_block(kind, pieces[0], group, checkbox=checkbox,
                              continuation=in_item and not first_in_item, quoted=quoted)
            for piece in pieces[1:]:  # lines after a hard break (chat logs, addresses)
                builder.add_block("paragraph", piece, next_group, continuation=True, quoted=quoted)
                next_group += 1
        elif t == "blockquote_open":
            containers.append("quote")
        elif t == "blockquote_close":
            containers.pop()
        i += 1


_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^<>]*)>?")


@lru_cache(maxsize=1)
def _html_names() -> frozenset[str]:
    from markdown_it.common.html_blocks import block_names

    from .lexicon import english

    return english().words("html_tags") | frozenset(block_names)


def template_html(content: str) -> bool:
    """Whether an HTML block is template text that only looks like a tag: "<next step>",
    "<Describe the fix here>" (CommonMark reads an unknown tag with words after it as HTML).

    Real HTML stays HTML: a known tag (<details>, <br>, <details open>), a comment (suppression
    comments included), a closing tag, or a tag with attributes (name="value"). A known tag name
    followed by a phrase ("<Summary of the fix goes here>") is a sentence in brackets."""
    text = content.strip()
    if _TAG_NAME.match(text) is None or "</" in text or "=" in text:
        return False
    for tag in _TAG.finditer(text):
        name, rest = tag.group(1).lower(), tag.group(2).split()
        if name in _html_names() and len(rest) < 2:
            return False
    return True


class _Shifted:
    """A cached markdown-it token seen at its line offset in the document (tokens are shared)."""

    __slots__ = ("_tok", "map")

    def __init__(self, tok, offset: int):
        self._tok = tok
        self.map = [tok.map[0] + offset, tok.map[1] + offset] if tok.map else None

    def __getattr__(self, name):
        return getattr(self._tok, name)


def _split_at_hard_breaks(builder: Builder, first_line: int,
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
    cells = merged_ranges([(c.start, c.end) for c in block.cells])
    text = block.text
    return "".join(" " if c == "|" and not in_ranges(cells, k) else c for k, c in enumerate(text)) \
        if "|" in text else text


def parse_plain(source: str, builder: Builder) -> None:
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
        bullet = PLAIN_BULLET.match(text)
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


