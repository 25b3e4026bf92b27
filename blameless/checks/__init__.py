"""Checks that need logic beyond phrase lists and token patterns.

A check is a function registered by name; rule packs refer to it with `check: <name>`, and carry
the rule's metadata (id, message, rationale, examples) themselves. Block checks receive one block
at a time with its spaCy parse; document checks receive the whole document once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Fix, Severity

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..config import Config
    from ..document import Block, Document
    from ..rules import Rule


@dataclass(frozen=True)
class Hit:
    """What a check found: document offsets plus the parts of the finding it shapes."""

    start: int
    end: int
    message: str | None = None  # None: the rule's message
    suggestion: str | None = None  # None: the rule's suggestion
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None


_PACK_WORDS: dict[tuple[str, str, int], frozenset[str]] = {}


def _pack_words(pack: str, name: str, lexicon: dict) -> frozenset[str]:
    key = (pack, name, id(lexicon))
    if key not in _PACK_WORDS:
        _PACK_WORDS[key] = frozenset(str(w).lower() for w in lexicon[name])
    return _PACK_WORDS[key]


@dataclass
class BlockContext:
    block: "Block"
    doc: "Doc | None"
    rule: "Rule"
    config: "Config"
    lexicon: dict[str, frozenset[str]] = field(default_factory=dict)

    def words(self, name: str) -> frozenset[str]:
        """A word list from the rule's pack, falling back to the shared lexicon."""
        if name in self.rule.lexicon:
            return _pack_words(self.rule.pack, name, self.rule.lexicon)
        return self.lexicon.get(name, frozenset())

    def option(self, name: str, default: Any = None) -> Any:
        return self.config.rule_option(self.rule.id, name, self.rule.options.get(name, default))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Document offsets of a block-relative range."""
        return self.block.doc_offset(start), self.block.doc_offset(end)


@dataclass
class DocumentContext:
    document: "Document"
    rule: "Rule"
    config: "Config"
    parses: dict[str, "Doc"]
    lexicon: dict[str, frozenset[str]] = field(default_factory=dict)

    words = BlockContext.words
    option = BlockContext.option


BlockCheck = Callable[[BlockContext], Iterable[Hit]]
DocumentCheck = Callable[[DocumentContext], Iterable[Hit]]
CHECKS: dict[str, Callable[..., Iterable[Hit]]] = {}


def check(name: str):
    """Register a check under `name` (the value of `check:` in a rule pack)."""
    def register(fn):
        CHECKS[name] = fn
        return fn
    return register


from . import actions, blame, structure, timeline  # noqa: E402,F401  (registers the checks)
