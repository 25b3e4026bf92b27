"""Cost of the public profile: `blameless.check` on generated postmortems with and without the
redaction rules (R5xx), and `redact` on the same documents (run on demand; not a test).

    python benchmarks/redaction_throughput.py [--docs 20]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import blameless  # noqa: E402
from blameless.redact import redact  # noqa: E402
from redaction_data import planted  # noqa: E402


def documents(n: int, run: int) -> list[str]:
    # the planted document with numbered variations in every paragraph, so that no run reuses
    # another's parses (each timing is a cold check)
    out = []
    for i in range(n):
        tag = f"{run}{i:03d}"
        text = planted().replace(".\n", f" (ref {tag}).\n").replace("52 minutes", f"{tag} minutes")
        out.append(text)
    return out


def timed(label: str, fn, docs: list[str]) -> None:
    words = sum(len(d.split()) for d in docs)
    start = time.perf_counter()
    for d in docs:
        fn(d)
    seconds = time.perf_counter() - start
    print(f"{label:<16} {len(docs)} docs  {seconds:6.2f} s  {words / seconds:8.0f} words/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20)
    args = parser.parse_args()
    blameless.check("# warm up\n\nThe cache filled.\n")
    public = blameless.Config(profile="public")
    timed("default", lambda d: blameless.check(d), documents(args.docs, 1))
    timed("profile public", lambda d: blameless.check(d, config=public), documents(args.docs, 2))
    timed("redact", lambda d: redact(d), documents(args.docs, 3))


if __name__ == "__main__":
    main()
