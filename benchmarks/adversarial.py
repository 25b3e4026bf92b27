"""Hostile Markdown at 1× and 8× size, timed in one run: linear handling shows a ratio near 8.

    .venv/bin/python benchmarks/adversarial.py            # 1x = 128 KB, 8x = 1 MB
    .venv/bin/python benchmarks/adversarial.py --base 32  # 1x = 32 KB (quicker)

Each case is one paragraph (or document) built to defeat a scan that is not linear: backtick runs
of distinct lengths, unclosed `[x](`, repeated `<!--`, unterminated `<!-- blameless-disable`,
emphasis markers, table pipes, one long run of spaces. Prints seconds for 1× and 8× and their
ratio (quadratic ≈ 64).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import blameless  # noqa: E402
from blameless.document import parse  # noqa: E402


def backtick_runs(size: int) -> str:
    out, n = [], 1
    while sum(map(len, out)) < size:
        out.append("`" * n + " a ")
        n = n % 400 + 1
    return "".join(out)


CASES = {
    "backtick runs": backtick_runs,
    "unclosed [x](": lambda n: "[x](" * (n // 4),
    "repeated <!--": lambda n: "Dave said <!-- a " + "<!-- a " * (n // 7),
    "unterminated disable": lambda n: "Dave said <!-- blameless-disable B101 " * (n // 38),
    "*a emphasis": lambda n: "*a " * (n // 3),
    "table pipes": lambda n: "| a | b |\n| - | - |\n| " + "x | " * (n // 4) + "\n",
    "nested quotes": lambda n: ("> " * 30 + "a b\n") * (n // 64),
    "one run of spaces": lambda n: "We fixed it" + " " * n + "and moved on.",
    "system appositives": lambda n: "Hermes, our mail relay " * (n // 23),
}


def timed(text: str, what: str) -> float:
    start = time.perf_counter()
    if what == "parse":
        parse(text)
    else:
        blameless.check("## Root cause\n\n" + text + "\n")
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=128, help="1x size in KB (default 128; 8x = 1 MB)")
    ap.add_argument("--what", choices=("check", "parse"), default="check",
                    help="time the whole check (default) or only the Markdown parse and masking")
    args = ap.parse_args()
    size = args.base * 1024
    blameless.check("## Root cause\n\nwarm up the pipeline.\n")
    print(f"{'case':<22} {'1x':>9} {'8x':>9} {'ratio':>6}   ({args.base} KB vs {8 * args.base} KB, {args.what})")
    for name, build in CASES.items():
        small, large = build(size), build(8 * size)
        t1, t8 = timed(small, args.what), timed(large, args.what)
        print(f"{name:<22} {t1:>8.2f}s {t8:>8.2f}s {t8 / max(t1, 1e-9):>6.1f}", flush=True)


if __name__ == "__main__":
    main()
