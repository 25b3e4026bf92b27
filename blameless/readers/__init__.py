"""Typed readers: views of a parsed document (timeline entries, action items, sections, dates)
that checks consume instead of re-deriving them.

Each reader computes its view once per document through the `Document.derived` memo, so every
check of a run shares one reading. Readers know about documents and the lexicon, never about
rules or findings.
"""
