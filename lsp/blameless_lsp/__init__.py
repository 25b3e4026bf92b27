"""blameless-lsp: the blameless language server (diagnostics, code actions and hover for postmortems).

Start it with `blameless-lsp` or `python -m blameless_lsp` (stdio); see `blameless_lsp.server`.
"""
from blameless import __version__

__all__ = ["__version__"]
