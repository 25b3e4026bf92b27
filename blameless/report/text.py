"""Human output, as people expect from a linter: location, rule, message, the source line with
the span underlined, the suggestion, and a summary line:

    path:line:column: warning B101 message [category]

Colour is decided by the caller (blameless.report.colour)."""
from __future__ import annotations

import re

import click

from ..findings import Finding
from . import CheckedFile, Report

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
#: Control characters (ESC starts terminal escape sequences) other than tab.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _safe(text: str) -> str:
    """Document text for the terminal: each control character becomes "?" (one column, so the
    underline still lines up), so a postmortem cannot send escape sequences to the terminal."""
    return _CONTROL.sub("?", text)


def _underline(file: CheckedFile, f: Finding, colour: bool) -> list[str]:
    if file.document is None:
        return []
    source = _safe(file.document.line_text(f.line))
    end = f.end_column if f.end_line == f.line else len(source) + 1
    width = max(end - f.column, 1)
    gutter = str(f.line)
    pad = " " * len(gutter)
    marks = click.style("^" * width, fg=_COLOURS[f.severity.value], bold=True) if colour else "^" * width
    bar = click.style("|", fg="blue") if colour else "|"
    return [f" {pad} {bar}", f" {gutter} {bar} {source}", f" {pad} {bar} {' ' * (f.column - 1)}{marks}"]


def render(report: Report, *, colour: bool = False, quiet: bool = False) -> str:
    out: list[str] = []
    for file in report.files:
        for f in file.findings:
            loc = _safe(f"{f.path or file.path}:{f.line}:{f.column}:")
            level, rule = f.severity.value, f.rule
            if colour:
                loc = click.style(loc, bold=True)
                level = click.style(level, fg=_COLOURS[f.severity.value], bold=True)
                rule = click.style(rule, bold=True)
            # severity in words on every line, as ruff and eslint print it: readable without colour
            out.append(f"{loc} {level} {rule} {_safe(f.message)} [{f.category}]")
            if quiet:
                continue
            out.extend(_underline(file, f, colour))
            if f.suggestion:
                label = click.style("suggestion", fg="green") if colour else "suggestion"
                out.append(f"   = {label}: {_safe(f.suggestion)}")
            if any(x.safe for x in f.fixes):
                out.append("   = fixable with `blameless fix`")
            out.append("")
    s = report.summary()
    n = s["findings"]
    if n == 0:
        line = f"All clear: no findings in {s['files']} file{'s' if s['files'] != 1 else ''}."
    else:
        parts = ", ".join(f"{count} {level}{'s' if count != 1 and level != 'info' else ''}"
                          for level in ("error", "warning", "info")
                          if (count := s["by_severity"].get(level, 0)))
        line = (f"Found {n} finding{'s' if n != 1 else ''} ({parts}) in {s['files']} "
                f"file{'s' if s['files'] != 1 else ''}.")
        if s["fixable"]:
            line += f" {s['fixable']} fixable with `blameless fix`."
    if not quiet or n:
        out.append(click.style(line, bold=True) if colour else line)
    return "\n".join(out)
