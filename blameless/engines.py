"""The one engine cache, shared by the library, the CLI and the language server.

Bounded: an engine holds compiled matchers and (for the editor) per-block results, so the least
recently used ones are dropped when many configurations come and go.
"""
from __future__ import annotations

from functools import lru_cache

from .block_cache import CachingEngine
from .config import Config
from .engine import Engine


@lru_cache(maxsize=16)
def engine_for(config: Config, caching: bool = False) -> Engine:
    """The engine for a config; `caching` engines replay per-block results for re-checks of
    edited text (the editor's case)."""
    return CachingEngine(config) if caching else Engine(config)
