"""An Engine that remembers each block rule's hits per block, for re-checks while typing.

The engine already caches spaCy parses by block text, so an edit re-parses only the changed
paragraph; but every rule still runs on every block. In the editor the same document is checked
hundreds of times with one paragraph changed between checks, so this keeps the hits of each
(rule, block) pair and replays them, shifted to where the block sits now, when the block and
its context are unchanged.

What a block check can see, and therefore the cache key: the rule, the block's kind, raw and
masked text, checkbox, continuation and quote flags, cells, the offsets of its lines relative to its start,
its section's kind, title and level, and which of its sentences were parsed (the prefilter's
choice can depend on the whole document: whether a capitalised word is also written in lower
case). The one word set that depends on the whole document
(the words it writes in lower case, `ctx.lowercase`) is wrapped so the cache records which words
the check asked about and the answers; an entry is reused only when every answer is still the same. A
check that iterates such a list, or a hit outside its block, makes the entry uncacheable (it
is then simply run every time). Same results as the plain Engine, just less work.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Set
from dataclasses import replace
from typing import Any

from .engine import Engine
from .findings import TextEdit


class _Asked(Set):
    """A read-only view of a document-wide word list recording membership questions."""

    def __init__(self, name: str, words: Any, log: list):
        self._name, self._words, self._log = name, words, log

    def __contains__(self, word: object) -> bool:
        answer = word in self._words
        self._log.append((self._name, word, answer))
        return answer

    def __iter__(self) -> Iterator:
        self._log.append(None)  # the check looked at the whole list: not cacheable
        return iter(self._words)

    def __len__(self) -> int:
        self._log.append(None)
        return len(self._words)

    def __hash__(self) -> int:
        self._log.append(None)
        return hash(frozenset(self._words))


def _shift_edit(edit: TextEdit, by: int) -> TextEdit:
    return replace(edit, start=edit.start + by, end=edit.end + by)


def _shift(hit: Any, by: int) -> Any:
    if by == 0:
        return hit
    fixes = tuple(replace(f, edits=tuple(_shift_edit(e, by) for e in f.edits)) for f in hit.fixes)
    return replace(hit, start=hit.start + by, end=hit.end + by, fixes=fixes)


def _inside(hit: Any, start: int, end: int) -> bool:
    if not (start <= hit.start <= hit.end <= end):
        return False
    return all(start <= e.start <= e.end <= end for f in hit.fixes for e in f.edits)


class CachingEngine(Engine):
    """Engine whose block-rule results are reused for blocks that did not change."""

    def __init__(self, *args: Any, cache_bytes: int = 4 * 1024 * 1024, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._hits: OrderedDict[tuple, tuple[tuple, tuple, int]] = OrderedDict()
        self.cache_bytes = cache_bytes  # what the remembered hits may hold (an estimate, LRU)
        self.cached_bytes = 0
        self._lock = threading.Lock()  # the language server checks documents in several threads
        self.reused = 0
        self.computed = 0

    @staticmethod
    def _key(rule: Any, block: Any, parsed: tuple) -> tuple:
        section = block.section
        anchors = tuple((b, d - block.start) for b, d in block.anchors)
        return (rule.id, block.kind, block.raw, block.text, block.checkbox, block.continuation, block.quoted,
                block.cells, anchors, section.kind, section.title, section.level, parsed)

    def _run_block_rule(self, rule: Any, block: Any, doc: Any, lowercase: Any, parsed: tuple = ()) -> Iterable:
        key = self._key(rule, block, parsed)
        entry = self._hits.get(key)
        if entry is not None:
            hits, asked, _ = entry
            if all((word in lowercase) == answer for word, answer in asked):
                with self._lock:
                    if key in self._hits:
                        self._hits.move_to_end(key)
                    self.reused += 1
                return [_shift(h, block.start) for h in hits]
        log: list = []
        hits = list(super()._run_block_rule(rule, block, doc, _Asked("lowercase", lowercase, log), parsed))
        self.computed += 1
        end = block.end
        with self._lock:
            if None not in log and all(_inside(h, block.start, end) for h in hits):
                asked = tuple(dict.fromkeys((word, answer) for _, word, answer in log))
                self._forget(key)
                size = _size(key, hits, asked)
                self._hits[key] = (tuple(_shift(h, -block.start) for h in hits), asked, size)
                self.cached_bytes += size
                while self.cached_bytes > self.cache_bytes and self._hits:
                    self.cached_bytes -= self._hits.popitem(last=False)[1][2]
            else:
                self._forget(key)
        return hits

    def _forget(self, key: tuple) -> None:
        entry = self._hits.pop(key, None)
        if entry is not None:
            self.cached_bytes -= entry[2]


def _size(key: tuple, hits: list, asked: tuple) -> int:
    """An estimate of an entry's memory: its texts, plus a few hundred bytes per hit and answer."""
    texts = sum(len(part) for part in key if isinstance(part, str))
    return 200 + 2 * texts + 400 * len(hits) + 100 * len(asked)


__all__ = ["CachingEngine"]
