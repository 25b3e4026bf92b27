"""Paths as code-hosting tools want them: relative to the repository's root, with slashes.

The root is `$GITHUB_WORKSPACE` or `$CI_PROJECT_DIR` when CI sets them, else the nearest folder
above the current one with a `.git`, else the current folder. A file outside the root keeps
its absolute path.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def repository_root() -> Path:
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        if os.environ.get(var) and Path(os.environ[var]).is_dir():
            return Path(os.environ[var]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def repo_relative(path: str) -> str | None:
    """`path` relative to the repository root with forward slashes, or None if outside it."""
    try:
        return Path(os.path.abspath(path)).resolve().relative_to(repository_root()).as_posix()
    except ValueError:
        return None
