"""Long fuzz run, on demand: the properties of tests/test_fuzz.py for as long as you like.

    nohup .venv/bin/python benchmarks/fuzz.py --minutes 25 > fuzz.log 2>&1 &

Prints a progress line every minute and, at the end, the number of examples tried; a failing
example is printed (shrunk by hypothesis) and the exit code is 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from fuzzing import check_properties, documents  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=20.0)
    args = ap.parse_args()
    end = time.monotonic() + args.minutes * 60
    start = time.monotonic()
    count = 0
    last = start

    @settings(max_examples=100, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(documents(), documents())
    def run(text, other):
        nonlocal count
        check_properties(text, other)
        count += 1

    rounds = 0
    try:
        while time.monotonic() < end:  # rounds of 100 fresh random examples until time is up
            run()
            rounds += 1
            if time.monotonic() - last > 60:
                last = time.monotonic()
                print(f"{(last - start) / 60:.1f} min: {count} examples, no failure", flush=True)
    except Exception:  # noqa: BLE001 (hypothesis prints the falsifying example first)
        import traceback

        traceback.print_exc()
        print(f"FAILED after {count} examples, {(time.monotonic() - start) / 60:.1f} min", flush=True)
        return 1
    print(f"done: {count} examples in {(time.monotonic() - start) / 60:.1f} min "
          f"({rounds} rounds), no failure", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
