"""A201 vague action: an item whose verb or object leaves nobody able to tell when it is done
("Improve alerting", "Look into the cache", "Prevent this from happening again").

`vague_reason` names why (a template variant of the rule) and the vague words; an item that is
tracked, measurable, names a mechanism ("by adding ...") or a deliverable ("... and file a
ticket") is concrete enough. The words are lexicon lists (rules/en/actions.yml)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...lexicon import alternation as _w, english
from ...readers.action_items import ActionItem, action_items
from ...readers.commitments import commitments
from ..context import DocumentContext, Hit
from .specificity import lacks, main_clause
from .suggest import vague_rewrite
from .wording import strip_lead


@lru_cache(maxsize=None)
def _opening(name: str) -> re.Pattern:
    """Matches text that opens with one of the list's phrases (as whole words)."""
    return re.compile(_w(name) + r"\b")


@lru_cache(maxsize=1)
def _concrete() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a number or unit, a mechanism, a deliverable): what makes a vague verb concrete."""
    numeric = re.compile(rf"(?<![A-Za-z])\d|\b(?:p\d\d|{_w('measure_units')})\b|[<>≤≥]|%", re.I)
    mechanism = re.compile(rf"\b(?:by\s+{_w('mechanism_gerunds')}|with\s+(?:a|an|the)\s+\w+|"
                           rf"{_w('mechanism_words')}|from\s+\S+\s+to)\b", re.I)
    not_after = "".join(rf"(?<!\b{re.escape(n)})" for n in english().entries("open_ended_nouns"))
    deliverable = re.compile(rf"(?:\b(?:and|then)|{not_after}\s+to)\s+{_w('deliverable_verbs')}\b", re.I)
    return numeric, mechanism, deliverable


@lru_cache(maxsize=1)
def _again() -> re.Pattern:
    """"Catch these regressions earlier", "... happens again", "so it never recurs"."""
    return re.compile(
        rf"^{_w('catch_verbs')}\s+{_w('same_kind_words')}\s+(?:kinds?\s+of\s+|types?\s+of\s+|sorts?\s+of\s+)?"
        rf"{_w('problem_nouns')}\b|\b{_w('recurrence_verbs')}\s+again\b|"
        rf"\b(?:this|it|that)\s+{_w('never_words')}\s+{_w('recurrence_lemmas')}")


@lru_cache(maxsize=1)
def _result_only() -> re.Pattern:
    """"Prevent this from happening again", "Ensure stability", "Make sure the job is healthy"."""
    return re.compile(
        rf"\b{_w('prevention_verbs')}\s+{_w('prevented_things')}(?:\s+(?:kinds?\s+of\s+)?{_w('prevented_nouns')})?"
        rf"(?:\s+from\s+{_w('recurrence_gerunds')})?(?:\s+{_w('from_now_on')})?\s*[.!]?$|"
        rf"^{_w('assurance_verbs')}\s+(?:the\s+)?{_w('quality_nouns')}\s*[.!]?$|"
        rf"^{_w('ensure_verbs')}\s+(?:that\s+)?(?:[\w-]+\s+){{1,4}}{_w('state_verbs')}\s+"
        rf"{_w('healthy_states')}\s*[.!]?$")


@lru_cache(maxsize=1)
def _purposes() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a purpose clause, an outcome clause, a mere comparison in it)."""
    return (re.compile(rf"\b{_w('purpose_phrases')}\s+(.*)"),
            re.compile(r"\bso\s+(?:that\s+)?(?:it|they|we|the\s+\w+|\w+)\s+(.*)"),
            re.compile(rf"\b(?:{_w('comparatives')}|\w+er\s+than)\b"))


@lru_cache(maxsize=1)
def _wishes() -> tuple[re.Pattern, re.Pattern, tuple[tuple[re.Pattern, str], ...], re.Pattern]:
    """("make X safer", "better dashboards", (("increase coverage", "more"), ("reduce toil",
    "less")), "add more alerts")."""
    generic = _w("generic_nouns")
    open_objects = rf"(?:{generic}|{_w('vague_objects')})"
    some = r"(?:[\w/-]+\s+){0,2}?"
    make = re.compile(rf"make\s+(.{{1,60}}?)\s+(?:more\s+\w+|less\s+\w+|{_w('make_better_words')})\b")
    wish = re.compile(rf"(?:an?\s+)?{_w('wish_qualifiers')}\s+{some}{open_objects}\b")
    amounts = tuple(
        (re.compile(rf"{_w(verbs)}\s+(?:{_w('object_determiners')}\s+)?{some}{nouns}\b"), why)
        for verbs, nouns, why in (("increase_verbs", generic, "more"),
                                  ("reduce_verbs", _w("vague_targets"), "less")))
    add = re.compile(rf"(?:^|,\s*|\b(?:and|or)\s+)({_w('add_verbs')}\s+(?:an?\s+)?(?:{_w('more_qualifiers')}\s+"
                     rf"{some}{open_objects}|{_w('comparative_qualifiers')}\s+[\w/-]+))\b")
    return make, wish, amounts, add


def _names_its_work(phrase: str, after: str) -> bool:
    """"Focus on adding retries", "Prioritize upgrading the stack": the gerund names the work."""
    gerund = re.match(r"\s+(\w+ing)\b", after)
    if not gerund or phrase not in english().words("gerund_takers"):
        return False
    g = gerund.group(1)
    return (g not in english().words("improve_verbs") and g not in english().words("generic_nouns")
            and not any(v.startswith(g) for v in english().entries("soft_verbs"))
            and g not in english().words("empty_gerunds"))


@lru_cache(maxsize=1)
def _choice() -> re.Pattern:
    """"cron jobs over Windows services": one named option preferred to another."""
    qualities = _w("choice_qualities")
    side = rf"(?!{qualities}\b)[\w+/.-]+(?:\s+(?!{_w('choice_markers')}\b)[\w+/.-]+){{0,6}}?"
    return re.compile(rf"\s+(?:the\s+)?{side}\s+{_w('choice_markers')}\s+(?:the\s+)?(?!{qualities}\b)\w")


def _names_a_choice(phrase: str, after: str) -> bool:
    """"Prioritize cron jobs over Windows services": a decision between named options."""
    return phrase in english().words("choice_verbs") and bool(_choice().match(after))


def vague_reason(item: ActionItem) -> tuple[str, str] | None:
    """(why it is vague: a template variant of A201, the vague words) or None."""
    text = " ".join(item.action_text.split())
    _, body = strip_lead(text)
    low = body.lower()
    if not low or item.measurable:
        return None
    numeric, mechanism, deliverable = _concrete()
    purpose, outcome, comparison = _purposes()
    # soft verbs: exploration and discussion, with no end state
    opening = _opening("soft_verbs").match(low)
    if opening:
        if item.tracked or (item.has_owner and item.dated) or deliverable.search(low):
            return None
        why = purpose.search(low)
        if why and len(why.group(1).split()) >= 5 and not _again().search(why.group(1)):
            return None  # the end state is named: "Revisit X so that everyone on it can Y"
        return "activity", body[:len(opening.group(0))]
    # "make sure it never recurs"
    if _again().search(low) or _result_only().search(low):
        return "result", body
    if item.tracked or numeric.search(body) or "`" in item.action_raw or mechanism.search(main_clause(low)):
        return None
    lacking = lacks(low, body)
    if lacking and lacking[0] == "hedge":
        return lacking
    # improvement verbs: "Improve X", "Make X safer"
    so = outcome.search(low)
    if so and len(so.group(1).split()) >= 3 and not comparison.search(so.group(1)):
        return None  # "Improve the error so it names the expired credential"
    opening = _opening("improve_verbs").match(low)
    if opening:
        phrase = opening.group(0)
        if _names_its_work(phrase, low[len(phrase):]) or _names_a_choice(phrase, low[len(phrase):]):
            return None
        return "improve", body[:len(phrase)]
    make, wish, amounts, add = _wishes()
    m = make.match(low)
    if m:
        return "make", body[:m.end()]
    # "Better dashboards", "More tests"
    m = wish.match(low)
    if m:
        return "wish", body[:m.end()]
    # "Increase test coverage", "Reduce toil": more or less of something, with no measure
    for pattern, why in amounts:
        m = pattern.match(low)
        if m:
            return why, body[:m.end()]
    # "Add more alerts", "Set up some logging"
    m = add.search(low)
    if m:
        return "more", body[m.start(1):m.end(1)]
    return lacking


def _spelled_out(document, items: list[ActionItem]) -> set[int]:
    """The blocks of list items whose nested sub-items spell out the work, every one of them
    concrete ("Improve probe coverage" over "Add a readiness probe to the importer", ...): the
    sub-items say what will change, and each is judged on its own."""
    listed = sorted((i for i in items if i.block.kind == "list_item"), key=lambda i: i.block.index)

    def indent(item: ActionItem) -> int:
        line = document.line_text(item.block.line)
        return len(line) - len(line.lstrip())

    found: set[int] = set()
    for k, parent in enumerate(listed):
        children = []
        for later in listed[k + 1:]:
            if later.block.section is not parent.block.section or indent(later) <= indent(parent):
                break
            if later.block.index != parent.block.index:
                children.append(later)
        if children and all(not c.open or vague_reason(c) is None for c in children):
            found.add(parent.block.index)
    return found


def vague_action(ctx: DocumentContext) -> Iterator[Hit]:
    """A201: vague verbs or objects with no verifiable outcome."""
    # the pack's rewrites, with any a project's config replaces (a TOML table arrives as pairs)
    rewrites = {**ctx.rule.options["rewrites"], **dict(ctx.option("rewrites") or ())}
    prose_lines: set[tuple[int, int]] = set()  # one finding for a line of prose, however many sentences
    items = action_items(ctx.document) + commitments(ctx.document)
    spelled_out = _spelled_out(ctx.document, items)
    for item in items:
        line = ctx.document.position(item.block.doc_offset(item.action_span[0]))[0]
        if not item.open or (item.prose and (item.block.index, line) in prose_lines) \
                or item.block.index in spelled_out:
            continue
        found = vague_reason(item)
        if not found:
            continue
        if item.prose:
            prose_lines.add((item.block.index, line))
        why, words = found
        variant, slots = vague_rewrite(item, words, rewrites, activity=why == "activity")
        s, e = item.action_span
        text = item.block.text
        while s < e and text[s] in " *_":
            s += 1
        yield Hit(item.block.doc_offset(s), item.block.doc_offset(e), variant=variant or why,
                  slots={**slots, "words": " ".join(words.split())})
