"""Timeline rules (T301-T306): editorializing and judgements in entries, missing or vague times,
order, time zone and gaps.

The entries come from the timeline reader (blameless.readers.timeline), read once per document;
each module here holds one rule, or what two rules share:

- editorializing (T301) and judgement (T302) read what an entry says, with `actors` (who an
  entry's words are about);
- missing_time (T303) and zone (T305) read the entries' stamps; order (T304) and gap (T306)
  share `chronology`, the walk through the entries in time.

The rule modules are imported here so that the hook table (checks/registry.py) can name
`timeline.<module>.<check>`.
"""
from . import editorializing, gap, judgement, missing_time, order, zone

__all__ = ["editorializing", "gap", "judgement", "missing_time", "order", "zone"]
