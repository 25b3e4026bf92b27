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
from functools import lru_cache
from typing import TYPE_CHECKING

from . import budget

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

from .model import INSTALL_HINT, ModelIntegrityError, ModelNotFound  # noqa: F401  (re-exported)


#: What the parse cache of a library process may hold; the CLI holds none across files, the
#: language server SERVER_CACHE_BYTES (the parses of the documents open, released ones first).
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
SERVER_CACHE_BYTES = 16 * 1024 * 1024
#: A parsed Doc's memory without its tensor, measured on postmortem prose (tracemalloc).
_BYTES_PER_TOKEN, _BYTES_PER_DOC = 520, 1024


class Pipeline:
    """A lazily loaded spaCy pipeline with a cache of parsed texts, bounded by bytes (LRU)."""

    def __init__(self, model: str | None = None, cache_bytes: int = DEFAULT_CACHE_BYTES):
        self.model = model or os.environ.get("BLAMELESS_MODEL") or None
        self._nlp: Language | None = None
        self._cache: OrderedDict[str, tuple[Doc, int]] = OrderedDict()
        self.cache_bytes = cache_bytes
        self.cached_bytes = 0
        self._lock = threading.Lock()
        self.loaded = None  # the blameless.model.Candidate in use, once loaded
        self._parse_lock = threading.Lock()
        self.parsed = 0  # texts actually run through the parser (for tests and benchmarks)
        self.parsed_words = 0  # and their whitespace-separated words

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

        _register_folder_tokenizer()

        failures: list[str] = []
        for candidate in models.candidates(self.model):
            if candidate.name.startswith("blank:"):  # a deliberate choice, not a failed load
                raise ModelNotFound(
                    f"model {candidate.name!r} is a blank spaCy pipeline: it has no tagger or parser, "
                    "which blameless's rules read; name a trained English pipeline such as "
                    "en_core_web_sm, or leave `model` unset")
            if candidate.problem is not None:
                if candidate.role == "configured":
                    failures.append(f"spaCy pipeline {candidate.name!r} from config: {candidate.problem}")
                continue
            if candidate.role == "pinned":
                models.verify_pinned(candidate.path)
            try:
                # NER is off: it costs half the parse time and misses names in postmortem prose.
                nlp = spacy.load(str(candidate.path) if candidate.role == "configured" and candidate.path
                                 else candidate.name, exclude=["ner"],
                                 config=_FOLDER_TOKENIZER if candidate.role == "pinned" and _drop_ins_wanted() else {})
            except Exception as err:  # noqa: BLE001 (a broken package or folder raises many kinds)
                reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
                failures.append(f"cannot load spaCy pipeline {candidate.name!r}: {reason}")
                continue
            missing = [c for c in ("tagger", "parser") if c not in nlp.pipe_names]
            if missing:
                failures.append(f"spaCy pipeline {candidate.name!r} has no {' or '.join(missing)}, "
                                "which blameless's rules read")
                continue
            add_special_cases(nlp)
            _parse_cheaper(nlp)
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
        out: dict[str, Doc] = {}
        with self._lock:
            for text in wanted:
                entry = self._cache.get(text)
                if entry is not None:
                    self._cache.move_to_end(text)
                    out[text] = entry[0]
        missing = [t for t in wanted if t not in out]
        if missing:
            docs = self._pipe(missing)
            with self._lock:
                self.parsed += len(missing)
                self.parsed_words += sum(len(t.split()) for t in missing)
                for text, doc in zip(missing, docs):
                    out[text] = doc
                    self._remember(text, doc)
        return out

    def _remember(self, text: str, doc: "Doc") -> None:
        size = _BYTES_PER_DOC + _BYTES_PER_TOKEN * len(doc)
        if size > self.cache_bytes or text in self._cache:
            return
        self._cache[text] = (doc, size)
        self.cached_bytes += size
        self._trim()

    def parsed_texts(self) -> list[str]:
        """The texts whose parses are cached, least recently used first."""
        with self._lock:
            return list(self._cache)

    def release(self, texts: Iterable[str]) -> None:
        """Let these texts' parses go first (the server: blocks no open document has any more):
        they move to the old end of the cache and leave it as soon as it is over its bound."""
        with self._lock:
            for text in texts:
                if text in self._cache:
                    self._cache.move_to_end(text, last=False)
            self._trim()

    def _trim(self) -> None:
        while self.cached_bytes > self.cache_bytes and self._cache:
            _, (_, dropped) = self._cache.popitem(last=False)
            self.cached_bytes -= dropped

    def _pipe(self, texts: list[str]) -> list["Doc"]:
        """Parse texts in order. A text longer than PIECE is parsed in pieces cut at whitespace
        and joined back into one Doc (spaCy refuses texts over `nlp.max_length`, and the
        parser's memory grows with the length of what it is given)."""
        nlp = self.nlp
        short = [t for t in texts if len(t) <= PIECE]
        # One parse at a time (a Language is not meant to be shared), on one BLAS thread: the
        # matrices are small, and OpenBLAS's threads spin while they wait, so two processes of
        # a `--jobs 2` run took 2.5 times the CPU with them.
        with self._parse_lock, _blas().limit(limits=1, user_api="blas"):
            parsed = {}
            for text, doc in zip(short, nlp.pipe(short, batch_size=BATCH)):
                parsed[text] = _without_tensor(doc)
                budget.spend()
            for text in texts:
                if text not in parsed:
                    from spacy.tokens import Doc

                    docs = []
                    for piece in _pieces(text):
                        budget.spend()
                        docs.append(nlp(piece))
                    parsed[text] = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
        return [parsed[t] for t in texts]

    def parse(self, text: str) -> "Doc":
        return self.parse_many([text])[text]


@lru_cache(maxsize=1)
def _blas():
    """threadpoolctl's handle on the BLAS libraries numpy loaded (made once: finding them takes
    about 0.3 ms, using the handle about 12 µs)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _without_tensor(doc: "Doc") -> "Doc":
    """The Doc without `doc.tensor` (tok2vec's output: half a parse's memory; no rule reads it)."""
    import numpy

    doc.tensor = numpy.zeros((0, 0), dtype="float32")
    return doc


def _warn(message: str) -> None:
    print(f"blameless: warning: {message}", file=sys.stderr, flush=True)


#: Texts per `nlp.pipe` batch. A batch runs every layer of the models once, so fuller batches
#: parse faster (on the corpus, 16: 1.22 s, 32: 1.10 s, 64: 1.06 s), but a batch's working memory
#: grows with it: with files checked in groups, 64 raised a run's peak RSS by 30 MiB, 32 by 5.
BATCH = 32

#: Longest text given to the parser at once (spaCy's own limit is 1,000,000 characters).
PIECE = 50_000


def _pieces(text: str) -> list[str]:
    """`text` cut into consecutive pieces of at most PIECE characters, each ending after
    whitespace where there is any (so no word is split), joining back to exactly `text`."""
    pieces, start = [], 0
    while len(text) - start > PIECE:
        cut = max(text.rfind(" ", start, start + PIECE), text.rfind("\n", start, start + PIECE))
        end = cut + 1 if cut > start else start + PIECE
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


#: Hyphenated role words kept as one token: split, "the on-call" parses as a preposition phrase.
ROLE_TOKENS = ("on-call", "on-caller", "on-callers")


def add_special_cases(nlp: "Language") -> None:
    from spacy.symbols import ORTH

    for word in ROLE_TOKENS:
        for form in (word, word.capitalize(), word.upper()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def _drop_ins_wanted() -> bool:
    """Whether to load cheaper drop-ins for stock parts (BLAMELESS_STOCK_ATTRIBUTE_RULER=1: no,
    for comparison)."""
    return os.environ.get("BLAMELESS_STOCK_ATTRIBUTE_RULER") != "1"


#: The pinned pipeline's tokenizer comes whole from its folder (prefixes, suffixes, infixes,
#: URL and token patterns, 1,300 special cases; the `tokenizer` file is among its verified
#: files), and `Tokenizer.from_bytes` resets all of it before loading. spaCy's default factory
#: first builds the English tokenizer from the language's defaults only to have it overwritten:
#: a sixth of a second of every process's start. A bare tokenizer in its place loads the same
#: state (tests/test_attribute_index.py compares the two).
_FOLDER_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "blameless.folder_tokenizer.v1"}}}


def _bare_tokenizer():
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def _register_folder_tokenizer() -> None:
    from spacy.util import registry

    registry.tokenizers.register("blameless.folder_tokenizer.v1", func=_bare_tokenizer)


def _parse_cheaper(nlp: "Language") -> None:
    """Swap the stock attribute ruler for the indexed one, the lemmatizer for its memo, and the
    models' matrix products from BLIS to numpy's BLAS (same results, less work; see
    blameless/attribute_index.py, blameless/lemma_memo.py and `_gemm_through_numpy`). Every
    component is read by some rule: the tagger (TAG), parser (DEP, sentences), attribute ruler
    (POS, MORPH) and lemmatizer (LEMMA); NER is excluded at load.
    BLAMELESS_STOCK_ATTRIBUTE_RULER=1 keeps the stock components (for comparison)."""
    if _drop_ins_wanted():
        from .attribute_index import install as index_attributes
        from .lemma_memo import install as memoize_lemmas

        index_attributes(nlp)
        memoize_lemmas(nlp)
        _gemm_through_numpy(nlp)


def _gemm_through_numpy(nlp: "Language") -> None:
    """Let the pipeline's layers multiply matrices with numpy (OpenBLAS) instead of BLIS.

    thinc's CPU ops call BLIS for every `gemm`; on the machines we measured, OpenBLAS does the
    same products 3-4 times faster on one thread, which took the corpus's parse time (tok2vec is
    mostly matrix products) down by about a third, with every tag, head and label unchanged
    (tests/test_attribute_index.py compares with the stock pipeline). `use_blis=False` is
    thinc's own switch; only layers on plain CPU ops are moved (not a GPU or Apple backend).
    """
    from thinc.api import Model, NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                if type(layer.ops) is NumpyOps and layer.ops.use_blis:
                    layer.ops = ops


_shared: dict[str | None, Pipeline] = {}
_shared_cache_bytes = DEFAULT_CACHE_BYTES


def shared_pipeline(model: str | None = None) -> Pipeline:
    """The process-wide pipeline for `model` (loaded once per process)."""
    if model not in _shared:
        _shared[model] = Pipeline(model, cache_bytes=_shared_cache_bytes)
    return _shared[model]


def limit_shared_cache(limit: int) -> None:
    """Bound the parse cache of this process's shared pipelines (`blameless check`: 0, since
    no parse is reused across files and holding them would make memory grow with the run)."""
    global _shared_cache_bytes
    _shared_cache_bytes = limit
    for pipeline in _shared.values():
        pipeline.cache_bytes = limit
        pipeline.release(())
