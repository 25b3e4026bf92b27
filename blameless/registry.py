"""One rule set per configuration: the built-in packs plus the config's `extend-rules` packs.

Every surface reads rules from here: the engine, `blameless rules` and `explain`, SARIF's
`driver.rules`, the docs and the language server's hover. Rule sets are cached (bounded);
engines are cached in `engines.engine_for`.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .config import Config, ConfigError
from .rules import Rule, load_rules


class RuleSet:
    """An ordered, id-indexed set of rules."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self._by_id = {r.id: r for r in rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id.upper()) if isinstance(rule_id, str) else None

    def enabled(self, config: Config) -> list[Rule]:
        return [r for r in self.rules if config.is_enabled(r.id, r.category)]


@lru_cache(maxsize=8)
def rule_set(extra_packs: tuple[str, ...] = ()) -> RuleSet:
    return RuleSet(load_rules(extra_packs))


def rule_set_for(config: Config) -> RuleSet:
    """The rules a config sees; a selector naming a full id no rule has is a ConfigError."""
    rules = rule_set(config.extend_rules)
    selectors = config.select + config.ignore + tuple(s for s, _ in config.severity)
    for selector in selectors:
        if len(selector) == 4 and selector[1:].isdigit() and rules.get(selector) is None:
            where = config.source or "config"
            raise ConfigError(f"{where}: no rule has the id {selector.upper()!r}")
    return rules
