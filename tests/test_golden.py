"""Golden fixtures, one per rule family (as Vale's features/ and ruff's snapshots): each
tests/golden/<name>.md is checked with the default config and its findings, one concise line
each (`line:column: RULE message`), must equal tests/golden/<name>.expected.

Regenerate after a deliberate change with `BLAMELESS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`
and review the diff like any other change.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import blameless

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = sorted(GOLDEN.glob("*.md"))


def concise(path: Path) -> str:
    from blameless.families import by_category

    family = by_category(path.stem)  # a profile's family (redaction) is checked under its profile
    config = blameless.Config(profile=family.profile or None) if family else blameless.Config()
    findings = blameless.check(path.read_text(encoding="utf-8"), path=path.name, config=config)
    return "".join(f"{f.line}:{f.column}: {f.rule} {f.message}\n" for f in findings)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_golden_output(fixture):
    expected_file = fixture.with_suffix(".expected")
    actual = concise(fixture)
    if os.environ.get("BLAMELESS_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}; run with BLAMELESS_UPDATE_GOLDEN=1"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_family_has_a_golden_fixture():
    from blameless.families import families

    assert {f.category for f in families()} <= {p.stem for p in FIXTURES}
