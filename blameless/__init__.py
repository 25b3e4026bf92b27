"""blameless: reviews incident postmortems for blame, vague action items, editorialized timelines
and structure gaps, and suggests system-focused rewrites.

    >>> import blameless
    >>> findings = blameless.check("## Root cause\n\nDave forgot to renew the certificate.\n")
    >>> findings[0].rule, findings[0].line
    ('B101', 3)
"""
from __future__ import annotations

from pathlib import Path

from .config import Config, ConfigError, config_for, load_config
from .families import categories
from .findings import Finding, Fix, Severity, Span, TextEdit
from .rules import Rule, RulePackError

__all__ = [
    "CATEGORIES", "Config", "ConfigError", "Finding", "Fix", "Rule", "RulePackError", "Severity",
    "Span", "TextEdit", "check", "fix", "load_config", "rules", "__version__",
]
__version__ = "0.1.0"

#: The rule families' categories, as declared in rules/families.yml.
CATEGORIES = categories()

def _resolve(path: str | Path | None, config: Config | str | Path | None) -> Config:
    if isinstance(config, Config):
        return config
    if config is not None:
        return load_config(config)
    return config_for(Path(path)) if path else Config()


def check(text: str, *, path: str | Path | None = None,
          config: Config | str | Path | None = None) -> list[Finding]:
    """Check a postmortem's text and return its findings, sorted by position.

    `path` names the file (for reports, plain-text detection and config discovery); `config` is
    a Config, a path to a config file, or None to use the file nearest `path` (or the defaults).
    The spaCy pipeline is loaded once per process.
    """
    from .engines import engine_for

    cfg = _resolve(path, config)
    return engine_for(cfg).check_text(text, str(path) if path is not None else None)


def fix(text: str, *, path: str | Path | None = None,
        config: Config | str | Path | None = None) -> str:
    """Return `text` with every safe fix applied (idempotent: fixing twice changes nothing more)."""
    from .fixes import apply_edits, safe_edits

    current = text
    for _ in range(5):  # fixes can uncover one another; stop when nothing changes
        edits = safe_edits(check(current, path=path, config=config))
        if not edits:
            break
        updated = apply_edits(current, edits)
        if updated == current:
            break
        current = updated
    return current


def rules(config: Config | str | Path | None = None) -> list[Rule]:
    """Every rule a config sees (built-in plus its extend-rules packs), sorted by id."""
    from .registry import rule_set_for

    cfg = config if isinstance(config, Config) else (load_config(config) if config else Config())
    return list(rule_set_for(cfg))
