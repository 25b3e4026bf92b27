"""Shapes in the text of an action item: inline owner and due labels, a named owner, tracking
issues, done marks, success-metric labels, leading noise ("HIGH:", "[#12]", "1."), link-only items.

The patterns are built once from the lexicon's lists (rules/en/actions.yml) on first use; the
item reader (`action_items.py`) and the action-item checks share them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import alternation as _any, english
from ..word_classes import parts


def words_of(name: str) -> frozenset[str]:
    """A lexicon list as a set of lower-case words or phrases."""
    return english().words(name)


def _upper(name: str) -> str:
    """A lexicon list as an alternation of its entries in capitals (for case-sensitive shapes)."""
    return "(?:" + "|".join(re.escape(e.upper()) for e in english().entries(name)) + ")"


# ---------------------------------------------------------------------------------------------
# Owner and due labels


@lru_cache(maxsize=1)
def owner_label() -> re.Pattern:
    """"Owner: Kim", "assigned to @kim", "owner Kim" (group 1: the value)."""
    return re.compile(
        rf"\b{_any('owner_labels')}(?:\s*[:=]\s*|\s+(?=@)|(?-i:\s+(?=[A-Z][a-z]+\b)))"
        rf"([^.,;()|\n]*?)(?=\s*(?:[.,;()|\n]|\s+(?:{_any('owner_value_stops')}|p\d)\b|$))", re.I)


@lru_cache(maxsize=1)
def due_label() -> re.Pattern:
    """"Due: 2026-05-01", "ETA next sprint", "deadline March 3" (group 1: the value)."""
    return re.compile(
        rf"\b{_any('due_labels')}(?:\s*[:=]\s*|\s+(?=\d|{_any('due_value_openers')}\b))"
        rf"([^,;()|\n]*?)(?=\s*(?:[,;()|\n]|\.(?:\s|$)|\s+(?:{_any('due_value_stops')}|p\d)\b|$))",
        re.I)


#: A person's name standing as the owner without a label: "— Kim, 2026-03-15", "(Kim, Mar 3)",
#: "… — Kim" at the end of the item. One or two capitalised words, then a comma or the end.
_NAMED_OWNER = re.compile(r"(?:\s[-–—]\s*|\()\s*((?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))\s*"
                          r"(?=,\s*\S|\)\s*[.!]?\s*$|\s*[.!]?\s*$)")


@lru_cache(maxsize=1)
def _month_start() -> re.Pattern:
    return re.compile(rf"{_any('month_words')}\b", re.I)


def named_owner(raw: str) -> re.Match | None:
    """The first unlabelled name that can be an owner (not "— Done", "(March 3)", "— Kafka")."""
    for m in _NAMED_OWNER.finditer(raw):
        name = m.group(1)
        if (name.split()[0].lower() in words_of("not_names") or _month_start().match(name)
                or name.lower() in words_of("systems")):
            continue
        return m
    return None


# ---------------------------------------------------------------------------------------------
# Tracking issues

_TRACKER_URL = re.compile(r"https?://[^\s)>\]|]*(?:/issues?/|/pulls?/|/merge_requests/|/browse/|"
                          r"/tickets?/|/bugs?/|show_bug|/tasks?/|/cards?/|/-/issues|/projects/\w+/"
                          r"issues|atlassian\.net|linear\.app|youtrack|bugzilla|crbug\.com|/b/\d)",
                          re.I)


def _capitalisable(name: str) -> str:
    """Entries matching in lower case or with a capital first letter ("bug", "Bug")."""
    return "(?:" + "|".join(f"[{e[0].upper()}{e[0]}]{re.escape(e[1:])}"
                            for e in english().entries(name)) + ")"


@lru_cache(maxsize=1)
def _ticket_ref() -> re.Pattern:
    """#123, PROJ-123 (not SEV-1, CVE-...), "Bug 123456"."""
    return re.compile(rf"(?<![\w/&#])#\d+\b|\b(?!{_upper('not_ticket_prefixes')}-)[A-Z][A-Z0-9]{{1,9}}-\d+\b|"
                      rf"\b(?:{_capitalisable('ticket_number_prefixes')}|b)[\s/]?#?\d{{4,}}\b")


@lru_cache(maxsize=1)
def _ticket_words() -> re.Pattern:
    """"bug 4471", "a Jira ticket was created", "[tracking issue](...)"."""
    return re.compile(
        rf"\b{_any('ticket_nouns')}\s+#?\d{{2,}}\b|"
        rf"\b{_any('filed_ticket_nouns')}\s+(?:has\s+been\s+|was\s+|is\s+|been\s+)?{_any('filing_verbs')}\b|"
        rf"\[{_any('ticket_link_words')}[^\]]*\][(\[]", re.I)


def tracking_issue(raw: str) -> str | None:
    """The tracking issue the text links or names (a tracker URL, #123, PROJ-123, "bug 4471",
    "a Jira ticket was filed"), as written, or None."""
    m = _TRACKER_URL.search(raw) or _ticket_ref().search(raw) or _ticket_words().search(raw)
    return m.group(0) if m else None


@lru_cache(maxsize=1)
def _link_parts() -> re.Pattern:
    return re.compile(r"https?://\S+|www\.\S+|<[^>]*>|\[[^\]]*\]\([^)]*\)|(?<![\w&])#\d+\b|"
                      rf"\b[A-Z][A-Z0-9]{{1,9}}-\d+\b|\b{_any('link_words')}\b", re.I)


def link_only(raw: str) -> bool:
    """True when an item's words are only a link or a ticket reference ("#812", "See <url>")."""
    words = _link_parts().sub(" ", raw)
    return bool(raw.strip()) and not re.search(r"[A-Za-z]{2,}", words)


#: An item that is nothing but one bracketed span, in any bracket style.
_BRACKETED = re.compile(r"^\s*(?:\{\{([^{}]+)\}\}|\[([^\[\]]+)\]|\{([^{}]+)\}|<([^<>]+)>|\(([^()]+)\))"
                        r"\s*[.:;]?\s*$")


def placeholder_item(text: str) -> bool:
    """Template text standing where an action should be: "[Action item 1]", "<next step>",
    "{{ follow-up }}", "(TODO: add actions here)", "TBD": one bracketed span of template words
    (or an instruction: "[Describe the fix]"), or a bare placeholder marker."""
    body = re.sub(r"^\s*(?:\[[ xX]\]\s+)?[*_]*", "", text).rstrip("*_ \n")
    words = re.findall(r"[A-Za-z]+", body)
    if len(words) == 1 and words[0].lower() in words_of("placeholder_markers") | {"todo"}:
        return body.strip(" .:") == words[0]
    m = _BRACKETED.match(body)
    if m is None or not words:
        return False
    inner = next(g for g in m.groups() if g is not None).strip()
    template = [w for w in words if w.lower() in words_of("action_placeholder_words")]
    if re.match(r"(?i)" + _any("instruction_words") + r"(?!\w)", inner):
        return len(template) * 2 >= len(words)  # "[Describe the fix]", not "[Add a disk alert on …]"
    return len(words) <= 8 and len(template) == len(words)


# ---------------------------------------------------------------------------------------------
# Done items and success metrics

_STRUCK = re.compile(r"^\s*~~.*~~\s*$", re.S)


@lru_cache(maxsize=1)
def _done_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    status = re.compile(rf"^{_any('done_statuses')}\b", re.I)
    inline = re.compile(rf"\({_any('done_marks')}\)|\bstatus\s*:\s*{_any('done_status_values')}\b", re.I)
    shout = re.compile(rf"\b{_upper('done_shouts')}\b")
    #: work reported as done: "We tweaked the pull limit", "X has been documented"
    past = re.compile(rf"^{_any('done_work_subjects')}(?:'ve|\s+have|\s+has)?\s+(?:already\s+)?"
                      r"(?!need)[a-z]+(?:ed|ilt|ote|ut|et|ade)\b|"
                      r"^[^,;]{3,80}?(?<!should )(?<!could )(?<!would )(?<!might )(?<!must )\b(?:has|have)\s+(?:now\s+|already\s+)?been\s+[a-z]+"
                      r"(?:ed|en|ilt|ote|ut|et|ade)\b", re.I)
    return status, inline, shout, past


def done_mark(block_raw: str, raw: str, status: str, action: str) -> bool:
    """Whether an item says it is done: a done status cell, "(fixed)", "DONE", struck through,
    or an action written as work already done."""
    status_word, inline, shout, past = _done_patterns()
    return (bool(status_word.match(status)) or bool(shout.search(raw)) or bool(inline.search(raw))
            or bool(_STRUCK.match(block_raw)) or bool(past.match(" ".join(action.split()))))


@lru_cache(maxsize=1)
def _metric_label() -> re.Pattern:
    return re.compile(rf"\b{_any('metric_labels')}\s*:", re.I)


def metric_label(raw: str) -> bool:
    """Whether the item labels a success metric ("Done when: ...")."""
    return bool(_metric_label().search(raw))


# ---------------------------------------------------------------------------------------------
# Leading noise


@lru_cache(maxsize=1)
def lead_noise() -> re.Pattern:
    """What may open an item before its action: "[#12]:", "(high)", "P1 -", "TODO:", "1.", "—"."""
    priority = rf"(?i:{_any('priority_words')}|p[0-4])"
    return re.compile(
        r"(?:\s*(?:\[[^\]]{1,30}\]:?|\(" + priority + r"\)|"
        rf"(?:{_upper('priority_words')}|P[0-4])\b|{priority}\s*[:\-–—]|"
        rf"(?i:{_any('item_labels')})\s*:|\d{{1,3}}[.)]\s|[-–—:]))+\s*")


# ---------------------------------------------------------------------------------------------
# Whether an item opens with a verb (lemminflect's dictionary says which words can be verbs)

def only_verb(word: str) -> bool:
    """Whether a word can be a verb and not a noun ("include", not "alerts")."""
    verb, noun = parts(word)
    return verb and not noun


def opens_with_verb(words: list[str]) -> bool:
    """Whether an item opens with a verb: a word that is only a verb, a verb the lexicon lists,
    or a noun-or-verb followed by a determiner ("Queue metrics" is a noun, "Queue the jobs" not)."""
    known = any(words[0] in english().words(n) for n in
                ("deliverable_verbs", "add_verbs", "increase_verbs", "reduce_verbs", "improve_verbs"))
    verb, noun = parts(words[0])
    if not verb and not known:
        return False
    following = words[1] if len(words) > 1 else ""
    return known or not noun or following in english().words("verb_object_openers")


# ---------------------------------------------------------------------------------------------
# Owners that name nobody in particular


@lru_cache(maxsize=1)
def _group_word() -> re.Pattern:
    return re.compile(rf"\b{_any('group_owner_words')}\b")


def nobody_owner(value: str) -> str | None:
    """Why an owner value names nobody in particular: "nobody" ('TBD', 'unassigned'), "group"
    ('Platform team', 'whoever is on call'), or None."""
    v = " ".join(value.strip().strip("*_`").lower().split())
    if v in words_of("nobody_owners") or re.fullmatch(r"\?+", v):
        return "nobody"
    if _group_word().search(v) or v in words_of("group_owners"):
        return "group"
    return None
