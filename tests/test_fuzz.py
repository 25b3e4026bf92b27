"""Property-based fuzzing with a small fixed budget (benchmarks/fuzz.py runs the same for long)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fuzzing import check_properties, documents

import blameless


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(documents(), documents())
def test_hostile_documents_keep_every_property(text, other):
    check_properties(text, other)


def test_known_fuzz_finds_stay_fixed():
    for text in ("a\rb", "## Root cause\r\rDave carelessly forgot.\r", "`` `Dave carelessly` ``",
                 "## Root cause\n\nx ` carelessly ` y Dave carelessly restarted it.\n",
                 "## Root cause\n\n`` carelessly` `` and Dave carelessly restarted it.\n",
                 "\ud800", "> " * 30 + "Dave carelessly restarted it.",
                 "Dave\r\n\r\n# Incident review\r\n\r\n## Summary\r\n\r\n## Impact",
                 "carelessly \t Dave"):
        check_properties(text, "## Root cause\n\nPriya recklessly deployed.\n")
        assert isinstance(blameless.check(text), list)
