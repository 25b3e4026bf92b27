"""Which parses the open documents still use, so the server releases the rest at once.

The parse cache is shared by every open document and bounded by bytes; on top of that, after
each check the texts the previous version of that document parsed and no open document's
latest check uses any more (a replaced paragraph, a closed file) are released: they are the
first to leave when the cache is full, so a long editing session keeps the parses of what is
open now, not of everything ever typed.
"""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable


class Retention:
    def __init__(self) -> None:
        self._by_uri: dict[str, frozenset[str]] = {}
        self._users: Counter[str] = Counter()  # how many open documents use each text
        self._lock = threading.Lock()

    def update(self, uri: str, texts: Iterable[str]) -> set[str]:
        """Record what `uri`'s latest check used; returns the texts nothing uses any more."""
        new = frozenset(texts)
        with self._lock:
            old = self._by_uri.get(uri, frozenset())
            self._by_uri[uri] = new
            return self._forget(old - new, added=new - old)

    def close(self, uri: str) -> set[str]:
        """`uri` is closed: returns the texts only it used."""
        with self._lock:
            return self._forget(self._by_uri.pop(uri, frozenset()), added=frozenset())

    def _forget(self, dropped: frozenset[str], added: frozenset[str]) -> set[str]:
        self._users.update(added)
        released = set()
        for text in dropped:
            self._users[text] -= 1
            if self._users[text] <= 0:
                del self._users[text]
                released.add(text)
        return released
