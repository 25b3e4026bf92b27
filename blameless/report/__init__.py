"""Reporters: turn findings into text, JSON, SARIF or GitHub annotations."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document
from ..findings import Finding
from ..rules import Rule


@dataclass
class CheckedFile:
    path: str
    findings: list[Finding]
    document: Document | None = None  # or SourceLines: what reporters read is position/line_text/source
    facts: dict | None = None  # the JSON facts, when worked out while the Document was at hand


@dataclass
class Report:
    files: list[CheckedFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    configs: list = field(default_factory=list)  # the configs the files were checked with
    _added: dict[str, Rule] = field(default_factory=dict, repr=False)

    def add_config(self, config) -> None:
        if config not in self.configs:
            self.configs.append(config)

    def add_rules(self, rules: Iterable[Rule]) -> None:
        for rule in rules:
            self._added.setdefault(rule.id, rule)

    @property
    def rules(self) -> dict[str, Rule]:
        """Every rule the run's configs know, by id. Worked out when a reporter asks (SARIF and
        `--statistics` do), so the other formats never load the rule packs in this process."""
        from ..registry import rule_set_for

        out: dict[str, Rule] = {}
        for config in self.configs:
            for rule in rule_set_for(config):
                out.setdefault(rule.id, rule)
        for rule_id, rule in self._added.items():
            out.setdefault(rule_id, rule)
        return out

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    def summary(self) -> dict:
        by_severity: dict[str, int] = {}
        by_category: dict[str, int] = {}
        for f in self.findings:
            by_severity[f.severity.value] = by_severity.get(f.severity.value, 0) + 1
            by_category[f.category] = by_category.get(f.category, 0) + 1
        return {"files": len(self.files), "findings": len(self.findings),
                "fixable": sum(1 for f in self.findings if any(x.safe for x in f.fixes)),
                "by_severity": by_severity, "by_category": by_category,
                "skipped": len(self.skipped)}
