"""Project configuration: `[tool.blameless]` in pyproject.toml or a `.blameless.toml`.

The file is found by walking up from the checked file; `--config` names one. Selectors (in
`select`, `ignore` and `severity`) are a rule id ("B101"), an id prefix ("B1"), a category
("blame") or "all". Unknown keys, categories and ids are errors, not silently ignored.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import BlamelessError
from .families import by_category, categories, id_example, profiles, selector_pattern
from .findings import Severity
from .sections import SECTION_KINDS

CONFIG_FILES = (".blameless.toml", "pyproject.toml")
SEVERITY_VALUES = ("error", "warning", "info", "off")
SECTION_NAMES = SECTION_KINDS[:-1]
OWNER_POLICIES = ("always", "consistent", "never")
#: Skipped when a folder is searched (gitignore-style globs, relative to the config's folder).
DEFAULT_EXCLUDE = (".*", "node_modules", "venv", "build", "dist", "_build", "site-packages")


class ConfigError(BlamelessError, ValueError):
    """A configuration file or setting is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("all",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (selector, level) pairs, most specific wins
    extend_rules: tuple[str, ...] = ()
    model: str | None = None
    required_sections: tuple[str, ...] = ("summary", "impact", "timeline", "root_cause",
                                          "what_went_well", "action_items")
    owner_policy: str = "consistent"
    max_action_items: int = 10
    timeline_gap_minutes: int = 30
    rule_options: tuple[tuple[str, str, Any], ...] = ()
    time_budget: float = 60.0  # seconds one document's check may take (blameless/budget.py)
    source: str | None = None  # the file this came from
    enable: bool = True
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    cache_dir: str | None = None
    root: str | None = None  # the config file's folder: exclude globs are relative to it
    profile: str | None = None  # "public": also run the families that profile switches on


    # -- selection -------------------------------------------------------------------------
    def is_enabled(self, rule_id: str, category: str) -> bool:
        if not self.enable:
            return False
        selected = _best(self.select, rule_id, category)
        ignored = _best(self.ignore, rule_id, category)
        if selected is None:
            return False
        family = by_category(category)
        if family and family.profile and family.profile != self.profile and selected < 1:
            return False  # a profile's family: on under its profile, or when selected by name
        if ignored is not None and ignored >= selected:
            return False
        return self.severity_for(rule_id, category, None) != "off"

    def severity_for(self, rule_id: str, category: str, default: Severity | None) -> Any:
        best, level = None, None
        for selector, value in self.severity:
            rank = _specificity(selector, rule_id, category)
            if rank is not None and (best is None or rank >= best):
                best, level = rank, value
        if level is None:
            return default
        return level if level == "off" else Severity.parse(level)

    def rule_option(self, rule_id: str, name: str, default: Any) -> Any:
        for rid, key, value in self.rule_options:
            if rid == rule_id and key == name:
                return value
        return default

    def merged(self, overrides: dict[str, Any], source: str = "settings") -> "Config":
        """This config with editor settings (same keys as the file) laid over it."""
        return _apply(self, overrides, source)


def _specificity(selector: str, rule_id: str, category: str) -> int | None:
    s = selector.strip()
    if s.lower() == "all":
        return 0
    if s.lower() == category:
        return 1
    if rule_id.upper().startswith(s.upper()):
        return 1 + len(s)
    return None


def _best(selectors: tuple[str, ...], rule_id: str, category: str) -> int | None:
    ranks = [r for s in selectors if (r := _specificity(s, rule_id, category)) is not None]
    return max(ranks) if ranks else None


def _check_selector(where: str, selector: Any) -> str:
    """A selector's shape: a category, "all", or a family letter with up to three digits.

    Whether a full id names a rule is checked when the rule set for the config is built
    (registry.rule_set), since extra packs add ids.
    """
    if not isinstance(selector, str):
        raise ConfigError(f"{where}: {selector!r} is not a rule id or category")
    if selector.lower() in categories() or selector.lower() == "all":
        return selector.lower()
    if not selector_pattern().fullmatch(selector):
        raise ConfigError(f"{where}: unknown rule or category {selector!r} (use an id like "
                          f"{id_example()}, a prefix like {id_example()[:2]}, or one of {', '.join(categories())})")
    return selector.upper()


def _list(where: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: must be a list of rule ids or categories")
    return tuple(_check_selector(where, v) for v in value)


_KEYS = {"select", "ignore", "extend-select", "severity", "extend-rules", "model",
         "required-sections", "owner-policy", "max-action-items", "timeline-gap-minutes", "rules",
         "enable", "exclude", "extend-exclude", "per-file-ignores", "cache-dir", "time-budget", "profile"}


def _apply(base: Config, data: dict[str, Any], source: str) -> Config:
    data = {k.replace("_", "-"): v for k, v in data.items()}
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown key '{unknown[0]}' (known: {', '.join(sorted(_KEYS))})")
    changes: dict[str, Any] = {"source": source}
    if "enable" in data:
        if not isinstance(data["enable"], bool):
            raise ConfigError(f"{source}: enable: must be true or false")
        changes["enable"] = data["enable"]
    if "profile" in data and data["profile"] is not None:
        if data["profile"] not in profiles():
            raise ConfigError(f"{source}: profile: must be one of {', '.join(profiles())}")
        changes["profile"] = data["profile"]
    if "select" in data and data["select"] not in (None, []):
        changes["select"] = _list(f"{source}: select", data["select"])
    if "extend-select" in data:
        changes["select"] = changes.get("select", base.select) + _list(f"{source}: extend-select", data["extend-select"])
    # As in ruff, a layer that sets `select` (the command line over a config file, editor
    # settings over the project's) starts from its own selection: the ignores below it go.
    ignore_base = () if "select" in changes else base.ignore
    if "ignore" in data and data["ignore"] is not None:
        changes["ignore"] = ignore_base + _list(f"{source}: ignore", data["ignore"])
    elif ignore_base != base.ignore:
        changes["ignore"] = ignore_base
    if "severity" in data and data["severity"] is not None:
        table = data["severity"] if data["severity"] != [] else {}  # Lua sends {} as []
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: severity: must be a table of rule/category = level")
        pairs = []
        for selector, level in table.items():
            if not isinstance(level, str) or level.lower() not in SEVERITY_VALUES + ("hint",):
                raise ConfigError(f"{source}: severity.{selector}: {level!r} is not one of {', '.join(SEVERITY_VALUES)}")
            level = "info" if level.lower() == "hint" else level.lower()
            pairs.append((_check_selector(f"{source}: severity", selector), level))
        changes["severity"] = base.severity + tuple(pairs)
    if "time-budget" in data:
        value = data["time-budget"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 3600:
            raise ConfigError(f"{source}: time-budget: must be a number of seconds (0 < s <= 3600)")
        changes["time_budget"] = float(value)
    if "extend-rules" in data:
        rules = data["extend-rules"]
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise ConfigError(f"{source}: extend-rules: must be a list of rule-pack paths")
        root = Path(source).parent if source and Path(source).is_file() else Path.cwd()
        changes["extend_rules"] = tuple(str((root / r).resolve()) for r in rules)
    if "model" in data:
        if not isinstance(data["model"], str):
            raise ConfigError(f"{source}: model: must be a package name or a path")
        changes["model"] = data["model"]
    if "required-sections" in data:
        value = data["required-sections"]
        if not isinstance(value, list) or any(v not in SECTION_NAMES for v in value):
            raise ConfigError(f"{source}: required-sections: must be a list drawn from {', '.join(SECTION_NAMES)}")
        changes["required_sections"] = tuple(value)
    if "owner-policy" in data:
        if data["owner-policy"] not in OWNER_POLICIES:
            raise ConfigError(f"{source}: owner-policy: must be one of {', '.join(OWNER_POLICIES)}")
        changes["owner_policy"] = data["owner-policy"]
    for key, attr in (("max-action-items", "max_action_items"), ("timeline-gap-minutes", "timeline_gap_minutes")):
        if key in data:
            if not isinstance(data[key], int) or isinstance(data[key], bool) or data[key] < 1:
                raise ConfigError(f"{source}: {key}: must be a positive whole number")
            changes[attr] = data[key]
    if "rules" in data:
        table = data["rules"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: rules: must be a table of rule id = {{ option = value }}")
        options = list(base.rule_options)
        for rid, opts in table.items():
            rid = _check_selector(f"{source}: rules", rid)
            if not isinstance(opts, dict):
                raise ConfigError(f"{source}: rules.{rid}: must be a table of options")
            options += [(rid, k, _frozen(v)) for k, v in opts.items()]
        changes["rule_options"] = tuple(options)
    _apply_paths(data, changes, source)
    return replace(base, **changes)


def _globs(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: must be a list of glob patterns")
    return tuple(value)


def _apply_paths(data: dict[str, Any], changes: dict[str, Any], source: str) -> None:
    """exclude, extend-exclude, per-file-ignores and cache-dir (as ruff has them)."""
    for key in ("exclude", "extend-exclude"):
        if key in data:
            changes[key.replace("-", "_")] = _globs(f"{source}: {key}", data[key])
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: per-file-ignores: must be a table of glob = [rule ids or categories]")
        changes["per_file_ignores"] = tuple(
            (glob, _list(f"{source}: per-file-ignores.{glob}", selectors)) for glob, selectors in table.items())
    if "cache-dir" in data:
        if not isinstance(data["cache-dir"], str) or not data["cache-dir"].strip():
            raise ConfigError(f"{source}: cache-dir: must be a folder path")
        root = Path(source).parent if source and Path(source).is_file() else Path.cwd()
        changes["cache_dir"] = str((root / Path(data["cache-dir"]).expanduser()).resolve())


def _frozen(value: Any) -> Any:
    """A TOML value made hashable (lists become tuples, tables sorted item tuples), so that a
    Config stays a frozen, hashable value."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def find_config_file(start: Path) -> Path | None:
    """The nearest .blameless.toml, or pyproject.toml with a [tool.blameless] table, above `start`."""
    folder = start if start.is_dir() else start.parent
    for parent in [folder.resolve(), *folder.resolve().parents]:
        for name in CONFIG_FILES:
            candidate = parent / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    raw = candidate.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue
                try:
                    tool = tomllib.loads(raw).get("tool", {})
                    if not isinstance(tool, dict) or "blameless" not in tool:
                        continue
                except tomllib.TOMLDecodeError:
                    # ours but broken: load_config reports it rather than silently skip it
                    if not re.search(r"^\s*\[\s*tool\s*\.\s*blameless\b", raw, re.M):
                        continue
            return candidate
    return None


def load_config(path: str | Path) -> Config:
    """Read one config file (a .blameless.toml or a pyproject.toml)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    tool = data.get("tool")
    if "tool" in data and not isinstance(tool, dict):
        raise ConfigError(f"{path}: tool: must be a table (such as [tool.blameless]), not {type(tool).__name__}")
    if path.name == "pyproject.toml":
        data = (tool or {}).get("blameless", {})
    elif tool is not None and "blameless" in tool:
        data = tool["blameless"]
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.blameless] must be a table")
    return replace(_apply(Config(), data, str(path)), root=str(path.resolve().parent))


def config_for(path: Path | None, explicit: str | Path | None = None) -> Config:
    """The config that applies to a checked file: `explicit`, else the nearest file, else defaults."""
    if explicit:
        return load_config(explicit)
    found = find_config_file(path if path else Path.cwd())
    return load_config(found) if found else Config()
