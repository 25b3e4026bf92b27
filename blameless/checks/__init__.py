"""Code hooks: rules whose logic a phrase list or a token/dependency pattern cannot express.

The hooks are listed in one explicit table, `checks.registry.HOOKS`; a rule pack names its hook
with `check: <name>`. What a hook receives and returns is in `checks.context`.
"""
