"""Pure conversions between blameless values and LSP values (no server state).

blameless counts offsets and columns in Unicode code points; LSP counts `character` in the
position encoding negotiated at initialize (UTF-16 unless the client offers UTF-8 or UTF-32).
`LineIndex` is built once per document version so converting many findings stays cheap.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lsprotocol import types

from blameless.findings import Finding, Severity, TextEdit
from blameless.rules import Rule, rule_doc_url

SOURCE = "blameless"
DISABLE_COMMENT = "<!-- blameless-disable-next-line {rule} -->"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.blameless"

# LSP ends a line at \r\n, \r or \n (and nowhere else, unlike str.splitlines).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"[ \t]*")

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8"))


def unit_counter(encoding: str | None) -> Callable[[str], int]:
    """How many code units of `encoding` a string takes (LSP's default is UTF-16)."""
    encoding = str(getattr(encoding, "value", encoding) or "utf-16").lower()
    if encoding == "utf-8":
        return _utf8_units
    if encoding == "utf-32":
        return len
    return _utf16_units


class LineIndex:
    """Maps code-point offsets of one text to LSP positions in one encoding, and back."""

    def __init__(self, text: str, encoding: str | None = None):
        self.text = text
        self.units = unit_counter(encoding)
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line_text(self, line: int) -> str:
        """The text of a 0-based line, without its line break."""
        if line >= len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        # An offset inside a \r\n pair sits at the end of the line.
        column = min(offset, start + len(self.line_text(line)))
        return types.Position(line=line, character=self.units(self.text[start:column]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of a client position (clamped to the line and the text)."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        line = self.line_text(position.line)
        if self.units is len:
            return start + min(max(position.character, 0), len(line))
        units = 0
        for i, char in enumerate(line):
            if units >= position.character:
                return start + i
            units += self.units(char)
        return start + len(line)

    def end_position(self) -> types.Position:
        return self.position(len(self.text))


def rule_url(rule_id: str) -> str:
    return rule_doc_url(rule_id)


def message_of(finding: Finding) -> str:
    if finding.suggestion and finding.suggestion != finding.message:
        return f"{finding.message}\n{finding.suggestion}"
    return finding.message


def range_json(r: types.Range) -> dict[str, Any]:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


def range_from_json(data: Any) -> types.Range | None:
    try:
        return types.Range(
            start=types.Position(line=int(data["start"]["line"]), character=int(data["start"]["character"])),
            end=types.Position(line=int(data["end"]["line"]), character=int(data["end"]["character"])))
    except (KeyError, TypeError, ValueError):
        return None


def edit_json(edit: TextEdit, index: LineIndex) -> dict[str, Any]:
    return {"range": range_json(index.range(edit.start, edit.end)), "newText": edit.new_text}


def to_diagnostic(finding: Finding, index: LineIndex, version: int | None) -> types.Diagnostic:
    """A finding as an LSP diagnostic; `data` carries what the code actions need."""
    rng = index.range(finding.span.start, finding.span.end)
    line = rng.start.line
    data = {
        "rule": finding.rule,
        "version": version,
        "fixes": [{"title": fix.title, "safe": fix.safe,
                   "edits": [edit_json(e, index) for e in fix.edits]} for fix in finding.fixes],
        "line": line,
        "indent": _INDENT.match(index.line_text(line)).group(0),
    }
    return types.Diagnostic(
        range=rng,
        message=message_of(finding),
        severity=SEVERITIES.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.rule,
        code_description=types.CodeDescription(href=rule_url(finding.rule)),
        source=SOURCE,
        data=data,
    )


def config_diagnostic(message: str, index: LineIndex) -> types.Diagnostic:
    """The one diagnostic shown, at line 1, when the configuration cannot be used."""
    first = index.line_text(0)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0),
                          end=types.Position(line=0, character=index.units(first))),
        message=f"blameless configuration error: {message}",
        severity=types.DiagnosticSeverity.Error,
        code="config",
        source=SOURCE,
    )


def notice_diagnostic(message: str, index: LineIndex, code: str,
                      severity: types.DiagnosticSeverity) -> types.Diagnostic:
    """One diagnostic on line 1 about the check itself: it failed (code "check-failed", shown
    instead of the findings of an older version) or stopped early (code "budget")."""
    first = index.line_text(0)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0),
                          end=types.Position(line=0, character=index.units(first))),
        message=f"blameless: {message}", severity=severity, code=code, source=SOURCE)


def line_edits(old: str, new: str, index: LineIndex) -> list[types.TextEdit]:
    """Small edits turning `old` into `new`: whole changed runs of lines, found by difflib."""
    import difflib

    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    offsets = [0]
    for line in old_lines:
        offsets.append(offsets[-1] + len(line))
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(types.TextEdit(range=index.range(offsets[i1], offsets[i2]),
                                    new_text="".join(new_lines[j1:j2])))
    return edits


def kind_wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of `kind` answers a request limited to `only` (LSP prefix rule)."""
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") for k in (str(getattr(o, "value", o)) for o in only))


def _quote(text: str) -> str:
    return " ".join(text.split())


def hover_markdown(findings: Iterable[Finding], rule_of: Callable[[str], Rule | None]) -> str:
    """The hover text for findings at one place: message, suggestion, rationale, an example."""
    parts = []
    seen = set()
    for finding in findings:
        if (finding.rule, finding.message) in seen:
            continue
        seen.add((finding.rule, finding.message))
        rule = rule_of(finding.rule)
        title = f"**{finding.rule}**" + (f" `{rule.name}`" if rule else "")
        title += f" · {finding.category} · {finding.severity.value}"
        lines = [title, "", finding.message]
        if finding.suggestion:
            lines += ["", f"**Suggestion:** {finding.suggestion}"]
        if rule is not None:
            if rule.rationale:
                lines += ["", f"**Why:** {_quote(rule.rationale)}"]
            flagged = next((e.text for e in rule.flag if e.context != "document"), None)
            fine = next((e.text for e in rule.passes if e.context != "document"), None)
            if flagged or fine:
                lines += ["", "**Example:**"]
                if flagged:
                    lines.append(f"- flagged: “{_quote(flagged)}”")
                if fine:
                    lines.append(f"- fine: “{_quote(fine)}”")
        lines += ["", f"[{finding.rule} documentation]({rule_url(finding.rule)})"]
        parts.append("\n".join(lines))
    return "\n\n---\n\n".join(parts)
