"""GitLab Code Quality (a subset of Code Climate's issue format): a JSON array of issues, each
with description, check_name, fingerprint, severity and location {path, lines.begin}, the
fields GitLab reads for merge-request widgets and diff annotations. Paths are relative to the
repository root (`$CI_PROJECT_DIR` in a pipeline)."""
from __future__ import annotations

import hashlib
import json

from ..fingerprint import numbered
from . import Report
from .location import repo_relative

_SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def render(report: Report) -> str:
    issues = []
    for file in report.files:
        path = repo_relative(file.path) or file.path if file.path != "stdin" else "stdin"
        source = file.document.source if file.document is not None else ""
        for f, fp in numbered(source, file.findings):
            issues.append({
                "type": "issue",
                "check_name": f.rule,
                "description": f"{f.rule} {f.message}" + (f" Suggestion: {f.suggestion}" if f.suggestion else ""),
                "categories": ["Style"],
                "severity": _SEVERITY[f.severity.value],
                "fingerprint": hashlib.sha256(f"{path}\0{fp}".encode("utf-8")).hexdigest()[:32],
                "location": {"path": path,
                             "lines": {"begin": f.line, "end": f.end_line},
                             "positions": {"begin": {"line": f.line, "column": f.column},
                                           "end": {"line": f.end_line, "column": f.end_column}}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False)
