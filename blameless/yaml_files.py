"""YAML for the rule packs, lexicon and families: libyaml's C loader where PyYAML has it.

The pure-Python loader takes about a second over the built-in packs and lexicon, which every
`blameless check` would pay at start; the C loader reads the same safe subset in a tenth of it.
"""
from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAMLError = yaml.YAMLError


def load(text: str):
    """The data of a YAML text (safe subset only), as `yaml.safe_load` would return it."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader, C or Python)
