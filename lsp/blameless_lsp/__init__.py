"""blameless-lsp: the blameless language server (diagnostics, code actions and hover for postmortems).

Start it with `blameless-lsp` or `python -m blameless_lsp` (stdio); see `blameless_lsp.features`.
"""
from ._isolate import drop_working_directory

drop_working_directory()  # before importing anything that could come from the workspace

from blameless import __version__  # noqa: E402

__all__ = ["__version__"]
