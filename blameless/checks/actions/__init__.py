"""Action items (A2xx): vague actions, actions that ask people to try harder, non-owners and
non-dates, link-only and question items, missing owners and dates, and too many items.

Every A2xx rule is document-level: whether an item lacks an owner depends on its list or table
and on its section, and a list item's owner or ticket may sit in a continuation paragraph below
it. The checks read the typed items of `blameless.readers.action_items` (computed once per
document); their words are lexicon lists (rules/en/actions.yml) and what the user reads is the
rule's templates (rules/actions.yml), filled with slots from the item.
"""
from .coverage import missing_owner_date, too_many_items
from .not_action import not_an_action
from .owner_date import non_date, non_owner
from .try_harder import people_not_systems
from .vague import vague_action

__all__ = ["missing_owner_date", "non_date", "non_owner", "not_an_action", "people_not_systems",
           "too_many_items", "vague_action"]
