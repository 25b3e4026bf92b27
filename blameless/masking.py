"""Blank inline markup, code, URLs and HTML in a block's text, keeping its length (so offsets map
straight back to the source). Linear in the text."""
from __future__ import annotations

import re
from functools import lru_cache


from .inline_scan import code_spans, html_comments, inline_links

# ---------------------------------------------------------------------------------------------
# Masking: blank out what is not prose, keeping every offset.

FRONT_MATTER = re.compile(r"\A\ufeff?(?:---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)"
                           r"|\+\+\+[ \t]*\r?\n.*?\r?\n\+\+\+[ \t]*(?:\r?\n|\Z))", re.S)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]|]+[^\s<>()\[\].,;:!?'\"|]")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")  # comments: html_comments()
_EMPHASIS = re.compile(r"(\*\*|__|~~|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)|(?<=\S)_(?![\w_]))")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|~<>])")


def blank(text: str, start: int, end: int, keep_first: str | None = None) -> str:
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


@lru_cache(maxsize=4096)  # the blocks of the documents open in an editor; a few MiB (was 20,000:
def mask_inline(raw: str) -> str:  # a long CLI run kept growing until it held them all)
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


