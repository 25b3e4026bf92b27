"""Typed readers: views of a document computed once (through `Document.derived`) that checks
consume instead of re-deriving them (action items, dates and times, ...). Readers know nothing
about rules; each module reads one kind of thing."""
