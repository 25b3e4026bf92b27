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
from .errors import BlamelessError, CheckIncomplete, InputError
from .families import categories
from .findings import Finding, Fix, Severity, Span, TextEdit
from .nlp import ModelNotFound
from .rules import Rule, RulePackError

__all__ = [
    "BlamelessError", "CATEGORIES", "CheckIncomplete", "Config", "ConfigError", "Finding", "Fix",
    "InputError", "ModelNotFound", "Rule", "RulePackError", "Severity",
    "Span", "TextEdit", "check", "fix", "load_config", "rules", "__version__",
]
from .version import __version__  # noqa: E402,F401  (re-exported)

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
    import warnings

    from .document import parse
    from .engines import engine_for

    if not isinstance(text, str):
        raise TypeError(f"blameless.check() needs the text as a str, not {type(text).__name__}")
    cfg = _resolve(path, config)
    document = parse(text, path=str(path) if path is not None else None)
    findings = engine_for(cfg).check_document(document)
    for note in document.notes:  # e.g. the time budget ran out: the findings are partial
        warnings.warn(f"{path or 'text'}: {note}", CheckIncomplete, stacklevel=2)
    return findings


def fix(text: str, *, path: str | Path | None = None,
        config: Config | str | Path | None = None) -> str:
    """Return `text` with every safe fix applied (idempotent: fixing twice changes nothing more)."""
    from .document import parse
    from .families import by_category
    from .fixes import apply_edits, apply_keeping_code, outside_code, safe_edits

    current = text
    for _ in range(5):  # fixes can uncover one another; stop when nothing changes
        document = parse(current, path=str(path) if path is not None else None)
        findings = check(current, path=path, config=config)
        # A profile's family (redaction) exists to rewrite what sits in code: a pasted secret. Its
        # placeholders replace whole values; every other fix stays out of code.
        in_code = [f for f in findings if (family := by_category(f.category)) and family.profile]
        edits = outside_code(safe_edits([f for f in findings if f not in in_code]), document)
        redactions = safe_edits(in_code)
        if not edits and not redactions:
            break
        updated = apply_keeping_code(current, edits) if edits else current
        if redactions:  # prose edits first changed nothing in code, so code offsets still hold
            taken = sorted(redactions, key=lambda e: (e.start, e.end))
            if edits:  # recheck after the prose fixes moved offsets: next pass picks them up
                current = updated
                continue
            updated = apply_edits(updated, taken)
        if updated == current:
            break
        current = updated
    return current


def rules(config: Config | str | Path | None = None) -> list[Rule]:
    """Every rule a config sees (built-in plus its extend-rules packs), sorted by id."""
    from .registry import rule_set_for

    cfg = config if isinstance(config, Config) else (load_config(config) if config else Config())
    return list(rule_set_for(cfg))
