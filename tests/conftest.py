from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tempfile

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
#: The CLI's result cache for this test session (not the checkout's .blameless_cache).
CACHE_DIR = Path(tempfile.mkdtemp(prefix="blameless-test-cache-"))

HEADINGS = {"prose": "## Root cause", "timeline": "## Timeline (UTC)", "action": "## Action items"}


def example_document(text: str, context: str) -> tuple[str, int]:
    """A small postmortem holding `text` in the section its context names; returns (doc, line)."""
    if context == "document":
        return text, 0
    body = text if context == "prose" else f"- {text}"
    return f"# Incident review\n\n{HEADINGS[context]}\n\n{body}\n", 5


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed `blameless` command as a user would."""
    return subprocess.run([str(BIN / "blameless"), *args], capture_output=True, text=True,
                          input=input, cwd=cwd, env={**os.environ, "NO_COLOR": "1", "BLAMELESS_CACHE_DIR": str(CACHE_DIR)})


@pytest.fixture
def cli():
    return run_cli
