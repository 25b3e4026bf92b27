"""GitHub Actions workflow commands: one annotation per finding."""
from __future__ import annotations

from . import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        props = (f"file={_escape(f.path or '', True)},line={f.line},col={f.column},"
                 f"endLine={f.end_line},endColumn={f.end_column},title={_escape(f.rule + ' ' + f.category, True)}")
        text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
        lines.append(f"::{_LEVEL[f.severity.value]} {props}::{_escape(text)}")
    return "\n".join(lines)
