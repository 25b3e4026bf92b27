"""File selection as ruff does it: `exclude` / `extend-exclude` globs and `per-file-ignores`.

Globs follow .gitignore rules (pathspec's implementation): a pattern without a slash matches a
file or folder of that name at any depth (`drafts`, `*.txt`, `.*`), one with a slash is relative
to the folder of the config file (`archive/2019/*.md`), and a folder's pattern covers everything
under it. A per-file-ignores pattern starting with `!` applies to the files it does not match.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pathspec

from .config import Config
from .findings import Finding


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def relative(path: str | Path, root: str | Path | None) -> str:
    """`path` relative to `root` (the config's folder, else the current one), with forward
    slashes; a path outside it is taken relative to its own folder (its name)."""
    absolute = Path(os.path.abspath(path))
    base = Path(os.path.abspath(root or Path.cwd()))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.name


def is_excluded(path: str | Path, config: Config, *, search_root: str | Path | None = None) -> bool:
    """Whether `exclude` + `extend-exclude` match the file (or a folder it is in).

    `search_root` is the folder the user named, in which the file was found: a folder named on
    the command line is searched even if it is excluded itself (`blameless check .github/`),
    and then only the part of the path below it is matched."""
    spec = _spec(config.exclude + config.extend_exclude)
    rel = relative(path, config.root)
    if search_root is not None:
        named = relative(search_root, config.root)
        if named not in ("", ".") and spec.match_file(named.rstrip("/") + "/"):
            inner = os.path.relpath(os.path.abspath(path), os.path.abspath(search_root))
            return spec.match_file(Path(inner).as_posix())
    return spec.match_file(rel)


def ignored_selectors(path: str | Path, config: Config) -> tuple[str, ...]:
    """The rule ids, prefixes and categories that per-file-ignores switch off for this file."""
    rel = relative(path, config.root)
    out: list[str] = []
    for pattern, selectors in config.per_file_ignores:
        negated = pattern.startswith("!")
        hit = _spec((pattern[1:] if negated else pattern,)).match_file(rel)
        if hit != negated:
            out.extend(selectors)
    return tuple(out)


def drop_ignored(findings: list[Finding], selectors: tuple[str, ...]) -> list[Finding]:
    if not selectors:
        return findings

    def matches(f: Finding) -> bool:
        for s in selectors:
            if s == "all" or s == f.category or f.rule.startswith(s):
                return True
        return False

    return [f for f in findings if not matches(f)]
