"""The JSON format (version 1), as design.md fixes it; 1-based lines, code-point columns."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..findings import Finding
from . import Report


def _position(file, offset: int) -> dict:
    line, column = file.document.position(offset)
    return {"line": line, "column": column}


def finding_dict(finding: Finding, file) -> dict:
    return {
        "path": finding.path or file.path,
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "fixes": [
            {"title": fix.title, "safe": fix.safe,
             "edits": [{"start": _position(file, e.start), "end": _position(file, e.end),
                        "new_text": e.new_text} for e in fix.edits]}
            for fix in finding.fixes
        ],
    }


def _document(file):
    """The file's Document; a result served from the cache carries only its source lines."""
    from ..document import Document, parse

    if isinstance(file.document, Document):
        return file.document
    return parse(file.document.source, path=None if file.path == "stdin" else file.path)


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The JSON document in pieces, exactly as `json.dumps(..., indent=2)` writes it whole, one
    finding and one file's facts at a time: a run over thousands of files never holds the
    whole report as dicts and one string (memory stays flat however many files are checked)."""
    from .facts import facts_dict

    findings = (finding_dict(f, file) for file in report.files for f in file.findings)
    facts = (file.facts if file.facts is not None else facts_dict(_document(file), file.path)
             for file in report.files if file.document is not None)
    yield '{\n  "version": 1,\n  "findings": '
    yield from _array(findings)
    yield ',\n  "facts": '
    yield from _array(facts)
    yield ',\n  "summary": ' + _nested(report.summary(), 1) + "\n}"


def _nested(value, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it `level` deep (strings never hold a raw newline)."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _array(items: Iterable) -> Iterator[str]:
    """A top-level key's list, one item per piece."""
    empty = True
    for item in items:
        yield ("[\n    " if empty else ",\n    ") + _nested(item, 2)
        empty = False
    yield "[]" if empty else "\n  ]"
