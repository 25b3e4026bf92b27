"""Redaction: a copy of a postmortem with every redaction finding (R5xx) replaced by its
placeholder, and the mapping from placeholders back to what they replaced (for the author).

Only the redaction rules' fixes are applied, in one pass, so that the numbering the rules gave
("Engineer A", "[internal host 1]") is the numbering of the copy. Each placeholder keeps the
line structure (a multi-line secret becomes one placeholder per line).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, config_for, load_config
from .findings import Finding, TextEdit
from .fixes import apply_edits

CATEGORY = "redaction"
PROFILE = "public"


@dataclass
class Redaction:
    text: str
    findings: list[Finding]
    #: placeholder -> the distinct texts it replaced, in document order
    mapping: dict[str, list[str]] = field(default_factory=dict)


def profile_config(config: Config | str | Path | None, path: str | None) -> Config:
    if isinstance(config, Config):
        base = config
    elif config is not None:
        base = load_config(config)
    else:
        base = config_for(Path(path)) if path else Config()
    return base.merged({"profile": PROFILE}, base.source or "redact")


def redact(text: str, *, path: str | None = None, config: Config | str | Path | None = None) -> Redaction:
    from .engines import engine_for

    cfg = profile_config(config, path)
    findings = [f for f in engine_for(cfg).check_text(text, path) if f.category == CATEGORY]
    edits: list[TextEdit] = []
    for finding in findings:
        fix = next((f for f in finding.fixes if f.safe), None)
        if fix:
            edits.extend(fix.edits)
    applied, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start >= cursor:  # the edits apply_edits keeps
            applied.append(edit)
            cursor = edit.end
    mapping: dict[str, list[str]] = {}
    for edit in applied:
        placeholder = edit.new_text.split("\n")[0]
        original = text[edit.start:edit.end]
        if original not in mapping.setdefault(placeholder, []):
            mapping[placeholder].append(original)
    return Redaction(apply_edits(text, applied), findings, mapping)
