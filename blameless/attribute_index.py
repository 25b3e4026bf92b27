"""A drop-in replacement for the pipeline's `attribute_ruler`: the same patterns applied in the
same order, found by lookup instead of by running a Matcher over every token.

In en_core_web_sm the attribute ruler maps tags (and a few words) to POS, MORPH and LEMMA with
179 patterns; running them through spaCy's Matcher was about a third of the parse time. All but a
handful are single-token patterns on TAG, LOWER, DEP and IS_SPACE, so what they do to a token
depends only on those four values: it is worked out once per combination and remembered. The few
multi-token patterns still go through a Matcher of their own, and only for a text that has a word
they need. A pattern of any other shape makes `indexed_ruler` decline, keeping the stock component.

Equivalence with the stock component is a test (tests/test_attribute_index.py).
"""
from __future__ import annotations

import re

import numpy
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

NAME = "blameless_attribute_index"

def _predicate(value) -> Callable[[object], bool] | None:
    """A test of one attribute value as spaCy's Matcher makes it, or None for an unsupported form."""
    if not isinstance(value, dict):
        return lambda v: v == value
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        allowed = set(arg)
        return lambda v: v in allowed
    if op == "NOT_IN":
        banned = set(arg)
        return lambda v: v not in banned
    if op == "REGEX":
        regex = re.compile(arg)
        return lambda v: bool(regex.search(str(v)))
    return None


class IndexedAttributeRuler:
    """Applies an AttributeRuler's patterns; see the module docstring."""

    def __init__(self, stock, single: list[tuple[int, dict, dict]], multi: list[tuple[int, list, int]],
                 needs_dep: bool):
        self.stock = stock
        self.needs_dep = needs_dep
        strings = stock.vocab.strings
        #: Single-token patterns by what they test: a pinned word, the word some other way, or
        #: only TAG/DEP/IS_SPACE (those are evaluated once per tag, dep and space combination).
        self.by_word: dict[str, list] = {}
        self.word_tests: list = []
        self.word_free: list = []
        for attr_id, spec, attrs in single:
            entry = (attr_id, [(name, _predicate(value)) for name, value in spec.items()], attrs)
            words = _required_lower([spec])
            if words is not None:
                for word in words:
                    self.by_word.setdefault(word, []).append(entry)
            elif "LOWER" in spec:
                self.word_tests.append(entry)
            else:
                self.word_free.append(entry)
        self.columns = sorted({attr for _, _, attrs in single for attr in attrs}
                              | {attr for attr_id, _, _ in multi for attr in stock.attrs[attr_id]})
        self._column = {attr: i for i, attr in enumerate(self.columns)}
        self.multi = Matcher(stock.vocab, validate=True)
        self.multi_words: set[int] | None = set()
        self.multi_index: dict[int, int] = {}
        for attr_id, pattern, index in multi:
            self.multi.add(str(attr_id), [pattern])
            self.multi_index[attr_id] = index
            words = _required_lower(pattern)
            if words is None:
                self.multi_words = None  # a pattern needing no particular word: always run
            elif self.multi_words is not None:
                self.multi_words |= {strings.add(w) for w in words}
        self._strings = strings
        self._memo: dict[tuple, list] = {}
        self._free_memo: dict[tuple, list] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.needs_dep and not doc.has_annotation("DEP"):
            return self.stock(doc)  # the Matcher's allow_missing semantics: leave it to spaCy
        if not len(doc):
            return doc
        keys = doc.to_array(_KEY_ATTRS).tolist()
        values = doc.to_array(self.columns).tolist()
        memo = self._memo
        changed = False
        for key, row in zip(map(tuple, keys), values):
            sets = memo.get(key)
            if sets is None:
                sets = memo[key] = self._settings(self._single_matches(key))
            for column, value in sets:
                row[column] = value
                changed = True
        for i, matches in self._multi_matches(doc, keys).items():
            for column, value in self._settings(self._single_matches(tuple(keys[i])) + matches):
                values[i][column] = value
                changed = True
        if changed:
            doc.from_array(self.columns, numpy.array(values, dtype=numpy.uint64))
        return doc

    def _single_matches(self, key: tuple) -> list[tuple[int, dict]]:
        tag, lower, dep, space = key
        free = self._free_memo.get((tag, dep, space))
        if free is None:
            values = {"TAG": self._strings[tag], "DEP": self._strings[dep], "IS_SPACE": bool(space)}
            free = self._free_memo[(tag, dep, space)] = _passing(self.word_free, values)
        word = self._strings[lower]
        candidates = self.by_word.get(word, []) + self.word_tests
        if not candidates:
            return free
        values = {"TAG": self._strings[tag], "LOWER": word, "DEP": self._strings[dep], "IS_SPACE": bool(space)}
        return free + _passing(candidates, values)

    def _multi_matches(self, doc: Doc, keys: list) -> dict[int, list[tuple[int, dict]]]:
        if not len(self.multi) or (self.multi_words is not None
                                   and self.multi_words.isdisjoint(k[1] for k in keys)):
            return {}
        found: dict[int, list[tuple[int, dict]]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(self._strings[match_id])
            index = self.multi_index[attr_id]
            position = (start if index >= 0 else end) + index
            found.setdefault(position, []).append((attr_id, self.stock.attrs[attr_id]))
        return found

    def _settings(self, matches: list[tuple[int, dict]]) -> list[tuple[int, int]]:
        """(column, value) pairs the stock component would leave: patterns apply in the order
        they were added, so a later one overrides an earlier one."""
        merged: dict = {}
        for _, attrs in sorted(matches, key=lambda m: m[0]):
            merged.update(attrs)
        return [(self._column[attr], value) for attr, value in merged.items()]


#: What a single-token pattern may test, in the order of the keys `__call__` reads.
_KEY_ATTRS = ["TAG", "LOWER", "DEP", "IS_SPACE"]


def _passing(entries: list, values: dict) -> list[tuple[int, dict]]:
    return [(attr_id, attrs) for attr_id, tests, attrs in entries
            if all(test(values[name]) for name, test in tests)]


def _required_lower(pattern: list[dict]) -> set[str] | None:
    """Words one of the pattern's tokens must be (LOWER = or IN), or None if none is pinned."""
    for spec in pattern:
        value = spec.get("LOWER")
        if isinstance(value, str):
            return {value}
        if isinstance(value, dict) and set(value) == {"IN"}:
            return set(value["IN"])
    return None


def indexed_ruler(stock) -> IndexedAttributeRuler | None:
    """The indexed equivalent of an AttributeRuler, or None if a pattern has a shape it does not
    handle (then the stock component stays)."""
    single, multi, needs_dep = [], [], False
    for attr_id, (attrs, index) in enumerate(zip(stock.attrs, stock.indices)):
        patterns = stock.matcher.get(str(attr_id))[1]
        for pattern in patterns:
            if any("OP" in spec for spec in pattern):
                return None
            needs_dep = needs_dep or any("DEP" in spec for spec in pattern)
            if len(pattern) == 1 and index in (0, -1):
                if any(name not in _KEY_ATTRS or _predicate(value) is None
                       for name, value in pattern[0].items()):
                    return None
                single.append((attr_id, pattern[0], attrs))
            else:
                multi.append((attr_id, pattern, index))
    return IndexedAttributeRuler(stock, single, multi, needs_dep)


@Language.factory(NAME)
def _make(nlp: Language, name: str):
    component = indexed_ruler(nlp.get_pipe("attribute_ruler"))
    if component is None:  # pragma: no cover (a pipeline with patterns of another shape)
        return nlp.get_pipe("attribute_ruler")
    return component


def install(nlp: Language) -> bool:
    """Put the indexed ruler in place of `attribute_ruler`; False if the pipeline has none or
    its patterns have a shape the index does not handle."""
    if "attribute_ruler" not in nlp.pipe_names or indexed_ruler(nlp.get_pipe("attribute_ruler")) is None:
        return False
    nlp.add_pipe(NAME, after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return True
