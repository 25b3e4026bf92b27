"""Editor settings (section "blameless") and how they lay over the project's config file."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from blameless.config import Config, ConfigError, find_config_file, load_config
from blameless.registry import rule_set_for

#: The keys editors send (editors/vscode package.json, editors/nvim/lsp/blameless.lua).
SETTING_KEYS = ("enable", "select", "ignore", "severity")
DEFAULT_DEBOUNCE_MS = 300


def clean_settings(raw: Any) -> dict[str, Any]:
    """The blameless keys of a settings object; other keys (trace, server...) are the client's.

    Raises ConfigError when the object or a value has the wrong shape.
    """
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"settings: expected an object with {', '.join(SETTING_KEYS)}, got {raw!r}")
    if isinstance(raw.get("blameless"), dict) and not any(k in raw for k in SETTING_KEYS):
        raw = raw["blameless"]  # {"blameless": {...}} as some clients send it
    out: dict[str, Any] = {}
    for key in SETTING_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if key in ("select", "ignore") and isinstance(value, list) and not value:
            continue
        if key == "severity" and isinstance(value, dict) and not value:
            continue
        out[key] = value
    return out


def debounce_seconds(init_options: Any) -> float:
    """`debounceMs` from initializationOptions, else $BLAMELESS_LSP_DEBOUNCE_MS, else 300 ms."""
    value: Any = None
    if isinstance(init_options, dict):
        value = init_options.get("debounceMs", init_options.get("debounce_ms"))
    if value is None:
        value = os.environ.get("BLAMELESS_LSP_DEBOUNCE_MS")
    try:
        ms = float(value) if value is not None else DEFAULT_DEBOUNCE_MS
    except (TypeError, ValueError):
        ms = DEFAULT_DEBOUNCE_MS
    return max(ms, 0.0) / 1000.0


def _stamp(path: Path | None) -> tuple | None:
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class ConfigResolver:
    """The config for a document: the nearest config file, with the editor's settings over it.

    Files are looked up per folder and re-read when their mtime or size changes; `refresh()`
    forgets the lookups (after a save, when a config file may have appeared).
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[Path | None, tuple | None, Config | ConfigError]] = {}
        self._merged: dict[tuple, Config | ConfigError] = {}

    def refresh(self) -> None:
        self._files.clear()
        self._merged.clear()

    def base(self, folder: Path) -> Config:
        key = str(folder)
        entry = self._files.get(key)
        if entry is not None:
            found, stamp, result = entry
            if _stamp(found) != stamp:
                entry = None
        if entry is None:
            found = find_config_file(folder)
            stamp = _stamp(found)
            try:
                result = load_config(found) if found else Config()
            except ConfigError as err:
                result = err
            self._files[key] = (found, stamp, result)
        if isinstance(result, ConfigError):
            raise result
        return result

    def resolve(self, folder: Path, settings: dict[str, Any]) -> Config:
        """The config for a folder with the editor's settings on top, checked against its rules."""
        config = self._resolve(folder, settings)
        rule_set_for(config)  # a selector naming no rule of the set is a ConfigError
        return config

    def _resolve(self, folder: Path, settings: dict[str, Any]) -> Config:
        base = self.base(folder)
        if not settings:
            return base
        key = (base, repr(sorted(settings.items())))
        result = self._merged.get(key)
        if result is None:
            try:
                result = base.merged(settings, source="editor settings")
            except ConfigError as err:
                result = err
            self._merged[key] = result
        if isinstance(result, ConfigError):
            raise result
        return result
