"""`--statistics`: how many findings each rule has, most frequent first (as ruff prints them)."""
from __future__ import annotations

import json
from collections import Counter

from . import Report


def counts(report: Report) -> list[dict]:
    by_rule = Counter(f.rule for f in report.findings)
    fixable = Counter(f.rule for f in report.findings if any(x.safe for x in f.fixes))
    rules = report.rules
    out = []
    for rule_id, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = rules.get(rule_id)
        severity = next(f.severity.value for f in report.findings if f.rule == rule_id)
        out.append({"code": rule_id, "name": rule.name if rule else rule_id, "count": count,
                    "severity": severity, "fixable": fixable[rule_id]})
    return out


def render(report: Report, fmt: str = "text") -> str:
    rows = counts(report)
    if fmt == "json":
        return json.dumps(rows, indent=2)
    if not rows:
        return "No findings."
    width = max(len(str(r["count"])) for r in rows)
    name_width = max(len(r["name"]) for r in rows)
    lines = [f"{r['count']:>{width}}  {r['code']}  {r['severity']:<7}  {r['name']:<{name_width}}"
             + (f"  [{r['fixable']} fixable]" if r["fixable"] else "") for r in rows]
    return "\n".join(line.rstrip() for line in lines)
