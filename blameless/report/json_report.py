"""The JSON format (version 1), as design.md fixes it; 1-based lines, code-point columns."""
from __future__ import annotations

import json

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
    from .facts import facts_dict

    findings = [finding_dict(f, file) for file in report.files for f in file.findings]
    facts = [file.facts if file.facts is not None else facts_dict(_document(file), file.path)
             for file in report.files if file.document is not None]
    return json.dumps({"version": 1, "findings": findings, "facts": facts, "summary": report.summary()},
                      indent=2, ensure_ascii=False)
