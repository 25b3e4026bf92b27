"""A finding's fingerprint: its rule and the text it flags, not where that text sits.

Used by baselines (an edit elsewhere in the file does not bring a baselined finding back) and
by SARIF `partialFingerprints` (code scanning keeps tracking an alert as lines move).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from .findings import Finding


def flagged_text(source: str, finding: Finding) -> str:
    """The flagged words, whitespace collapsed and lower-cased (reflowing a line changes nothing)."""
    return " ".join(source[finding.span.start:finding.span.end].split()).lower()


def fingerprint(source: str, finding: Finding) -> str:
    digest = hashlib.sha256(f"{finding.rule}\0{flagged_text(source, finding)}".encode("utf-8"))
    return digest.hexdigest()[:24]


def numbered(source: str, findings: Iterable[Finding]) -> list[tuple[Finding, str]]:
    """Each finding with `fingerprint:n`, n counting earlier findings of the same fingerprint in
    the file, so that two identical flagged phrases stay two alerts."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        base = fingerprint(source, f)
        seen[base] += 1
        out.append((f, f"{base}:{seen[base]}"))
    return out
