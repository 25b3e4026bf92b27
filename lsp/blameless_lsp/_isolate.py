"""Keep `python -m blameless_lsp` from importing the workspace's modules.

Run as `python -m`, Python puts the current folder first on sys.path, and editors start the
server in the workspace folder: a `yaml.py` or `spacy/` there would be imported in place of the
real one. The start-up import of this module (first thing in the package) removes that entry,
giving the `-P` flag's behaviour on every Python. Imports nothing beyond the standard library.
"""
from __future__ import annotations

import os
import sys


def drop_working_directory() -> None:
    """Remove the folder `python -m` put first on sys.path (while the package is being found
    for `-m`, sys.argv[0] is "-m"); other entries, such as an editable install's, stay."""
    if sys.flags.safe_path or not sys.argv or sys.argv[0] != "-m" or not sys.path:
        return
    first = sys.path[0]
    try:
        if first == "" or os.path.realpath(first) == os.path.realpath(os.getcwd()):
            del sys.path[0]
    except OSError:
        pass
