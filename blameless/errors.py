"""The errors blameless raises on purpose. Catch `BlamelessError` to handle them all.

Every message is one line that names the file (or setting) and the problem, ready to show.
"""
from __future__ import annotations


class BlamelessError(Exception):
    """Base class of every error blameless raises for bad input, config or environment."""


class InputError(BlamelessError):
    """A file named to check or fix cannot be read or written (not text, too large, a FIFO,
    changed while being fixed...)."""


class RulePackError(BlamelessError, ValueError):
    """A rule pack is malformed; the message names the file and the field."""


class CheckIncomplete(UserWarning):
    """Warning: a check stopped early (its time budget ran out); its findings are partial."""
