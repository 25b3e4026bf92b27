"""A per-document time budget, so that no input or rule pack can make a check hang.

The engine starts a Budget for each document; long steps (each rule on each block, each piece
handed to the parser, each user REGEX on each token) call `spend()`, which raises
BudgetExceeded once the deadline has passed or the budget was cancelled (the language server
cancels the check of a version the user has already replaced). The engine then stops, keeps
what it found, and records one note saying the check is incomplete.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: Seconds a check of one document may take before it is abandoned (config: `time-budget`).
DEFAULT_SECONDS = 60.0


class BudgetExceeded(Exception):
    """Raised inside a check when its budget is spent; the engine handles it."""


class Budget:
    def __init__(self, seconds: float = DEFAULT_SECONDS, cancel: threading.Event | None = None):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cancel_event = cancel or threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def remaining(self) -> float:
        if self.cancel_event.is_set():
            return 0.0
        return max(self.deadline - time.monotonic(), 0.0)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Stop the clock while the check waits on other work (its texts parsed together with
        other documents' texts): the time left is the same after as before."""
        left = self.deadline - time.monotonic()
        try:
            yield
        finally:
            self.deadline = time.monotonic() + left

    def spend(self) -> None:
        """Raise BudgetExceeded when the time is up or the check was cancelled."""
        if self.cancel_event.is_set():
            raise BudgetExceeded("check cancelled")
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(f"check stopped after {self.seconds:g} s (its time budget, "
                                 "`time-budget` in the config); findings may be incomplete")


_current: ContextVar[Budget | None] = ContextVar("blameless_budget", default=None)


def current() -> Budget | None:
    """The budget of the check running in this thread, if any."""
    return _current.get()


def spend() -> None:
    budget = _current.get()
    if budget is not None:
        budget.spend()


@contextmanager
def running(seconds: float) -> Iterator[Budget]:
    """Run a check under a budget: the one already active (a caller such as the language server
    set it, with its own cancel switch), else a new one of `seconds`."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    budget = Budget(seconds)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


@contextmanager
def active(budget: Budget) -> Iterator[Budget]:
    """Make `budget` the one checks in this thread use (for callers that may cancel it)."""
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
