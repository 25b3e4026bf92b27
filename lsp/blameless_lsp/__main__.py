"""`python -m blameless_lsp`: the blameless language server over stdio."""
from .server import main

main()
