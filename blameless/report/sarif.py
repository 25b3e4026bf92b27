"""SARIF 2.1.0 for code-scanning dashboards. Columns are Unicode code points, and say so."""
from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from . import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    if not report.rules:
        from ..registry import rule_set

        report.add_rules(rule_set())
    rules = sorted(report.rules.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        result = {
            "ruleId": f.rule,
            "ruleIndex": index.get(f.rule, -1),
            "level": _LEVEL[f.severity.value],
            "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": Path(f.path).as_posix() if f.path else "stdin"},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column},
            }}],
            "properties": {"category": f.category},
        }
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        results.append(result)
    driver = {
        "name": "blameless",
        "version": __version__,
        "informationUri": "https://pypi.org/project/blameless/",
        "rules": [{
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.describe()},
            "fullDescription": {"text": r.rationale},
            "help": {"text": f"{r.rationale}\n\nSuggestion: {r.describe('suggestion')}"},
            "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
            "properties": {"category": r.category},
        } for r in rules],
    }
    sarif = {"$schema": SCHEMA, "version": "2.1.0",
             "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                       "results": results}]}
    return json.dumps(sarif, indent=2, ensure_ascii=False)
