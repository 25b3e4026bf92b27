"""The blame family (B101-B108): a person as the cause, human error, hindsight, blame words,
blame questions, self-blame, hindsight in the passive and a person's lack of awareness.

One module per rule (cause, human_error, hindsight, judgement, questions, self_blame); the
clause grammar they share is in `grammar`, B101's reasons and their template variants in
`reasons`. Word lists are in rules/en/blame.yml, the text users read in rules/blame.yml.
"""
from __future__ import annotations

from .cause import person_as_cause
from .hindsight import hindsight
from .human_error import human_error
from .judgement import blame_words
from .passive import passive_hindsight, unaware
from .questions import blame_question
from .self_blame import self_blame

__all__ = ["person_as_cause", "human_error", "hindsight", "blame_words", "blame_question", "self_blame", "passive_hindsight",
           "unaware"]
