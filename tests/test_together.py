"""Documents checked together (one parse for all their candidate sentences) get exactly the
findings and notes each gets alone."""
from __future__ import annotations

import time
from pathlib import Path

import blameless
from blameless import budget
from blameless.document import parse
from blameless.engine import Engine
from blameless.nlp import Pipeline
from blameless.together import run_together

ROOT = Path(__file__).resolve().parent.parent

OURS = [
    "# Queue stall\n\n## Root cause\n\nLena forgot to renew the broker certificate. The queue "
    "stopped accepting writes.\n\n## Action items\n\n- Improve monitoring\n",
    "# Disk full\n\n## Timeline\n\n- 09:12 Disk alert fired.\n- At some point the disk filled up.\n"
    "- 09:40 Unfortunately Omar deleted the wrong volume.\n",
    "# DNS\n\n## Summary\n\nResolution failed for nine minutes after a zone push.\n",
    "# Nothing to parse\n\nShort.\n",
]


def _documents():
    texts = OURS + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    return [parse(text, path=f"doc{i}.md") for i, text in enumerate(texts)]


def test_documents_checked_together_get_what_each_gets_alone():
    alone = Engine(blameless.Config(), pipeline=Pipeline(cache_bytes=0))
    expected = [alone.check_document(d) for d in _documents()]

    pipeline = Pipeline(cache_bytes=0)
    together = Engine(blameless.Config(), pipeline=pipeline)
    documents = _documents()
    found = run_together([together.checking(d) for d in documents])

    assert found == expected
    assert any(expected) and not expected[3]
    assert pipeline.parsed == len({t for d in documents for t in d.parsed_texts})  # none twice


def test_a_batch_past_its_budget_leaves_each_check_to_stop_on_its_own():
    config = blameless.Config(time_budget=0.0)
    alone = [parse(text, path="a.md") for text in OURS[:2]]
    expected = [Engine(config, pipeline=Pipeline(cache_bytes=0)).check_document(d) for d in alone]

    together = [parse(text, path="a.md") for text in OURS[:2]]
    found = run_together([Engine(config, pipeline=Pipeline(cache_bytes=0)).checking(d) for d in together])

    assert found == expected
    assert [d.notes for d in together] == [d.notes for d in alone]
    assert all("time budget" in d.notes[0] for d in together)


def test_a_check_waiting_on_others_keeps_the_time_it_had():
    spent = budget.Budget(0.2)
    with spent.paused():
        time.sleep(0.3)
    spent.spend()  # would raise had the wait counted
    assert spent.remaining() > 0.1
