"""Throughput of `blameless.check` on a generated postmortem corpus (run on demand; not a test).

Prints words per second for three paths in the same run, so the ratios hold on any machine:
  cold      - fresh parse cache, lexical prefilter on (what `blameless check` does)
  no-filter - fresh parse cache, every block parsed (the baseline the prefilter saves against)
  warm      - parse cache already filled (what the editor sees after the first check)

    python benchmarks/check_throughput.py [--docs 40]
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import time

from blameless.engine import Engine
from blameless.nlp import Pipeline
from blameless.registry import rule_set

SUBJECTS = ["The deploy pipeline", "The cache layer", "Nina", "The on-call engineer", "The scheduler",
            "The load balancer", "Our alerting", "The migration tool", "Omar", "The replica"]
VERBS = ["restarted the primary", "reported a timeout", "forgot to renew the certificate",
         "acquired an exclusive lock", "acknowledged the page", "shed 30% of traffic",
         "ran the wrong query", "rolled back to v2.3.1", "did not page the secondary"]
TAILS = ["at 09:12.", "within five minutes.", "because the queue was full.", "after the deploy.",
         "while the index rebuilt.", "and error rates fell to 0.2%."]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(TAILS)}"


def document(rng: random.Random, n: int) -> str:
    parts = [f"# Incident {n}\n", "## Summary\n", " ".join(sentence(rng) for _ in range(4)), "",
             "## Impact\n", "About 1,200 requests failed over 14 minutes.", "", "## Timeline (UTC)\n"]
    parts += [f"- {9 + i // 6:02d}:{(i * 7) % 60:02d} {sentence(rng)}" for i in range(12)]
    parts += ["", "## Root cause\n"]
    parts += [" ".join(sentence(rng) for _ in range(5)) + "\n" for _ in range(6)]
    parts += ["## Action items\n", "- Improve monitoring", "- Add a lock timeout of 5s to the "
              "migration tool. Owner: @omar. Due: 2026-03-01.", ""]
    return "\n".join(parts)


def timed(engine: Engine, docs: list[str]) -> float:
    start = time.perf_counter()
    for text in docs:
        engine.check_text(text)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40)
    args = ap.parse_args()
    rng = random.Random(7)
    docs = [document(rng, i) for i in range(args.docs)]
    words = sum(len(d.split()) for d in docs)

    pipeline = Pipeline()
    pipeline.nlp  # load outside the timings
    filtered = Engine(pipeline=pipeline)
    cold = timed(filtered, docs)
    parsed_filtered = pipeline.parsed
    warm = timed(filtered, docs)

    baseline_pipeline = Pipeline()
    baseline_pipeline._nlp = pipeline.nlp
    unfiltered = Engine(pipeline=baseline_pipeline)
    unfiltered.rules = [dataclasses.replace(r, trigger_entries=()) for r in rule_set()]
    no_filter = timed(unfiltered, docs)

    print(f"{args.docs} documents, {words} words")
    print(f"{'path':<10} {'seconds':>8} {'words/s':>9} {'texts parsed':>13}")
    print(f"{'cold':<10} {cold:>8.2f} {words / cold:>9.0f} {parsed_filtered:>13}")
    print(f"{'no-filter':<10} {no_filter:>8.2f} {words / no_filter:>9.0f} {baseline_pipeline.parsed:>13}")
    print(f"{'warm':<10} {warm:>8.2f} {words / warm:>9.0f} {0:>13}")
    print(f"prefilter speed-up: {no_filter / cold:.2f}x; warm cache speed-up: {cold / warm:.1f}x")


if __name__ == "__main__":
    main()
