"""Check several documents with one parse: their candidate sentences go through spaCy together.

The parser's cost per call does not shrink with the call: each batch runs every layer of the
models once, so a file with six candidate sentences pays almost what one with sixty does (on the
corpus, one `nlp.pipe` per file took 1.3 s where one for all of them took 1.0 s). A check is
therefore written as a generator (`Engine.checking`): it plans, yields the texts it wants parsed
(`Wanted`), takes their parses back, and returns its findings. `run_together` drives several
such checks and parses what they want in one pass per pipeline; `complete` drives one check that
parses its own texts, which is what a single check has always done.
"""
from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, TypeVar

from . import budget

Result = TypeVar("Result")


@dataclass(frozen=True)
class Wanted:
    """What a check asks to have parsed: `texts`, through `pipeline`, within `seconds`."""

    pipeline: Any  # blameless.nlp.Pipeline
    texts: tuple[str, ...]
    seconds: float


#: A check in progress: yields at most one Wanted, is sent the parses (a dict text -> Doc) or
#: None (then it parses the texts itself, under its own budget), returns its result.
Checking = Generator[Wanted, "dict | None", Result]


def complete(checking: Checking) -> Result:
    """Run one check to its end; it parses its own texts."""
    try:
        checking.send(None)
        while True:
            checking.send(None)
    except StopIteration as stop:
        return stop.value


def run_together(checkings: list[Checking]) -> list[Result]:
    """Run several checks, parsing the texts they want in one pass per pipeline; their results
    in the same order. A batch that fails or runs past the shortest of its checks' budgets is
    dropped: each of its checks then parses its own texts, under its own budget, and reports
    what goes wrong as it would alone."""
    results: list[Any] = [None] * len(checkings)
    waiting: dict[int, Wanted] = {}
    for i, checking in enumerate(checkings):
        try:
            waiting[i] = checking.send(None)
        except StopIteration as stop:
            results[i] = stop.value
    parses: dict[int, dict | None] = {}
    for wanted in waiting.values():
        if id(wanted.pipeline) not in parses:
            parses[id(wanted.pipeline)] = _parse_batch(
                [w for w in waiting.values() if w.pipeline is wanted.pipeline])
    for i, wanted in waiting.items():
        parsed = parses[id(wanted.pipeline)]
        try:
            checking = checkings[i]
            checking.send(None if parsed is None else {t: parsed[t] for t in wanted.texts})
            complete(checking)  # a check asks once; should it ask again, it parses for itself
        except StopIteration as stop:
            results[i] = stop.value
    return results


def _parse_batch(wants: list[Wanted]) -> dict | None:
    texts = [t for w in wants for t in w.texts]
    try:
        with budget.active(budget.Budget(min(w.seconds for w in wants))):
            return wants[0].pipeline.parse_many(texts)
    except Exception:  # noqa: BLE001 (each check parses again on its own and reports its own error)
        return None
