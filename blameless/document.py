"""Turn a postmortem (Markdown or plain text) into sections and blocks with exact source offsets.

Every block keeps two texts of the same length: `raw` (the source as written) and `text` (the
source with markup, inline code, URLs and HTML blanked out). Rules read `text`; because both have
the length of the source, an offset in either maps straight back to the document.
"""
from __future__ import annotations

import re

from .doctree import Block, Cell, Document, Section, Suppression  # noqa: F401  (re-exported)
from .document_builder import Builder, code_ranges_of, line_starts, lone_cr_as_lf, read_suppressions
from .markdown_reader import parse_markdown, parse_plain
from .masking import FRONT_MATTER, blank, mask_inline  # noqa: F401  (re-exported)


def parse(source: str, *, path: str | None = None, markdown: bool | None = None) -> Document:
    """Parse a postmortem. Markdown unless `path` ends in .txt or `markdown` is False."""
    if markdown is None:
        markdown = not (path or "").lower().endswith(".txt")
    starts = line_starts(source)
    front = FRONT_MATTER.match(source)
    body = blank(source, 0, front.end()) if front else source
    body = lone_cr_as_lf(_SURROGATE.sub("\ufffd", body))
    if body.startswith("\ufeff"):  # a byte order mark is not text: "\ufeff# Title" is a heading
        body = " " + body[1:]
    builder = Builder(body, starts)
    if markdown:
        parse_markdown(body, builder)
    else:
        parse_plain(body, builder)
    for block in builder.blocks:  # raw text comes from the user's source, not the blanked copy
        block.raw = "\n".join(source[doc:doc + len(part)] for (_, doc), part in
                              zip(block.anchors, block.raw.split("\n")))
    code_blocks = code_ranges_of(source, builder, front.end() if front else 0, inline=False)
    suppressions = read_suppressions(source, starts, code_ranges_of(source, builder, front.end() if front else 0)) \
        if "blameless-" in source else []
    return Document(source, builder.sections, builder.blocks, path, suppressions, starts,
                    _code_blocks=tuple(code_blocks))


#: A lone surrogate cannot be encoded (spaCy, JSON, the terminal): read as U+FFFD, same length.
_SURROGATE = re.compile("[\ud800-\udfff]")
