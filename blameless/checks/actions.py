"""Action items (A2xx): vague actions, actions that ask people to try harder, non-owners and
non-dates, link-only and question items, missing owners and dates, and too many items.

Every A2xx rule is document-level: whether an item lacks an owner depends on its list or table
(`block.group`) and on its section, and a list item's owner or ticket may sit in a continuation
paragraph below it. `action_items(document)` turns the action-item sections into `Item`s once per
document; the checks read those. Word lists live in rules/actions.yml (`lexicon:`); this module
holds the shapes: table columns, inline `Owner:` / `Due:` labels, tickets, dates.
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import lru_cache
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import Severity
from ..lexicon import english
from .context import DocumentContext, Hit

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Block, Document, Section

# ---------------------------------------------------------------------------------------------
# Columns of action-item tables, recognised by words of their (normalised) header.

_COLUMNS: dict[str, tuple[str, ...]] = {
    "action": ("action", "actions", "item", "items", "task", "tasks", "description", "what",
               "title", "todo", "remediation", "step", "change", "fix", "work"),
    "owner": ("owner", "owners", "owned", "assignee", "assignees", "assigned", "who", "responsible", "dri",
              "lead", "poc"),
    "due": ("due", "deadline", "date", "eta", "target", "when", "by"),
    "priority": ("priority", "prio", "severity", "pri"),
    "status": ("status", "state", "done", "progress", "resolution"),
    "ticket": ("ticket", "tickets", "issue", "issues", "tracking", "link", "links", "bug", "bugs",
               "jira", "pr", "reference", "ref", "url", "tracker"),
    "metric": ("success", "metric", "criteria", "acceptance", "verification", "measure"),
}
_COLUMN_ORDER = ("owner", "due", "ticket", "status", "priority", "metric", "action")


def column_of(header: str) -> str | None:
    """Which kind of column a normalised header names ('due date' -> 'due'), or None."""
    words = header.split()
    if not words or header.startswith("col"):
        return None
    if "done" in words and "when" in words:
        return "metric"
    for kind in _COLUMN_ORDER:
        if any(w in _COLUMNS[kind] for w in words):
            if kind == "action" and len(words) > 1 and words[-1] in ("id", "no", "number", "#"):
                continue
            return kind
    return None


# ---------------------------------------------------------------------------------------------
# Shapes found in item text.

_ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_DMY_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b")
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_NAMED_DATE = re.compile(rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|"
                         rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b(?:\s+\d{{4}})?|"
                         rf"(?:end|start|beginning|middle|mid)[- ]of[- ](?:{_MONTHS}|q[1-4]|"
                         rf"(?:the\s+)?(?:week|month|quarter|year))|"
                         rf"\bq[1-4]\s*(?:fy)?\s*'?\d{{2,4}}|\bh[12]\s+\d{{4}}|"
                         rf"(?:{_MONTHS})\s+\d{{4}})", re.I)
_RELATIVE_DUE = re.compile(r"\b(?:within|in)\s+(?:\d+|one|two|three|four|five|six|seven|ten|"
                           r"fourteen|thirty)\s+(?:business\s+|working\s+)?(?:days?|weeks?|months?)\b|"
                           r"\bby\s+(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|"
                           r"end of (?:day|week|month|quarter|sprint))\b", re.I)
_DURATION_ONLY = re.compile(r"^\s*\d+\s*(?:business\s+|working\s+)?(?:d|days?|w|wks?|weeks?|"
                            r"months?)\s*$", re.I)

_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9][\w.-]*[A-Za-z0-9]|(?<![\w@])[a-z][a-z0-9_.-]{1,30}@(?![\w.])")
_OWNER_LABEL = re.compile(r"\b(?:owners?|assignees?|assigned\s+to|owned\s+by|dri|responsible)"
                          r"(?:\s*[:=]\s*|\s+(?=@)|(?-i:\s+(?=[A-Z][a-z]+\b)))([^.,;()|\n]*?)(?=\s*(?:[.,;()|\n]|\s+(?:due|by|eta|"
                          r"deadline|priority|p\d)\b|$))", re.I)
#: A person's name standing as the owner without a label: "— Kim, 2026-03-15", "(Kim, Mar 3)",
#: "… — Kim" at the end of the item. One or two capitalised words, then a comma or the end.
_NAME = r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
_NAMED_OWNER = re.compile(r"(?:\s[-–—]\s*|\()\s*(" + _NAME + r")\s*(?=,\s*\S|\)\s*[.!]?\s*$|\s*[.!]?\s*$)")
_NOT_NAMES = frozenset({"done", "open", "closed", "todo", "wip", "draft", "ongoing", "optional",
                        "high", "low", "medium", "critical", "urgent", "blocked", "in", "not",
                        "none", "tbd", "tba", "asap", "soon", "later", "next", "see", "owner",
                        "due", "status", "priority", "ticket", "issue", "required", "planned",
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                        "sunday", "january", "february", "march", "april", "may", "june", "july",
                        "august", "september", "october", "november", "december", "q1", "q2",
                        "q3", "q4", "production", "staging", "prod"})
_DUE_LABEL = re.compile(r"\b(?:due(?:\s+date)?|deadline|eta|target(?:\s+date)?|by\s+when)"
                        r"(?:\s*[:=]\s*|\s+(?=\d|(?:" + _MONTHS + r")\b|asap\b|soon\b|tbd\b|next\b))"
                        r"([^,;()|\n]*?)(?=\s*(?:[,;()|\n]|\.(?:\s|$)|\s+(?:owner|priority|p\d)\b|$))",
                        re.I)

_TRACKER_URL = re.compile(r"https?://[^\s)>\]|]*(?:/issues?/|/pulls?/|/merge_requests/|/browse/|"
                          r"/tickets?/|/bugs?/|show_bug|/tasks?/|/cards?/|/-/issues|/projects/\w+/"
                          r"issues|atlassian\.net|linear\.app|youtrack|bugzilla|crbug\.com|/b/\d)",
                          re.I)
_TICKET_REF = re.compile(r"(?<![\w/&#])#\d+\b|\b(?!(?:SEV|CVE|UTF|ISO|RFC|COVID|HTTP|TLS|SHA|MD|"
                         r"AES|RSA|P|T|Q|H|IPV|X|GPT|EC|NO|TO|OR)-)[A-Z][A-Z0-9]{1,9}-\d+\b|"
                         r"\b(?:[Bb]ug|[Ii]ssue|[Tt]icket|b)[\s/]?#?\d{4,}\b")
_TICKET_WORDS = re.compile(r"\b(?:bug|issue|ticket|story|task|card|jira|pr)\s+#?\d{2,}\b|"
                           r"\b(?:issue|ticket|story|bug|card|jira(?:\s+ticket)?)\s+(?:has\s+been\s+|"
                           r"was\s+|is\s+|been\s+)?(?:created|filed|opened|raised|logged)\b|"
                           r"\[(?:issue|pr|pull request|ticket|bug|tracking)[^\]]*\][(\[]", re.I)
_DONE_WORDS = re.compile(r"^(?:done|complete|completed|closed|fixed|resolved|merged|shipped|"
                         r"finished|deployed|released|implemented)\b", re.I)
_DONE_INLINE = re.compile(r"\((?:done|completed?|fixed|merged|resolved|closed|shipped)\)|"
                          r"\bDONE\b|\bCOMPLETED?\b|\bFIXED\b|\bstatus\s*:\s*(?:done|complete|"
                          r"completed|closed|fixed|resolved|merged)\b")
_DONE_INLINE_CI = re.compile(r"\((?:done|completed?|fixed|merged|resolved|closed|shipped)\)|"
                             r"\bstatus\s*:\s*(?:done|complete|completed|closed|fixed|resolved|"
                             r"merged)\b", re.I)
_STRUCK = re.compile(r"^\s*~~.*~~\s*$", re.S)
#: An item reporting work already done: "We tweaked the pull limit", "X has been documented".
_PAST = re.compile(r"^(?:we|i|the\s+team|they)(?:'ve|\s+have|\s+has)?\s+(?:already\s+)?"
                   r"(?!need)[a-z]+(?:ed|ilt|ote|ut|et|ade)\b|"
                   r"^[^,;]{3,80}?\b(?:has|have)\s+(?:now\s+|already\s+)?been\s+[a-z]+(?:ed|en|ilt|ote|ut|et|ade)\b",
                   re.I)
_METRIC = re.compile(r"\b(?:done\s+when|success(?:\s+(?:metric|criteria|criterion|measure))?|"
                     r"acceptance(?:\s+criteria)?|verified\s+(?:by|when|in|with)|measured\s+by|"
                     r"exit\s+criteria)\s*:", re.I)
_LEAD_NOISE = re.compile(r"(?:\s*(?:\[[^\]]{1,30}\]:?|\((?i:high|medium|low|p[0-4]|critical)\)|"
                         r"(?:HIGH|MEDIUM|LOW|CRITICAL|P[0-4])\b|(?i:high|medium|low|p[0-4]|critical)"
                         r"\s*[:\-–—]|(?i:todo|action(?:\s+item)?|ai)\s*:|\d{1,3}[.)]\s|[-–—:]))+\s*")
_MODAL_LEAD = re.compile(r"^(?:(?:we|i|the\s+team|you)\s+(?:should|need\s+to|must|will|'ll|have\s+to|"
                         r"want\s+to|would\s+like\s+to|plan\s+to|ought\s+to)|we'll|let's|let\s+us|"
                         r"need\s+to|should|must|going\s+forward,?|in\s+the\s+future,?|"
                         r"(?:try|attempt|aim|strive|endeavou?r)\s+to)\s+", re.I)


@dataclass
class Item:
    """One action item: a list item or table row of an action-item section."""

    block: "Block"
    root: "Section"  # the outermost action-item section holding it
    raw: str  # the item's source, with continuation paragraphs
    text: str  # the same with markup blanked
    action: tuple[int, int]  # block-relative range of the action words
    owner: str | None = None
    owner_at: tuple[int, int] | None = None  # block-relative range of the owner value
    owner_labelled: bool = False
    due: str | None = None
    due_at: tuple[int, int] | None = None
    due_labelled: bool = False
    dated: bool = False  # names a real date (or a relative one: "within 7 days")
    dated_meta: bool = False  # ... as the item's due date (a column, a label, after the action)
    nested: bool = False  # a sub-item of another list item
    tracked: bool = False  # links a tracking issue: counts as owned and dated
    done: bool = False
    measurable: bool = False  # says how to tell it is done
    empty_owner_cell: tuple[int, int] | None = None
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def action_text(self) -> str:
        return self.block.text[self.action[0]:self.action[1]]

    @property
    def action_raw(self) -> str:
        return self.block.raw[self.action[0]:self.action[1]]

    @property
    def has_owner(self) -> bool:
        return bool(self.owner)

    @property
    def open(self) -> bool:
        return not self.done


def _root(document: "Document", section: "Section") -> "Section":
    """The outermost action-item section above `section` (subsections inherit the kind)."""
    root = section
    for s in reversed(document.sections[:section.index]):
        if s.level == 0:
            break
        if s.level < root.level:
            if s.kind == "action_items":
                root = s
            else:
                break
    return root


def _action_range(block: "Block", cells: dict[str, tuple[int, int]]) -> tuple[int, int]:
    text = block.text
    if block.kind == "table_row":
        if "action" in cells:
            return cells["action"]
        others = [c for c in block.cells if column_of(c.header) is None]
        pool = others or list(block.cells)
        best = max(pool, key=lambda c: len(c.text_of(block)), default=None)
        if best is None:
            return 0, len(text)
        s = best.start + (len(text[best.start:best.end]) - len(text[best.start:best.end].lstrip()))
        return s, s + len(best.text_of(block))
    # a bold title ("**Do X**: why...") is the action; the rest explains it
    bold = re.match(r"\s*(?:\[[^\]]*\]:?\s*)?\*\*(.+?)\*\*\s*[:.\-–—]", block.raw)
    if bold and len(bold.group(1).split()) >= 2:
        return bold.start(1), bold.end(1)
    lead = _LEAD_NOISE.match(text)
    start = lead.end() if lead else 0
    start += len(text[start:]) - len(text[start:].lstrip())
    # the first sentence, without trailing "(owner ..., due ...)" or "Owner: ..." parts
    end = len(text)
    for pattern in (r"[.!?](?=\s+[A-Z@(])", r"\s*\((?:owner|due|assignee|p\d)\b", r"\s+[-–—]\s*@",
                    r"\s*\b(?:owner|assignee|due|deadline)\s*:",
                    r"\s*\(" + _NAME + r",\s*(?=\S)", r"\s+[-–—]\s*" + _NAME + r"\s*(?:,|[.!]?\s*$)"):
        m = re.compile(pattern, re.I).search(text, start)
        if m and m.start() > start:
            end = min(end, m.start() + (1 if text[m.start()] in ".!?" else 0))
    first_line_break = text.find("\n\n", start)
    if first_line_break > 0:
        end = min(end, first_line_break)
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


def _cell_ranges(block: "Block") -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for cell in block.cells:
        kind = column_of(cell.header)
        if kind and kind not in found:
            seg = block.text[cell.start:cell.end]
            s = cell.start + len(seg) - len(seg.lstrip())
            found[kind] = (s, s + len(seg.strip()))
    return found


def _has_date(text: str) -> bool:
    for m in _ISO_DATE.finditer(text):
        if _valid(m):
            return True
    return bool(_DMY_DATE.search(text) or _NAMED_DATE.search(text) or _RELATIVE_DUE.search(text))


def _valid(m: re.Match) -> bool:
    try:
        _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return True
    except ValueError:
        return False


def _tracked(raw: str) -> bool:
    return bool(_TRACKER_URL.search(raw) or _TICKET_REF.search(raw) or _TICKET_WORDS.search(raw))


def _is_null(value: str) -> bool:
    return value.strip().strip("*_`").lower() in ("", "-", "–", "—", "n/a", "na", "none", "no",
                                                    "nil", "null")


def action_items(document: "Document") -> list[Item]:
    """The items of every action-item section, with what each says about owner, date, ticket."""
    return document.derived("action_items", _read_action_items)


def _read_action_items(document: "Document") -> list[Item]:
    items: list[Item] = []
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if block.section.kind != "action_items" or block.kind not in ("list_item", "table_row"):
            continue
        stripped = block.text.strip()
        if not stripped or (block.kind == "list_item" and stripped.endswith(":")):
            continue  # a label for the sub-list below it
        if block.kind == "table_row" and not any(c.text_of(block) for c in block.cells):
            continue
        raw, text = block.raw, block.text
        j = i + 1
        while j < len(blocks) and blocks[j].continuation and blocks[j].section is block.section:
            raw += "\n" + blocks[j].raw
            text += "\n" + blocks[j].text
            j += 1
        cells = _cell_ranges(block)
        item = Item(block, _root(document, block.section), raw, text, _action_range(block, cells))
        item.cells = {k: block.text[s:e] for k, (s, e) in cells.items()}
        line = document.line_text(block.line)
        item.nested = block.kind == "list_item" and line[:1] in (" ", "\t") and any(
            b.kind == "list_item" and b.group != block.group and b.section is block.section
            for b in blocks[max(0, i - 40):i])
        _read_fields(item, cells)
        if item.nested and link_only(block.raw):
            continue  # a reference under the item it belongs to
        items.append(item)
    return items


_MONTH_START = re.compile(rf"(?:{_MONTHS})\b", re.I)


def _system_names() -> frozenset[str]:
    """Tool and vendor names from the shared lexicon: '(Kafka)' names no owner."""
    return english().words("systems")


def _read_fields(item: Item, cells: dict[str, tuple[int, int]]) -> None:
    block, raw = item.block, item.raw
    # owner
    if "owner" in cells:
        s, e = cells["owner"]
        value = block.text[s:e].strip()
        if not _is_null(value):
            item.owner, item.owner_at, item.owner_labelled = value, (s, e), True
        elif value:
            item.owner_at = (s, e)
        else:
            item.empty_owner_cell = (s, e)
    if item.owner is None:
        for m in _OWNER_LABEL.finditer(raw):
            value = m.group(1).strip()
            if value and not _is_null(value):
                item.owner, item.owner_at, item.owner_labelled = value, m.span(1), True
                break
    if item.owner is None:
        m = _HANDLE.search(raw)
        if m:
            item.owner, item.owner_at = m.group(0), m.span()
    if item.owner is None and block.kind == "list_item":
        for m in _NAMED_OWNER.finditer(raw):
            name = m.group(1)
            if name.split()[0].lower() in _NOT_NAMES or _MONTH_START.match(name) \
                    or name.lower() in _system_names():
                continue
            item.owner, item.owner_at = name, m.span(1)
            break
    # due date
    if "due" in cells:
        s, e = cells["due"]
        value = block.text[s:e].strip()
        if not _is_null(value):
            item.due, item.due_at, item.due_labelled = value, (s, e), True
    if item.due is None:
        m = _DUE_LABEL.search(raw)
        if m and m.group(1).strip() and not _is_null(m.group(1)):
            item.due, item.due_at, item.due_labelled = m.group(1).strip(), m.span(1), True
    item.dated = _has_date(raw) or bool(item.due and _DURATION_ONLY.match(item.due))
    outside = raw[:item.action[0]] + " " * (item.action[1] - item.action[0]) + raw[item.action[1]:]
    item.dated_meta = (bool(item.due and not _NON_DATE_VALUE.match(item.due.strip()))
                       or _has_date(outside))
    # tracking issue
    ticket = item.cells.get("ticket", "")
    ticket_value = re.sub(r"\b(?:done|todo|open|closed|in progress|wip)\b", "", ticket, flags=re.I)
    item.tracked = (bool(ticket_value.strip()) and not _is_null(ticket_value)
                    and not re.fullmatch(r"\s*(?:tbd|tba|\?+)\s*", ticket_value, re.I)) or _tracked(raw)
    # done
    status = item.cells.get("status", "").strip().strip("*_ ")
    item.done = (block.checkbox == "x" or bool(_DONE_WORDS.match(status))
                 or bool(_DONE_INLINE.search(raw)) or bool(_DONE_INLINE_CI.search(raw))
                 or bool(_STRUCK.match(block.raw))
                 or bool(_PAST.match(" ".join(block.text[item.action[0]:item.action[1]].split()))))
    item.measurable = bool(_METRIC.search(raw)) or bool(item.cells.get("metric", "").strip())


# ---------------------------------------------------------------------------------------------
# Suggestions: a SMART shape built from the item's own words.

_GENERIC_FIX = {
    "monitoring": "Add an alert on <metric> above <threshold> for",
    "alerting": "Add an alert on <metric> above <threshold> for",
    "alerts": "Add an alert on <metric> above <threshold> for",
    "observability": "Add a dashboard panel and an alert on <metric> for",
    "tests": "Add a test that fails when <condition> to",
    "testing": "Add a test that fails when <condition> to",
    "documentation": "Write <the missing step> into",
    "docs": "Write <the missing step> into",
    "runbook": "Add <the missing step> to",
    "process": "Add <a named check or step> to",
    "deployments": "Add <a named check, e.g. a canary stage> to",
    "deploys": "Add <a named check, e.g. a canary stage> to",
}


def smart_shape(item: Item, head: str | None = None, done_when: str = "<measurable check>") -> str:
    """'<verb> <specific object> — owner: @..., due: YYYY-MM-DD, done when: <measurable check>'."""
    if head is None:
        head = " ".join(item.action_text.split()).rstrip(".!?;:")
    owner = item.owner if item.owner and not _non_owner(item.owner, None) else "@..."
    due = item.due if item.due and item.dated else "YYYY-MM-DD"
    head = head[:1].upper() + head[1:]
    return f"“{head} — owner: {owner}, due: {due}, done when: {done_when}”"


def _non_owner(value: str, ctx: DocumentContext | None) -> str | None:
    """Why an owner value names nobody in particular ('TBD', a team), or None."""
    v = " ".join(value.strip().strip("*_`").lower().split())
    if re.fullmatch(r"\?+|tbd|tba|tbc|unassigned|unowned|nobody|no one|none yet|unknown|"
                    r"to be (?:determined|decided|assigned|confirmed)|not assigned|open|anyone|"
                    r"somebody|someone|anybody", v):
        return "names no one"
    if re.search(r"\b(?:team|teams|squad|squads|group|department|dept|org|organi[sz]ation|guild|"
                 r"chapter|everyone|everybody|all|whoever|folks|people|engineers|developers|devs|"
                 r"staff|rotation|eng)\b", v) or v in ("engineering", "ops", "devops", "it", "sre",
                                                        "sres", "management", "infra", "platform",
                                                        "security", "qa", "support", "oncall",
                                                        "on-call", "on call"):
        return "is a group, not one person"
    return None


# ---------------------------------------------------------------------------------------------
# A201 vague action


def _strip_lead(text: str) -> tuple[int, str]:
    """Offset and text of an action with 'We should', '[#12]:', '**HIGH**' and the like removed."""
    at = len(text) - len(text.lstrip())
    first = True
    while True:
        m = _LEAD_NOISE.match(text, at) if first else None
        first = False
        m2 = _MODAL_LEAD.match(text[at:])
        if m and m.end() > at:
            at = m.end()
        elif m2:
            at += m2.end()
        else:
            break
    return at, text[at:]


_MECHANISM = re.compile(r"\b(?:by\s+(?:adding|using|moving|setting|replacing|removing|switching|"
                        r"introducing|enabling|running|making|writing|creating|automating|"
                        r"pinning|splitting|limiting|caching|requiring)|with\s+(?:a|an|the)\s+\w+|"
                        r"via|using|from\s+\S+\s+to)\b", re.I)
_NUMERIC = re.compile(r"\d|\b(?:p\d\d|percent|seconds?|minutes?|hours?)\b|[<>≤≥]|%", re.I)
_DELIVERABLE = re.compile(r"(?:\b(?:and|then)|(?<!\bways)(?<!\bway)(?<!\bhow)(?<!\boptions)"
                          r"(?<!\bapproaches)(?<!\bmeans)\s+to)\s+(?:write\s+up|write|file|document|propose|report|"
                          r"decide|publish|share|create|add|implement|fix|open|produce|record|merge|"
                          r"approve|apply|deploy|update|remove|delete|ship|roll\s+out|enable|"
                          r"disable|set|change|replace|upgrade|pin|migrate)\b",
                          re.I)


#: Improvement verbs whose object may be a gerund naming the work ("Focus on adding retries").
_GERUND_TAKERS = frozenset({"focus on", "work on", "double down on", "invest in", "prioritise",
                            "prioritize", "work towards", "work toward"})

_AGAIN = re.compile(r"^(?:catch|detect|find|spot|notice|identify|fix|resolve|respond\s+to|react\s+to|"
                    r"handle|avoid|stop)\s+(?:these|such|similar|this|that|those|the\s+same)\s+"
                    r"(?:kinds?\s+of\s+|types?\s+of\s+|sorts?\s+of\s+)?(?:issues?|problems?|errors?|"
                    r"incidents?|bugs?|failures?|outages?|mistakes?|regressions?)\b|"
                    r"\b(?:happen|happens|happening|occur|occurs|occurring|recur|recurs|recurring)"
                    r"\s+again\b|\b(?:this|it|that)\s+(?:doesn't|does not|won't|will not|can't|"
                    r"cannot|never)\s+(?:happen|recur|occur)")


@lru_cache(maxsize=64)
def _alternation(words: frozenset[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=64)
def _opening(words: frozenset[str]) -> re.Pattern:
    """Matches text that opens with one of the phrases (as whole words)."""
    return re.compile(r"(?:" + _alternation(words) + r")\b")


def vague_reason(item: Item, ctx: DocumentContext) -> tuple[str, str, str | None] | None:
    """(what is vague, the vague words, a concrete verb for the rewrite) or None."""
    text = " ".join(item.action_text.split())
    at, body = _strip_lead(text)
    low = body.lower()
    if not low or item.measurable:
        return None
    raw_action = item.action_raw
    concrete = bool(_NUMERIC.search(body)) or "`" in raw_action
    # soft verbs: exploration and discussion, with no end state
    opening = _opening(ctx.words("soft_verbs")).match(low)
    if opening:
        phrase = opening.group(0)
        if item.tracked or (item.has_owner and item.dated) or _DELIVERABLE.search(low):
            return None
        purpose = re.search(r"\b(?:to\s+make\s+sure|to\s+ensure|so\s+that)\s+(.*)", low)
        if purpose and len(purpose.group(1).split()) >= 5 and not _AGAIN.search(purpose.group(1)):
            return None  # the end state is named: "Revisit X so that everyone on it can Y"
        return ("names an activity, not an outcome", body[:len(phrase)], None)
    # "make sure it never recurs"
    if _AGAIN.search(low) or re.search(r"\b(?:happen|happens|happening|occur|occurs|occurring|recur|recurs|recurring)\s+again\b|\b(?:this|it|that)\s+"
                 r"(?:doesn't|does not|won't|will not|can't|cannot|never)\s+(?:happen|recur|occur)|"
                 r"\b(?:prevent|avoid)\s+(?:this|it|that|similar|such|future|recurrence|a\s+recurrence|"
                 r"(?:a\s+)?repeat|the\s+same)(?:\s+(?:kinds?\s+of\s+)?(?:incidents?|outages?|"
                 r"issues?|problems?|failures?|things?))?(?:\s+from\s+(?:happening|recurring|"
                 r"occurring))?(?:\s+(?:in\s+the\s+future|going\s+forward|again))?\s*[.!]?$|"
                 r"^(?:ensure|make\s+sure|guarantee)\s+(?:the\s+)?(?:stability|reliability|"
                 r"quality|safety|availability)\s*[.!]?$|^(?:ensure|make\s+sure)\s+(?:that\s+)?"
                 r"(?:[\w-]+\s+){1,4}(?:is|are|stays?|remains?|keeps?\s+being|works?|runs?)\s+"
                 r"(?:healthy|stable|reliable|available|safe|secure|robust|working|up|fine|"
                 r"correctly|properly|smoothly|ok|okay)\s*[.!]?$", low):
        return ("asks for a result without naming the change that gets it", body, None)
    if item.tracked or concrete or _MECHANISM.search(low):
        return None
    # improvement verbs: "Improve X", "Make X safer"
    outcome = re.search(r"\bso\s+(?:that\s+)?(?:it|they|we|the\s+\w+|\w+)\s+(.*)", low)
    if outcome and len(outcome.group(1).split()) >= 3 and not re.search(
            r"\b(?:more|less|better|easier|faster|safer|simpler|clearer|\w+er\s+than)\b",
            outcome.group(1)):
        return None  # "Improve the error so it names the expired credential"
    improve = ctx.words("improve_verbs")
    opening = _opening(improve).match(low)
    if opening:
        phrase = opening.group(0)
        # "Focus on adding retries", "Prioritize upgrading the stack": the gerund names the work
        gerund = re.match(r"\s+(\w+ing)\b", low[len(phrase):])
        if gerund and phrase in _GERUND_TAKERS and gerund.group(1) not in improve \
                and gerund.group(1) not in ctx.words("generic_nouns") \
                and not any(v.startswith(gerund.group(1)) for v in ctx.words("soft_verbs")) \
                and gerund.group(1) not in ("increasing", "reducing", "making", "getting",
                                            "having", "doing", "being", "ensuring"):
            return None
        return ("says to improve something without saying what will change",
                body[:len(phrase)], "improve")
    m = re.match(r"make\s+(.{1,60}?)\s+(?:more\s+\w+|less\s+\w+|safer|better|easier|faster|"
                 r"smoother|clearer|simpler|stronger|robust|reliable|resilient|stable|visible)\b",
                 low)
    if m:
        return ("says to make something better without saying what will change", body[:m.end()],
                "improve")
    # "Better dashboards", "More tests"
    qualifiers = r"(?:better|more|improved|increased|enhanced|greater|stronger|clearer|additional|" \
                 r"extra|further|proper)"
    generic = _alternation(ctx.words("generic_nouns"))
    m = re.match(qualifiers + r"\s+(?:[\w/-]+\s+){0,2}?(?:" + generic + r")\b", low)
    if m:
        return ("names a wish, not a change", body[:m.end()], None)
    # "Increase test coverage", "Reduce toil": more or less of something, with no measure
    for verbs, nouns, why in (("increase_verbs", generic, "asks for more of something without saying what"),
                              ("reduce_verbs", _alternation(ctx.words("vague_targets")),
                               "asks for less of something without saying what will change")):
        verb = _alternation(ctx.words(verbs))
        m = re.match(r"(?:" + verb + r")\s+(?:the\s+|our\s+|its\s+|their\s+|overall\s+)?"
                     r"(?:[\w/-]+\s+){0,2}?(?:" + nouns + r")\b", low)
        if m:
            return (why, body[:m.end()], "improve")
    # "Add more alerts", "Set up some logging"
    m = re.match(r"(?:add|set\s*up|setup|implement|create|write|have|get|build|do|need|introduce|"
                 r"put\s+in(?:\s+place)?|establish|define|develop|adopt)\s+(?:an?\s+)?(?:some|more|"
                 r"additional|extra|better|further|proper|improved)\s+(?:[\w/-]+\s+){0,2}?(?:"
                 + generic + r")\b", low)
    if m:
        return ("asks for more of something without saying what", body[:m.end()], None)
    return None


def vague_action(ctx: DocumentContext) -> Iterator[Hit]:
    """A201: vague verbs or objects with no verifiable outcome."""
    for item in action_items(ctx.document):
        if item.done:
            continue
        found = vague_reason(item, ctx)
        if not found:
            continue
        why, words, _ = found
        s, e = item.action
        text = item.block.text
        while s < e and text[s] in " *_":
            s += 1
        hit_s, hit_e = item.block.doc_offset(s), item.block.doc_offset(e)
        yield Hit(hit_s, hit_e,
                  message=f"Vague action item: “{' '.join(words.split())}” {why}; nobody can tell "
                          f"when it is done",
                  suggestion=_vague_suggestion(item, words))


_FILLER = re.compile(r"^(?:(?:of|the|our|a|an|some|more|better|into|on|about|at|with|whether|if|"
                     r"to|for|around|how|ways|way|options|for|in)\s+)+", re.I)
_TAIL = re.compile(r"\s+(?:more\s+generally|even\s+more|in\s+general|going\s+forward|"
                   r"in\s+the\s+future)$", re.I)
_DECIDE_VERBS = ("consider", "discuss", "reflect", "agree", "talk", "think", "have a", "schedule",
                 "sync", "check with", "follow up")


def _vague_suggestion(item: Item, words: str) -> str:
    text = " ".join(item.action_text.split()).rstrip(".!?;:")
    _, body = _strip_lead(text)
    low = body.lower()
    rest = body[len(words):].strip() if low.startswith(words.lower()) else body
    key = next((k for k in _GENERIC_FIX if re.search(rf"\b{k}\b", low)), None)
    if key and not rest:
        # "Set up more Fluentd alerts": the words between the qualifier and the noun are the target
        m = re.search(r"\b(?:more|some|additional|extra|better|further|proper|improved)\s+(.*?)\s*"
                      + rf"\b{key}\b", body, re.I)
        rest = m.group(1) if m and m.group(1) else ""
    elif key:
        m = re.match(rf"(?:\w+\s+){{0,2}}?{key}\s+(?:of|for|on|in|around|across)\s+(.+)", rest, re.I)
        if m:
            rest = m.group(1)
        elif rest.lower() == key:
            rest = ""
    topic = _TAIL.sub("", re.sub(r"^(?:(?:about|on|with|the|our|a|an)\s+)+", "", rest, flags=re.I)).strip()
    rest = _TAIL.sub("", _FILLER.sub("", rest)).strip()
    target = rest or "<which service>"
    if low.startswith(_DECIDE_VERBS):
        shape = smart_shape(item, f"Decide on {topic or target} and record the decision",
                            "<the decision and its follow-up tickets are written down>")
        return (f"Turn the discussion into a decision with an owner and a date: {shape}; or name "
                f"the change itself.")
    if any(low.startswith(v) for v in ("look", "investigat", "explor", "review", "revisit", "assess",
                                         "evaluat", "figure", "find", "research", "check", "see",
                                         "keep", "continue", "monitor the")):
        shape = smart_shape(item, f"Investigate {target} and file a ticket for each change it finds",
                            "<a write-up names the cause and the fix>")
        return (f"Name the change and how to verify it, or make the investigation tracked work: "
                f"{shape}; or link the ticket that tracks it.")
    if key:
        shape = smart_shape(item, f"{_GENERIC_FIX[key]} {target}")
    else:
        shape = smart_shape(item, f"<The specific change> to {target}")
    return f"Say what will change and how you will know: {shape}"


# ---------------------------------------------------------------------------------------------
# A202 people instead of systems

_PEOPLE = (r"(?:the\s+|all\s+|our\s+|new\s+|every\s+|each\s+)*(?:teams?|engineers?|developers?|devs?|"
           r"everyone|everybody|people|staff|employees?|operators?|on-?call(?:ers?|\s+engineers?)?|"
           r"reviewers?|sres?|product\s+owners?|users?|responders?|admins?|members?|"
           r"service\s+teams?|colleagues|ourselves|contributors?|folks|hires|newcomers|juniors|"
           r"new\s+starters)")
_PERSON_ASK = re.compile(
    r"\bbe(?:ing)?\s+(?:more\s+|extra\s+|very\s+|especially\s+|particularly\s+|much\s+more\s+)?"
    r"(?:careful|cautious|vigilant|diligent|attentive|mindful|alert|thorough)\b|"
    r"\b(?:pay|paying)\s+(?:more\s+|closer\s+|extra\s+|better\s+|greater\s+)?attention\b|"
    r"\btake\s+(?:more|extra|greater|better)\s+care\b|"
    r"\b(?:remind|reminding|re-?iterate\s+(?:to|the\s+need\s+for)|tell|ask|encourage|urge|instruct)"
    r"\s+" + _PEOPLE + r"\b|"
    r"\b(?:train|training|educate|educating|teach|teaching|coach|coaching|remind|reminding)\s+"
    r"(?:the\s+|all\s+|our\s+)?(?:(?!(?:on|in|with|for|about|to|from|of|by|using)\b)[\w-]+\s+){0,2}?"
    + _PEOPLE + r"\b|"
    r"\b(?:hold|run|organi[sz]e|schedule|give|conduct|provide|deliver|offer|do)\s+(?:an?\s+|some\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:training|trainings|workshop|refresher|lunch[- ]and[- ]learn|brown[- ]bag|"
    r"awareness\s+session)s?\b(?!\s+(?:jobs?|data|sets?|pipelines?|runs?|steps?|loops?|scripts?|"
    r"clusters?|nodes?|models?))|"
    r"^(?:communicate|coordinate|collaborate|escalate|respond|react|act|work\s+together)\s+"
    r"(?:better|faster|sooner|quicker|earlier|more\s+(?:clearly|quickly|effectively|often|carefully|"
    r"closely|proactively|promptly))\b|"
    r"^(?:make\s+sure|ensure)\s+(?:that\s+)?" + _PEOPLE + r"\s+(?:always\s+|actually\s+)?"
    r"(?:read|reads|follow|follows|check|checks|double[- ]checks?|know|knows|understand|understands|"
    r"remember|remembers|are\s+(?:aware|careful)|is\s+(?:aware|careful)|pay|pays|verify|verifies|"
    r"adhere|adheres|stick|sticks|think|thinks)\b|"
    r"\b(?:training|education|awareness)\s+(?:for|of)\s+(?:\w+\s+){0,2}" + _PEOPLE + r"\b|"
    r"^(?:everyone|everybody|all\s+engineers|all\s+developers|engineers|developers|people|staff)\s+"
    r"(?:should|must|needs?\s+to|has\s+to|have\s+to|will)\b|"
    r"^(?:always\s+|please\s+)?(?:remember|don't\s+forget|do\s+not\s+forget|never\s+forget)\s+to\b|"
    r"^(?:always\s+|please\s+)?double[- ]check\b|"
    r"\b(?:emphasi[sz]e|stress|reinforce|highlight|underline|underscore|re-?iterate)\s+the\s+"
    r"(?:importance|need)\b|\b(?:raise|increase|improve|build|spread|create)\s+(?:the\s+)?awareness\b|"
    r"\bstrictly\s+adher\w*|\bmore\s+(?:discipline|rigou?r|care)\b", re.I)


#: "..., aka, have more e2e tests": the item goes on to name the system change it means.
_SYSTEM_MEANS = re.compile(r"\b(?:aka|a\.k\.a\.|i\.e\.|e\.g\.|for example|by\s+(?:adding|using|"
                           r"making|having|running|introducing|requiring|automating))\b|"
                           # a reminder the system sends: "Remind users by email 7 days before …"
                           r"^\s*(?:automatically\b|(?:by|via)\s+(?:an?\s+)?(?:automated\s+)?"
                           r"(?:e-?mails?|sms|text\s+messages?|push\s+notifications?|notifications?|"
                           r"slack|bots?|banners?|pop-?ups?)\b)", re.I)


def people_not_systems(ctx: DocumentContext) -> Iterator[Hit]:
    """A202: actions that ask people to be better instead of changing a system."""
    document = ctx.document
    seen: set[int] = set()
    for item in action_items(document):
        seen.add(item.block.index)
        if item.done:
            continue
        yield from _person_hits(item.block, item.action, item)
    # a short paragraph standing alone as a section's measure ("Remind staff to ...")
    content: dict[int, int] = {}
    for block in document.blocks:
        if block.kind != "heading":
            content[block.section.index] = content.get(block.section.index, 0) + 1
    for block in document.blocks:
        if (block.kind == "paragraph" and block.section.kind == "action_items"
                and not block.continuation and block.index not in seen and len(block.text) < 400
                and content.get(block.section.index, 0) <= 2):
            yield from _person_hits(block, (0, len(block.text)), None)


def _person_hits(block: "Block", span: tuple[int, int], item: Item | None) -> Iterator[Hit]:
    s, e = span
    text = block.text[s:e]
    lead, _ = _strip_lead(text)
    m = _PERSON_ASK.search(text[lead:])
    if not m or _SYSTEM_MEANS.search(text[lead + m.end():]):
        return
    start = s + lead + m.start()
    after = lead + m.end()
    clause_end = re.search(r"[.;!?](?:\s|$)", text[after:])
    end = s + after + (clause_end.start() if clause_end else len(text.rstrip()) - after)
    words = " ".join(m.group(0).split())
    action = " ".join(text.split()).rstrip(".")
    yield Hit(block.doc_offset(start), block.doc_offset(end),
              message=f"“{words}” asks people to try harder; an action item should change a "
                      f"system so the slip cannot recur or gets caught",
              suggestion=("Replace the request with a guard the system enforces (a check in CI, "
                          "a confirmation step in the tool, an alert, a safer default), e.g. "
                          "“Add a pre-flight check to <tool> that blocks <the risky step> — "
                          "owner: @..., due: YYYY-MM-DD, done when: <the check fails on a test "
                          f"case>”, instead of “{action}”."))


# ---------------------------------------------------------------------------------------------
# A203 non-owner, A204 non-date


def non_owner(ctx: DocumentContext) -> Iterator[Hit]:
    """A203: an owner that names nobody in particular: 'TBD', 'unassigned', a team."""
    for item in action_items(ctx.document):
        if item.done or not item.owner_at:
            continue
        s, e = item.owner_at
        value = (item.raw[s:e] if item.owner else item.block.text[s:e]).strip()
        if item.owner and not item.owner_labelled:
            continue  # a bare @handle always names someone
        why = _non_owner(value, ctx)
        if not why:
            continue
        if s >= len(item.block.raw):
            continue  # in a continuation paragraph: locate on the item instead
        yield Hit(item.block.doc_offset(s), item.block.doc_offset(e),
                  message=f"Owner “{value}” {why}; an action item needs one named owner",
                  suggestion=(f"Name the one person who will drive it (they can delegate), e.g. "
                              f"{smart_shape(item)}"))


_NON_DATE_VALUE = re.compile(
    r"^(?:asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+possible|soon|soonish|tbd|tba|tbc|\?+|later|"
    r"eventually|some\s*day|sometime|someday|next\s+(?:sprint|iteration|cycle|release|quarter|"
    r"week|month)|(?:in\s+the\s+)?near\s+future|(?:in\s+the\s+)?future|when\s+possible|"
    r"when\s+(?:we\s+have|there\s+is)\s+time|to\s+be\s+(?:determined|decided|confirmed)|"
    r"ongoing|whenever|not\s+set|unknown|immediately|now|urgent|high)\.?$", re.I)
_NON_DATE_TEXT = re.compile(r"\b(?:asap|as\s+soon\s+as\s+possible|in\s+the\s+near\s+future|"
                            r"at\s+some\s+point|some\s*day|when\s+time\s+permits|"
                            r"when\s+we\s+(?:have|get|find)\s+(?:the\s+|some\s+)?time)\b", re.I)


def non_date(ctx: DocumentContext) -> Iterator[Hit]:
    """A204: a due date that is no date: 'ASAP', 'soon', 'next sprint', 'TBD', 2026-02-30."""
    for item in action_items(ctx.document):
        if item.done:
            continue
        block = item.block
        hits: list[tuple[int, int, str]] = []
        for m in _ISO_DATE.finditer(item.raw):
            if not _valid(m) and 1 <= int(m.group(2)) <= 12 and m.end() <= len(block.raw):
                hits.append((m.start(), m.end(), f"“{m.group(0)}” is not a real date"))
        if item.due and item.due_at and item.due_at[1] <= len(block.raw):
            value = " ".join(item.due.split()).strip("*_ ")
            if _NON_DATE_VALUE.match(value) and not item.dated:
                s, e = item.due_at
                hits.append((s, e, f"Due “{value}” is not a date"))
        if not hits and not item.dated:
            m = _NON_DATE_TEXT.search(item.raw)
            if m and m.end() <= len(block.raw):
                hits.append((m.start(), m.end(), f"“{' '.join(m.group(0).split())}” is not a date"))
        for s, e, why in hits[:1]:
            yield Hit(block.doc_offset(s), block.doc_offset(e),
                      message=f"{why}; without a date the item slips behind newer work",
                      suggestion=f"Give a calendar date: {smart_shape(item)}")


# ---------------------------------------------------------------------------------------------
# A205 link-only or question

_INTERROGATIVE = ("what", "why", "how", "who", "whom", "whose", "when", "where", "which", "should",
                  "could", "can", "do", "does", "did", "is", "are", "was", "were", "will", "would",
                  "shall", "may", "might", "have", "has")


def link_only(raw: str) -> bool:
    """True when an item's words are only a link or a ticket reference ("#812", "See <url>")."""
    words = re.sub(r"https?://\S+|www\.\S+|<[^>]*>|\[[^\]]*\]\([^)]*\)|(?<![\w&])#\d+\b|"
                   r"\b[A-Z][A-Z0-9]{1,9}-\d+\b|\b(?:see|issue|pr|link|ticket|bug|tracked\s+in|"
                   r"tracking)\b", " ", raw, flags=re.I)
    return bool(raw.strip()) and not re.search(r"[A-Za-z]{2,}", words)


def not_an_action(ctx: DocumentContext) -> Iterator[Hit]:
    """A205: an item that is only a link, or a question instead of an action."""
    for item in action_items(ctx.document):
        if item.done:
            continue
        block = item.block
        s, e = item.action
        raw = block.raw[s:e]
        if link_only(raw):
            yield Hit(block.doc_offset(s), block.doc_offset(e),
                      message="The action item is only a link; readers of the postmortem cannot "
                              "see what will change",
                      suggestion=("Say what will change next to the link: "
                                  + smart_shape(item, f"<what will change> ({raw.strip()})")))
            continue
        body = " ".join(block.text[s:e].split())
        lead = _LEAD_NOISE.match(body)
        body = body[lead.end():] if lead else body
        first = body.split()[0].lower().strip("*_") if body.split() else ""
        if body.rstrip().endswith("?") and first in _INTERROGATIVE:
            yield Hit(block.doc_offset(s), block.doc_offset(e),
                      message="The action item is a question; an open question is not a task "
                              "anyone can finish",
                      suggestion=("Turn it into the work that answers it, e.g. “Decide whether "
                                  "<...> and record the decision — owner: @..., due: YYYY-MM-DD, "
                                  "done when: the decision is written in <doc>”."))


# ---------------------------------------------------------------------------------------------
# A206 missing owner or date, A207 too many items


def _lacks(item: Item) -> tuple[bool, bool]:
    """(lacks an owner, lacks a date); tracked and done items lack neither."""
    if item.done or item.tracked:
        return False, False
    return not item.has_owner, not (item.dated or (item.due and not _NON_DATE_VALUE.match(item.due.strip())))


def missing_owner_date(ctx: DocumentContext) -> Iterator[Hit]:
    """A206: items without an owner or a date, by `owner_policy` (always | consistent | never)."""
    policy = ctx.config.owner_policy
    if policy == "never":
        return
    items = action_items(ctx.document)
    by_root: dict[int, list[Item]] = {}
    for item in items:
        by_root.setdefault(item.root.index, []).append(item)
    for group_items in by_root.values():
        root = group_items[0].root
        any_owner = any(i.has_owner for i in group_items)
        any_date = any(i.dated_meta for i in group_items)
        flagged_items: set[int] = set()
        if policy == "consistent" and not (any_owner and any_date):
            lacking = [i for i in group_items if any(_lacks(i))]
            if lacking:
                what = ("an owner or a due date" if not any_owner and not any_date
                        else "an owner" if not any_owner else "a due date")
                n = len(lacking)
                total = len([i for i in group_items if i.open])
                if n == total:
                    counted = (f"none of the {n} action items here names {what}" if n > 1
                               else f"the action item here names no {what.replace('an ', '').replace('a ', '')}")
                else:
                    counted = (f"no action item here names {what}, and {n} of the {total} open "
                               f"item{'s' if total > 1 else ''} link{'s' if n == 1 else ''} no tracking issue either")
                yield Hit(root.start, root.end, severity=Severity.INFO,
                          message=(f"{counted[:1].upper()}{counted[1:]}; unowned, undated items are "
                                   f"the ones that never get done"),
                          suggestion=("Give each item one owner and a date, or link the ticket that "
                                      "tracks it: “<verb> <specific object> — owner: @..., due: "
                                      "YYYY-MM-DD, done when: <measurable check>”."))
        for item in group_items:
            no_owner, no_date = _lacks(item)
            if policy == "consistent":
                peers = [i for i in group_items if i.block.group == item.block.group and i is not item]
                no_owner = no_owner and any_owner and any(p.has_owner for p in peers)
                no_date = no_date and any_date and any(p.dated_meta for p in peers)
            if item.owner_at and _non_owner(item.raw[item.owner_at[0]:item.owner_at[1]] if item.owner
                                            else item.block.text[item.owner_at[0]:item.owner_at[1]], ctx):
                no_owner = False  # A203 says it
            if item.due and _NON_DATE_VALUE.match(item.due.strip()):
                no_date = False  # A204 says it
            if not (no_owner or no_date) or item.block.index in flagged_items:
                continue
            flagged_items.add(item.block.index)
            what = ("no owner and no due date" if no_owner and no_date
                    else "no owner" if no_owner else "no due date")
            where = item.empty_owner_cell if no_owner and item.empty_owner_cell else item.action
            s, e = where
            if e <= s:
                s, e = item.action
            yield Hit(item.block.doc_offset(s), item.block.doc_offset(e),
                      message=(f"This action item has {what}"
                               + (", while other items in its list have one" if policy == "consistent" else "")
                               + "; name them, or link the issue that tracks it"),
                      suggestion=f"Complete it: {smart_shape(item)}")


def too_many_items(ctx: DocumentContext) -> Iterator[Hit]:
    """A207: more open items than a team can finish (Config.max_action_items)."""
    limit = ctx.config.max_action_items
    by_root: dict[int, list[Item]] = {}
    for item in action_items(ctx.document):
        if item.open:
            by_root.setdefault(item.root.index, []).append(item)
    for group_items in by_root.values():
        n = len(group_items)
        if n > limit:
            root = group_items[0].root
            yield Hit(root.start, root.end,
                      message=f"{n} open action items, more than a team can finish (limit {limit}); "
                              f"long lists get half-done",
                      suggestion=(f"Keep the {min(limit, 5)} or so items that most reduce the chance "
                                  f"or impact of a repeat; move the rest to the backlog and link it."))
