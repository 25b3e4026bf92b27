"""The one table of code hooks: the name a rule pack writes after `check:` -> the function.

As ruff's codes.rs does, this lists every hook explicitly; nothing registers itself on import.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from . import actions, blame, consistency, redaction, structure, timeline
from .context import Hit

HOOKS: dict[str, Callable[..., Iterable[Hit]]] = {
    # blame (B1xx)
    "person_as_cause": blame.person_as_cause,
    "human_error": blame.human_error,
    "hindsight": blame.hindsight,
    "blame_words": blame.blame_words,
    "blame_question": blame.blame_question,
    "self_blame": blame.self_blame,
    "passive_hindsight": blame.passive_hindsight,
    "unaware": blame.unaware,
    # action items (A2xx)
    "vague_action": actions.vague_action,
    "people_not_systems": actions.people_not_systems,
    "non_owner": actions.non_owner,
    "non_date": actions.non_date,
    "not_an_action": actions.not_an_action,
    "missing_owner_date": actions.missing_owner_date,
    "too_many_items": actions.too_many_items,
    # timeline (T3xx)
    "timeline_editorializing": timeline.editorializing.editorializing,
    "timeline_person_judgement": timeline.judgement.person_judgement,
    "timeline_missing_time": timeline.missing_time.missing_time,
    "timeline_order": timeline.order.out_of_order,
    "timeline_gap": timeline.gap.long_gap,
    "timeline_zone": timeline.zone.no_zone,
    # structure (S4xx)
    "missing_sections": structure.missing_sections,
    "unquantified_impact": structure.unquantified_impact,
    "template_text": structure.template_text,
    # redaction (R5xx, the public profile)
    "redact_credentials": redaction.credentials,
    "redact_high_entropy": redaction.high_entropy,
    "redact_emails": redaction.emails,
    "redact_phones": redaction.phones,
    "redact_ip_addresses": redaction.ip_addresses,
    "redact_internal_hosts": redaction.internal_hosts,
    "redact_people": redaction.people,
    "redact_customers": redaction.customers,
    "redact_money": redaction.money,
    # consistency (S404-S408): the summary against the timeline
    "stated_duration": consistency.stated_duration,
    "summary_times": consistency.summary_times,
    "zones_and_dates": consistency.zones_and_dates,
    "no_detection": consistency.no_detection,
    "milestone_order": consistency.milestone_order,
}
