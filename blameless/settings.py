"""`--show-settings`: the configuration that applies to a file, resolved, as TOML-like lines."""
from __future__ import annotations

import json
import os

from .config import Config


def _value(v) -> str:
    if isinstance(v, tuple):
        return json.dumps(list(v))
    return json.dumps(v)


def render(config: Config, target: str, cache_dir: str | None, config_file: str | None) -> str:
    from .model import chosen

    pipeline = chosen(config.model or os.environ.get("BLAMELESS_MODEL") or None)
    lines = [f"# Resolved settings for {target}",
             f"# config file: {config_file or 'none (defaults)'}",
             f"enable = {_value(config.enable)}",
             f"select = {_value(config.select)}",
             f"ignore = {_value(config.ignore)}",
             "severity = {" + ", ".join(f"{k} = {_value(v)}" for k, v in config.severity) + "}",
             f"exclude = {_value(config.exclude)}",
             f"extend-exclude = {_value(config.extend_exclude)}",
             "per-file-ignores = {" + ", ".join(f"{_value(g)} = {_value(s)}" for g, s in config.per_file_ignores) + "}",
             f"required-sections = {_value(config.required_sections)}",
             f"owner-policy = {_value(config.owner_policy)}",
             f"max-action-items = {config.max_action_items}",
             f"timeline-gap-minutes = {config.timeline_gap_minutes}",
             f"extend-rules = {_value(config.extend_rules)}",
             f"model = {_value(config.model)}",
             f"cache-dir = {_value(cache_dir)}",
             f"# pipeline in use: {pipeline.label if pipeline else 'none installed'}"]
    if config.rule_options:
        lines.append("rules = {" + ", ".join(f"{r}.{k} = {_value(v)}" for r, k, v in config.rule_options) + "}")
    return "\n".join(lines)
