"""Building and applying text edits."""
from __future__ import annotations

import re
from collections.abc import Iterable

from .findings import Finding, Fix, TextEdit
from .inline_scan import in_ranges

_JOINED_AFTER = re.compile(r" +(?:and|or|but) +(\w+)", re.I)
_JOINED_BEFORE = re.compile(r"(\w+) +(?:and|or|but) +\Z", re.I)


def removal(text: str, start: int, end: int, base: int = 0) -> TextEdit | None:
    """An edit deleting text[start:end] (a word or phrase) so the sentence still reads.

    Takes one neighbouring space and a trailing comma with it, and capitalises the next word when
    the removed words opened a sentence. `base` turns block offsets into document offsets.
    Returns None when the words cannot be removed cleanly (they are the whole sentence).
    """
    opens_sentence = not text[:start].strip() or text[:start].rstrip()[-1:] in ".!?:;|"
    # "quickly and recklessly" / "recklessly and quickly": the conjunction goes with the word
    adverb = text[start:end].lower().endswith("ly")
    joined_after = _JOINED_AFTER.match(text, end) if adverb else None
    joined_before = _JOINED_BEFORE.search(text[:start]) if adverb else None
    if joined_after and joined_after.group(1).lower().endswith("ly"):
        after = joined_after.start(1)
    elif joined_before and joined_before.group(1).lower().endswith("ly"):
        return TextEdit(base + joined_before.end(1), base + end, "")
    else:
        after = end
        if after < len(text) and text[after] == ",":
            after += 1
        while after < len(text) and text[after] in " \t":  # a tab left first could start code
            after += 1
    before = start
    if after == end or after >= len(text) or not text[after].isalnum():
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before == start and after == end:
            return None
        after = max(end, after if after > end and text[after - 1] == "," else end)
        return TextEdit(base + before, base + after, "")
    replacement = ""
    if opens_sentence and text[after].islower() and (text[start:start + 1].isupper() or not text[:start].strip()):
        replacement = text[after].upper()
        after += 1
    return TextEdit(base + start, base + after, replacement)


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """Apply non-overlapping edits; an edit overlapping an earlier one is skipped."""
    out, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            continue
        out.append(text[cursor:edit.start])
        out.append(edit.new_text)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out)


def safe_edits(findings: Iterable[Finding]) -> list[TextEdit]:
    """The edits of every finding's first safe fix."""
    edits: list[TextEdit] = []
    for finding in findings:
        fix: Fix | None = next((f for f in finding.fixes if f.safe), None)
        if fix:
            edits.extend(fix.edits)
    return edits


def outside_code(edits: list[TextEdit], document) -> list[TextEdit]:
    """The edits that touch no code (code blocks, inline code, front matter): a rule that
    misreads a code span still cannot change it."""
    code = document.code_ranges()
    if not code:
        return edits
    starts = [s for s, _ in code]

    def touches(edit: TextEdit) -> bool:
        import bisect

        i = bisect.bisect_left(starts, edit.end)  # ranges starting before the edit ends
        return i > 0 and code[i - 1][1] > edit.start or in_ranges(code, edit.start)
    return [e for e in edits if not touches(e)]


def code_of(text: str) -> list[str]:
    """Every code block and inline code span of `text` as markdown-it reads it."""
    from .markdown_reader import MARKDOWN

    out = []
    for tok in MARKDOWN.parse(text):
        if tok.type in ("fence", "code_block"):
            out.append(tok.content)
        for child in tok.children or ():
            if child.type == "code_inline":
                out.append(child.markup + child.content)
    return out


def apply_keeping_code(text: str, edits: list[TextEdit]) -> str:
    """apply_edits, but an edit that would change, remove or create code (removing a word can
    leave an indent that makes the line a code block) is left out."""
    updated = apply_edits(text, edits)
    before = code_of(text)
    if code_of(updated) == before:
        return updated
    kept: list[TextEdit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if code_of(apply_edits(text, kept + [edit])) == before:
            kept.append(edit)
    return apply_edits(text, kept)
