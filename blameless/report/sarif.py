"""SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif and other dashboards).

Locations are relative to the repository root (`uriBaseId` %SRCROOT%, declared in
`originalUriBaseIds`), each rule links to its entry in the rule reference (`helpUri`), safe
fixes are SARIF `fixes`, and `partialFingerprints` follow the flagged text, not its line, so an
alert keeps its identity when lines move. Columns are Unicode code points, and say so.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..version import __version__
from ..fingerprint import numbered
from ..rules import RULES_DOC_URL
from . import CheckedFile, Report
from .location import repo_relative, repository_root

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "blameless/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def help_uri(rule_id: str) -> str:
    return f"{RULES_DOC_URL}#{rule_id.lower()}"


def _artifact(file: CheckedFile, path: str) -> dict:
    if path == "stdin":
        return {"uri": "stdin"}
    relative = repo_relative(path)
    if relative is not None:
        return {"uri": relative, "uriBaseId": SRCROOT}
    return {"uri": Path(path).resolve().as_uri()}


def _region(file: CheckedFile, start: int, end: int) -> dict:
    line, column = file.document.position(start)
    end_line, end_column = file.document.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fixes(file: CheckedFile, finding, artifact: dict) -> list[dict]:
    return [{
        "description": {"text": fix.title},
        "artifactChanges": [{
            "artifactLocation": artifact,
            "replacements": [{"deletedRegion": _region(file, e.start, e.end),
                              "insertedContent": {"text": e.new_text}} for e in fix.edits],
        }],
    } for fix in finding.fixes if fix.safe and file.document is not None]


def render(report: Report) -> str:
    if not report.rules:
        from ..registry import rule_set

        report.add_rules(rule_set())
    rules = sorted(report.rules.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for file in report.files:
        source = file.document.source if file.document is not None else ""
        for f, fingerprint in numbered(source, file.findings):
            artifact = _artifact(file, f.path or file.path)
            result = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity.value],
                "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
                "partialFingerprints": {FINGERPRINT: fingerprint},
                "properties": {"category": f.category},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            fixes = _fixes(file, f, artifact)
            if fixes:
                result["fixes"] = fixes
            results.append(result)
    driver = {
        "name": "blameless",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": RULES_DOC_URL.rsplit("/blob/", 1)[0],
        "rules": [{
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.describe()},
            "fullDescription": {"text": r.rationale},
            "help": {"text": f"{r.rationale}\n\nSuggestion: {r.suggestion}",
                     "markdown": f"{r.rationale}\n\n**Suggestion:** {r.suggestion}\n\n[{r.id} in the rule reference]({help_uri(r.id)})"},
            "helpUri": help_uri(r.id),
            "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
            "properties": {"category": r.category, "tags": [r.category]},
        } for r in rules],
    }
    run = {"tool": {"driver": driver},
           "originalUriBaseIds": {SRCROOT: {"uri": repository_root().as_uri() + "/"}},
           "columnKind": "unicodeCodePoints",
           "results": results}
    sarif = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False)
