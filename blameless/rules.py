"""Rule packs: YAML data describing each rule, validated on load.

A pack is a YAML file with a `rules:` list (and optional `lexicon:` word lists shared by its
rules). Each rule has a stable id, a category, a severity, a scope, a message, a rationale, a
suggestion, examples that must be flagged (`flag:`) and left alone (`pass:`), and one way of
matching: a `check:` naming code in `blameless.checks`, `phrases:` (whole-word, case-insensitive),
or `patterns:` (spaCy `Matcher` token patterns).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .document import SECTION_SYNONYMS
from .findings import CATEGORIES, Severity

ID_PREFIX = {"blame": "B1", "action-item": "A2", "timeline": "T3", "structure": "S4"}
BLOCK_KINDS = ("paragraph", "list_item", "table_row", "heading")
SECTION_KINDS = tuple(SECTION_SYNONYMS) + ("other",)
EXAMPLE_CONTEXTS = ("prose", "timeline", "action", "document")


class RulePackError(ValueError):
    """A rule pack is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Scope:
    sections: frozenset[str] | None = None  # None = every section
    exclude_sections: frozenset[str] = frozenset()
    blocks: frozenset[str] = frozenset({"paragraph", "list_item", "table_row"})

    def admits(self, section_kind: str, block_kind: str) -> bool:
        if block_kind not in self.blocks or section_kind in self.exclude_sections:
            return False
        return self.sections is None or section_kind in self.sections


@dataclass(frozen=True)
class Example:
    text: str
    context: str  # where the example sits: prose, timeline, action, or a whole document


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: Severity
    message: str
    rationale: str
    suggestion: str
    scope: Scope
    flag: tuple[Example, ...]
    passes: tuple[Example, ...]
    check: str | None = None
    phrases: tuple[str, ...] = ()
    patterns: tuple[Any, ...] = ()
    fix: str | None = None  # "remove": delete the matched words (phrase/pattern rules)
    needs_parse: bool = True
    triggers: frozenset[str] = frozenset()
    options: dict = field(default_factory=dict, hash=False, compare=False)
    lexicon: dict = field(default_factory=dict, hash=False, compare=False)
    pack: str = ""

    @property
    def document_level(self) -> bool:
        return self.scope.blocks == frozenset({"document"})


_ID = re.compile(r"^[BATS]\d{3}$")
_REQUIRED = ("id", "name", "category", "severity", "message", "rationale", "suggestion", "examples")
_KNOWN = set(_REQUIRED) | {"scope", "check", "phrases", "patterns", "fix", "needs_parse",
                           "triggers", "options"}


def _fail(path: Path, where: str, problem: str) -> RulePackError:
    return RulePackError(f"{path}: {where}: {problem}")


def _examples(path: Path, where: str, raw: Any, default_context: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(path, where, "must be a list of strings or {text, context} mappings")
    out = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(Example(item, default_context))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            context = item.get("context", default_context)
            if context not in EXAMPLE_CONTEXTS:
                raise _fail(path, f"{where}[{i}].context",
                            f"unknown context {context!r} (expected one of {', '.join(EXAMPLE_CONTEXTS)})")
            out.append(Example(item["text"], context))
        else:
            raise _fail(path, f"{where}[{i}]", "must be a string or a mapping with 'text'")
    return tuple(out)


def _scope(path: Path, where: str, raw: Any) -> Scope:
    if raw is None:
        return Scope()
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a mapping with sections / exclude_sections / blocks")
    unknown = set(raw) - {"sections", "exclude_sections", "blocks"}
    if unknown:
        raise _fail(path, f"{where}.{sorted(unknown)[0]}", "unknown field")
    def names(key: str, allowed: tuple[str, ...]) -> frozenset[str] | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _fail(path, f"{where}.{key}", "must be a list of names")
        for v in value:
            if v not in allowed:
                raise _fail(path, f"{where}.{key}", f"unknown name {v!r} (expected one of {', '.join(allowed)})")
        return frozenset(value)
    sections = names("sections", SECTION_KINDS)
    exclude = names("exclude_sections", SECTION_KINDS) or frozenset()
    blocks = names("blocks", BLOCK_KINDS + ("document",))
    return Scope(sections, exclude, blocks if blocks is not None else Scope().blocks)


def _rule(path: Path, index: int, raw: Any, lexicon: dict) -> Rule:
    where = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a mapping")
    if "id" in raw:
        where = f"rule {raw['id']}"
    for key in _REQUIRED:
        if key not in raw:
            raise _fail(path, where, f"missing required field '{key}'")
    unknown = set(raw) - _KNOWN
    if unknown:
        raise _fail(path, f"{where}.{sorted(unknown)[0]}", "unknown field")
    rule_id = raw["id"]
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise _fail(path, f"{where}.id", f"{rule_id!r} is not an id like B101")
    category = raw["category"]
    if category not in CATEGORIES:
        raise _fail(path, f"{where}.category", f"unknown category {category!r} (expected one of {', '.join(CATEGORIES)})")
    if not rule_id.startswith(ID_PREFIX[category]):
        raise _fail(path, f"{where}.id", f"{category} rules have ids starting {ID_PREFIX[category]}")
    try:
        severity = Severity.parse(str(raw["severity"]))
    except ValueError as err:
        raise _fail(path, f"{where}.severity", str(err)) from None
    for key in ("name", "message", "rationale", "suggestion"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise _fail(path, f"{where}.{key}", "must be a non-empty string")
    ways = [k for k in ("check", "phrases", "patterns") if raw.get(k)]
    if len(ways) != 1:
        raise _fail(path, where, "needs exactly one of 'check', 'phrases' or 'patterns'")
    phrases = raw.get("phrases") or []
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise _fail(path, f"{where}.phrases", "must be a list of non-empty strings")
    patterns = raw.get("patterns") or []
    if not isinstance(patterns, list) or not all(isinstance(p, list) for p in patterns):
        raise _fail(path, f"{where}.patterns", "must be a list of spaCy token patterns (lists)")
    check = raw.get("check")
    if check is not None:
        from .checks import CHECKS
        if check not in CHECKS:
            raise _fail(path, f"{where}.check", f"no check named {check!r} in blameless.checks")
    fix = raw.get("fix")
    if fix not in (None, "remove"):
        raise _fail(path, f"{where}.fix", "the only declarative fix is 'remove'")
    examples = raw["examples"]
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass", "context"}:
        raise _fail(path, f"{where}.examples", "must be a mapping with 'flag' and 'pass' lists")
    default_context = examples.get("context", "prose")
    if default_context not in EXAMPLE_CONTEXTS:
        raise _fail(path, f"{where}.examples.context", f"unknown context {default_context!r}")
    flag = _examples(path, f"{where}.examples.flag", examples.get("flag"), default_context)
    passes = _examples(path, f"{where}.examples.pass", examples.get("pass"), default_context)
    if not flag or not passes:
        raise _fail(path, f"{where}.examples", "needs at least one 'flag' and one 'pass' example")
    triggers = raw.get("triggers") or []
    if not isinstance(triggers, list):
        raise _fail(path, f"{where}.triggers", "must be a list of words")
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise _fail(path, f"{where}.options", "must be a mapping")
    needs_parse = raw.get("needs_parse", bool(patterns) or bool(check))
    return Rule(
        id=rule_id, name=raw["name"], category=category, severity=severity,
        message=raw["message"].strip(), rationale=" ".join(raw["rationale"].split()),
        suggestion=raw["suggestion"].strip(), scope=_scope(path, f"{where}.scope", raw.get("scope")),
        flag=flag, passes=passes, check=check, phrases=tuple(phrases), patterns=tuple(patterns),
        fix=fix, needs_parse=bool(needs_parse), triggers=frozenset(t.lower() for t in triggers),
        options=options, lexicon=lexicon, pack=path.stem,
    )


def load_pack(path: str | Path) -> list[Rule]:
    """Load and validate one rule pack; raises RulePackError naming the file and field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise RulePackError(f"{path}: cannot read rule pack: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise RulePackError(f"{path}: rule pack is not UTF-8 text") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise RulePackError(f"{path}: invalid YAML{at}: {getattr(err, 'problem', None) or err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RulePackError(f"{path}: rules: a rule pack needs a top-level 'rules' list")
    lexicon = data.get("lexicon") or {}
    if not isinstance(lexicon, dict):
        raise RulePackError(f"{path}: lexicon: must be a mapping of names to word lists")
    return [_rule(path, i, raw, lexicon) for i, raw in enumerate(data["rules"])]


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the wheel (blameless/_rules) or the source checkout (rules/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


@lru_cache(maxsize=8)
def load_rules(extra: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """All built-in rules plus any extra packs, checked for duplicate ids."""
    paths = sorted(p for p in builtin_rules_dir().glob("*.yml") if p.name != "lexicon.yml")
    paths += [Path(p) for p in extra]
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in paths:
        for rule in load_pack(path):
            if rule.id in seen:
                raise RulePackError(f"{path}: rule {rule.id}: id already used in {seen[rule.id]}")
            seen[rule.id] = path
            rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.id))


@lru_cache(maxsize=1)
def shared_lexicon() -> dict[str, frozenset[str]]:
    """Word lists every check may use (people, roles, systems), from rules/lexicon.yml."""
    path = builtin_rules_dir() / "lexicon.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {k: frozenset(str(w).lower() for w in v) for k, v in data.items()}


def rule_by_id(rule_id: str) -> Rule | None:
    for rule in load_rules():
        if rule.id == rule_id.upper():
            return rule
    return None
