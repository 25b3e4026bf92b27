"""Hover on a Timeline heading: the incident facts read from that timeline (`blameless facts`)."""
from __future__ import annotations

from lsprotocol import types

from blameless.document import parse
from blameless.report.facts import DURATIONS, facts_dict
from blameless.readers.milestones import MILESTONES


def facts_markdown(row: dict) -> str:
    lines = [f"**Incident facts** (times in {row['timezone'] or 'an unstated zone'})", "",
             "| fact | value | line |", "| --- | --- | --- |"]
    for key in (*MILESTONES, *DURATIONS):
        value = row[key]
        shown = "–" if value is None else f"{value} min" if key.endswith("_min") else value
        line = row["lines"].get(key)
        lines.append(f"| {key.replace('_', ' ')} | {shown} | {line or ''} |")
    return "\n".join(lines)


def timeline_facts_hover(text: str, path: str | None, offset: int, index) -> types.Hover | None:
    """The facts as a hover when `offset` is on a Timeline heading line, else None."""
    document = parse(text, path=path)
    heading = next((s for s in document.sections if s.kind == "timeline" and s.level > 0
                    and s.start <= offset <= s.end), None)
    if heading is None:
        return None
    row = facts_dict(document, path or "")
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value=facts_markdown(row)),
                       range=index.range(heading.start, heading.end))
