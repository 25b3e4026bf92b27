"""Whether to colour output: `--color always|never` decide; `auto` follows NO_COLOR, then
FORCE_COLOR (https://no-color.org, https://force-color.org), then whether the stream is a
terminal."""
from __future__ import annotations

import os
from typing import IO

MODES = ("auto", "always", "never")


def use_colour(mode: str, stream: IO | None) -> bool:
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False
