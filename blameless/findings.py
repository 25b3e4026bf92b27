"""Plain, immutable values that every other part of blameless passes around."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How loudly a finding is reported; ordered from most to least serious."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None




@dataclass(frozen=True)
class Span:
    """A range of the checked text: code-point offsets, plus 1-based line/column for people."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class TextEdit:
    """Replace text[start:end] (code-point offsets into the whole document) with `new_text`."""

    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class Fix:
    """A named set of edits. `safe` fixes may be applied without a human reading them."""

    title: str
    edits: tuple[TextEdit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    message: str
    span: Span
    suggestion: str = ""
    fixes: tuple[Fix, ...] = field(default=())
    path: str | None = None

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def end_column(self) -> int:
        return self.span.end_column

    def sort_key(self) -> tuple:
        """A total order (position, rule, message, then the rest), so that output is the same
        from run to run even when findings tie on position."""
        return (self.path or "", self.span.start, self.span.end, self.rule, self.message,
                self.severity.value, self.suggestion, self.category,
                tuple((f.title, f.safe, tuple((e.start, e.end, e.new_text) for e in f.edits))
                      for f in self.fixes))
