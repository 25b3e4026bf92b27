"""Errors the server reports as one configuration diagnostic (and keeps serving)."""
from __future__ import annotations

from blameless.config import ConfigError
from blameless.lexicon import LexiconError
from blameless.rules import RulePackError

CONFIG_ERRORS = (ConfigError, RulePackError, LexiconError)
