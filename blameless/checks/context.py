"""What a check receives and returns.

Block checks receive one block at a time with its spaCy parse (`BlockContext`); document checks
receive the whole document once (`DocumentContext`). Both return `Hit`s: document offsets plus
the *slots* that fill the rule's message and suggestion templates (the text the user reads is
always the rule's template, rendered by the engine), an optional template variant, fixes and a
severity override.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..findings import Fix, Severity
from ..lexicon import english

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..config import Config
    from ..document import Block, Document
    from ..rules import Rule


@dataclass(frozen=True)
class Hit:
    """What a check found: document offsets plus what shapes the finding."""

    start: int
    end: int
    variant: str | None = None  # which of the rule's `messages:` templates; None: `message:`
    slots: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    fixes: tuple[Fix, ...] = ()
    severity: Severity | None = None

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.variant, tuple(sorted(map(str, self.slots.items()))),
                     self.fixes, self.severity))


@dataclass
class BlockContext:
    block: "Block"
    doc: "Doc | None"
    rule: "Rule"
    config: "Config"
    #: Words that are no person's name in this document: written in lower case somewhere (a
    #: capitalised word also written in lower case, "Prow" and prow.k8s.io, is a tool), or
    #: defined by the text as a system ("Hermes, our mail relay"; readers/system_names.py).
    lowercase: Set[str] = frozenset()
    #: Block offsets of the rule's data matches (its `phrases:` or `patterns:`), already
    #: reported; a hook adds what the data cannot express and avoids repeating these.
    matches: tuple[tuple[int, int], ...] = ()

    def words(self, name: str) -> frozenset[str]:
        """A word list: the rule's own pack (extra packs only), else the English lexicon."""
        return self.rule.words(name)

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
    lowercase: Set[str] = frozenset()

    words = BlockContext.words
    option = BlockContext.option


BlockCheck = Callable[[BlockContext], Iterable[Hit]]
DocumentCheck = Callable[[DocumentContext], Iterable[Hit]]
