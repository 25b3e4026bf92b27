"""Typed readers: views of a parsed document (sections, timeline entries, action items, dates and
times) that checks consume instead of re-deriving them.

Each reader computes its view once per document through the `Document.derived` memo, so every
check of a run shares one reading. Readers know about documents and the lexicon, never about
rules or findings; each module reads one kind of thing.
"""
