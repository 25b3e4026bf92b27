"""The one spaCy pipeline, loaded lazily, and a cache of parsed texts.

`import spacy` costs about a second, so nothing here imports it until a text needs parsing.
Parsed `Doc`s are cached by text: an edit in the editor re-parses only the blocks it changed.
"""
from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

from .model import INSTALL_HINT, ModelIntegrityError, ModelNotFound  # noqa: F401  (re-exported)


class Pipeline:
    """A lazily loaded spaCy pipeline with an LRU cache of parsed texts."""

    def __init__(self, model: str | None = None, cache_size: int = 20000):
        self.model = model or os.environ.get("BLAMELESS_MODEL") or None
        self._nlp: Language | None = None
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.loaded = None  # the blameless.model.Candidate in use, once loaded
        self.parsed = 0  # texts actually run through the parser (for tests and benchmarks)

    @property
    def nlp(self) -> "Language":
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = self._load()
        return self._nlp

    def _load(self) -> "Language":
        """The first pipeline of blameless.model's precedence that loads; each one that fails to
        load is skipped with one warning line on stderr. A pinned pipeline whose files differ
        from the recorded hashes is an error, never skipped."""
        import spacy

        from . import model as models

        failures: list[str] = []
        for candidate in models.candidates(self.model):
            if candidate.problem is not None:
                if candidate.role == "configured":
                    failures.append(f"spaCy pipeline {candidate.name!r} from config: {candidate.problem}")
                continue
            if candidate.role == "pinned":
                models.verify_pinned(candidate.path)
            try:
                # NER is off: it costs half the parse time and misses names in postmortem prose.
                nlp = spacy.load(str(candidate.path) if candidate.role == "configured" and candidate.path
                                 else candidate.name, exclude=["ner"])
                _add_special_cases(nlp)
            except Exception as err:  # a broken package: any error from its loader
                reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
                failures.append(f"cannot load spaCy pipeline {candidate.name!r}: {reason}")
                continue
            self.loaded = candidate
            for failure in failures:
                _warn(f"{failure}; using {candidate.label}")
            return nlp
        if failures:
            raise ModelNotFound(f"{failures[-1]}; {INSTALL_HINT}")
        raise ModelNotFound(INSTALL_HINT)

    def parse_many(self, texts: Iterable[str]) -> dict[str, "Doc"]:
        """Parse texts (batched through `nlp.pipe`), reusing cached parses."""
        wanted = list(dict.fromkeys(texts))
        with self._lock:
            missing = [t for t in wanted if t not in self._cache]
        if missing:
            docs = list(self.nlp.pipe(missing, batch_size=64))
            with self._lock:
                self.parsed += len(missing)
                for text, doc in zip(missing, docs):
                    self._cache[text] = doc
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        out = {}
        with self._lock:
            for text in wanted:
                doc = self._cache.get(text)
                if doc is None:  # evicted between the two steps; parse it again
                    doc = self.nlp(text)
                else:
                    self._cache.move_to_end(text)
                out[text] = doc
        return out

    def parse(self, text: str) -> "Doc":
        return self.parse_many([text])[text]


def _warn(message: str) -> None:
    print(f"blameless: warning: {message}", file=sys.stderr, flush=True)


#: Hyphenated role words kept as one token: split, "the on-call" parses as a preposition phrase.
ROLE_TOKENS = ("on-call", "on-caller", "on-callers")


def _add_special_cases(nlp: "Language") -> None:
    from spacy.symbols import ORTH

    for word in ROLE_TOKENS:
        for form in (word, word.capitalize(), word.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


_shared: dict[str | None, Pipeline] = {}


def shared_pipeline(model: str | None = None) -> Pipeline:
    """The process-wide pipeline for `model` (loaded once per process)."""
    if model not in _shared:
        _shared[model] = Pipeline(model)
    return _shared[model]
