"""How much the result cache saves: `blameless check` twice over a folder of postmortems, in a
fresh cache folder (run on demand; not a test). Prints both wall times, the speed-up, and
whether the two runs printed the same thing (they must).

    python benchmarks/cache.py [FOLDER]     (default: ../shared/corpus beside the checkout)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLAMELESS = Path(sys.executable).parent / "blameless"


def run(folder: Path, cache: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "NO_COLOR": "1", "BLAMELESS_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    result = subprocess.run([str(BLAMELESS), "check", "--format", "json", "--fail-on", "never", str(folder)],
                            capture_output=True, text=True, env=env)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    folder = Path(args.folder)
    files = [p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".txt")]
    with tempfile.TemporaryDirectory(prefix="blameless-cache-bench-") as tmp:
        cold, first = run(folder, Path(tmp))
        warm, second = run(folder, Path(tmp))
    if first.returncode != 0:
        sys.exit(f"first run failed: {first.stderr.strip()}")
    same = (first.stdout, first.stderr) == (second.stdout, second.stderr)
    print(f"{len(files)} files in {folder}")
    print(f"first run (empty cache):  {cold:7.2f} s")
    print(f"second run (cached):      {warm:7.2f} s")
    print(f"speed-up:                 {cold / warm:7.1f}x  ({'at least' if cold / warm >= 5 else 'LESS than'} 5x)")
    print(f"identical output:         {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
