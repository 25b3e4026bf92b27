"""`python -m blameless_lsp`: the blameless language server over stdio."""
from .features import main

main()
