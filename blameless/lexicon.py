"""The English lexicon: every word list the rules and checks read, defined once under rules/en/.

Each file in rules/en/ maps list names to lists of words or phrases. A list is read by name
(`lexicon().words("fault_verbs")`); an entry written `$other` includes the list `other`, so a
list built from others ("removable" = editorial words + judgement adverbs) is never re-typed.
Loading fails, naming the file, on a list defined twice or an entry repeated within a list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import yaml_files

from .errors import BlamelessError
from .families import rules_dir


class LexiconError(BlamelessError, ValueError):
    """A lexicon file is malformed; the message names the file and the list.

    (The CLI and the server report it as they report a malformed rule pack: one line.)"""


@dataclass(frozen=True)
class Lexicon:
    raw: dict[str, tuple[str, ...]]  # as written, includes unexpanded
    sources: dict[str, Path]

    def names(self) -> tuple[str, ...]:
        return tuple(self.raw)

    def entries(self, name: str) -> tuple[str, ...]:
        """The list's entries in order, includes expanded, lower-cased."""
        return _expanded(self, name)

    def words(self, name: str) -> frozenset[str]:
        return _word_set(self, name)

    def includes(self, name: str) -> tuple[str, ...]:
        return tuple(e[1:] for e in self.raw[name] if e.startswith("$"))

    def alternation(self, name: str) -> str:
        """A regex alternation of the list's entries: longest first, any whitespace between words."""
        return _alternation(self.entries(name))

    def __hash__(self) -> int:  # one instance per folder; identity is enough
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


def _alternation(entries: tuple[str, ...]) -> str:
    alternatives = sorted((re.escape(e).replace(r"\ ", r"\s+") for e in entries), key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")"


@lru_cache(maxsize=512)
def _expanded(lexicon: Lexicon, name: str, _seen: tuple[str, ...] = ()) -> tuple[str, ...]:
    if name not in lexicon.raw:
        raise KeyError(f"no word list named {name!r} in rules/en/")
    out: list[str] = []
    for entry in lexicon.raw[name]:
        if entry.startswith("$"):
            other = entry[1:]
            if other in _seen or other == name:
                raise LexiconError(f"{lexicon.sources[name]}: {name}: includes itself through ${other}")
            out.extend(e for e in _expanded(lexicon, other, _seen + (name,)) if e not in out)
        elif entry not in out:
            out.append(entry)
    return tuple(out)


@lru_cache(maxsize=512)
def _word_set(lexicon: Lexicon, name: str) -> frozenset[str]:
    return frozenset(lexicon.entries(name))


def load_lexicon(folder: Path) -> Lexicon:
    raw: dict[str, tuple[str, ...]] = {}
    sources: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            data = yaml_files.load(path.read_text(encoding="utf-8")) or {}
        except yaml_files.YAMLError as err:
            raise LexiconError(f"{path}: invalid YAML: {err}") from None
        if not isinstance(data, dict):
            raise LexiconError(f"{path}: a lexicon file maps list names to lists of words")
        for name, entries in data.items():
            if name in raw:
                raise LexiconError(f"{path}: {name}: list already defined in {sources[name].name}")
            if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
                odd = next((e for e in entries if not isinstance(e, str)), None) if isinstance(entries, list) else None
                hint = f" (YAML read {odd!r}: quote words like \"no\" and \"on\")" if isinstance(odd, bool) else ""
                raise LexiconError(f"{path}: {name}: must be a list of non-empty strings{hint}")
            lowered = [" ".join(e.lower().split()) for e in entries]
            seen: set[str] = set()
            for entry in lowered:
                if entry in seen:
                    raise LexiconError(f"{path}: {name}: entry {entry!r} is repeated")
                seen.add(entry)
            raw[name] = tuple(lowered)
            sources[name] = path
    lexicon = Lexicon(raw, sources)
    for name in raw:
        for other in lexicon.includes(name):
            if other not in raw:
                raise LexiconError(f"{sources[name]}: {name}: includes ${other}, which no file defines")
        lexicon.entries(name)  # raises on include cycles
    return lexicon


@lru_cache(maxsize=1)
def english() -> Lexicon:
    """The built-in English lexicon (rules/en/)."""
    return load_lexicon(rules_dir() / "en")


def alternation(name: str) -> str:
    """An English lexicon list as a regex alternation (the checks' and readers' one way to put a
    word list in a pattern)."""
    return english().alternation(name)
