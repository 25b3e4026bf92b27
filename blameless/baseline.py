"""Baselines for adopting blameless on an archive: record today's findings, report only new ones.

A finding is matched by rule, file and the fingerprint of the text it flags (blameless.fingerprint),
so edits elsewhere in the file, or lines moving, do not bring a recorded finding back; a
changed sentence is new. Paths are stored relative to the baseline file's folder.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from .errors import BlamelessError
from .fingerprint import fingerprint
from .report import CheckedFile, Report

FORMAT = 1


class BaselineError(BlamelessError, ValueError):
    """A baseline file cannot be read; the message names the file."""


def _key_path(path: str, base: Path) -> str:
    if path == "stdin":
        return path
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _entries(file: CheckedFile, base: Path):
    source = file.document.source if file.document is not None else ""
    path = _key_path(file.path, base)
    for f in file.findings:
        yield f, (f.rule, path, fingerprint(source, f))


def write(report: Report, out: str | Path) -> int:
    """Write every finding of `report` to `out`; returns how many."""
    out = Path(out)
    base = out.resolve().parent
    rows = [{"rule": key[0], "path": key[1], "fingerprint": key[2], "line": f.line}
            for file in report.files for f, key in _entries(file, base)]
    data = {"blameless-baseline": FORMAT, "findings": rows}
    try:
        out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as err:
        raise BaselineError(f"{out}: cannot write baseline: {err.strerror or err}") from None
    return len(rows)


class Baseline:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.base = self.path.resolve().parent
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("blameless-baseline") != FORMAT:
                raise ValueError("not a blameless baseline (no \"blameless-baseline\": 1)")
            self.known = Counter((str(r["rule"]), str(r["path"]), str(r["fingerprint"])) for r in data["findings"])
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except OSError as err:
            raise BaselineError(f"{path}: cannot read baseline: {err.strerror or err}") from None
        except (ValueError, KeyError, TypeError) as err:
            raise BaselineError(f"{path}: invalid baseline: {err}") from None

    def filter(self, report: Report) -> int:
        """Drop the findings the baseline records (each recorded one matches once); returns how
        many were dropped."""
        left = Counter(self.known)
        dropped = 0
        for file in report.files:
            kept = []
            for f, key in _entries(file, self.base):
                if left[key] > 0:
                    left[key] -= 1
                    dropped += 1
                else:
                    kept.append(f)
            file.findings = kept
        return dropped
