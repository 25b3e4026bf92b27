"""Rule families (blame, action-item, timeline, structure, ...), declared once in rules/families.yml.

Everything that names a family reads it from here: the id pattern, selectors, config validation,
SARIF, the rule reference and the editors' settings text. A new family is a new entry in the
data file and a pack beside it, not edits all over the code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import yaml_files


def rules_dir() -> Path:
    """The built-in rule data: inside the wheel (blameless/_rules) or the checkout (rules/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "_rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


@dataclass(frozen=True)
class Family:
    prefix: str  # "B1": ids are the prefix and two digits
    category: str  # "blame"
    title: str
    pack: str  # the built-in pack file holding the family's rules
    summary: str
    profile: str = ""  # a family that runs only under this profile (or when selected by name)

    def owns(self, rule_id: str) -> bool:
        return re.fullmatch(re.escape(self.prefix) + r"\d\d", rule_id) is not None


@lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    data = yaml_files.load((rules_dir() / "families.yml").read_text(encoding="utf-8"))
    return tuple(Family(**{k: str(v) for k, v in entry.items()}) for entry in data["families"])


def profiles() -> tuple[str, ...]:
    """The profiles families declare ("public"): what `--profile` and `profile =` accept."""
    return tuple(dict.fromkeys(f.profile for f in families() if f.profile))


def categories() -> tuple[str, ...]:
    return tuple(f.category for f in families())


def by_category(category: str) -> Family | None:
    return next((f for f in families() if f.category == category), None)


def family_of(rule_id: str) -> Family | None:
    return next((f for f in families() if f.owns(rule_id)), None)


def id_pattern() -> re.Pattern:
    """A full rule id: one family's prefix and two digits ("B101")."""
    prefixes = "|".join(re.escape(f.prefix) for f in families())
    return re.compile(rf"(?:{prefixes})\d\d")


def selector_pattern() -> re.Pattern:
    """An id or id prefix a user may select: a family letter and up to three digits ("B", "B1", "B101")."""
    letters = "".join(sorted({f.prefix[0] for f in families()}))
    return re.compile(rf"[{letters}]\d{{0,3}}", re.I)


def id_example() -> str:
    return families()[0].prefix + "01"
