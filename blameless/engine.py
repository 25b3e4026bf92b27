"""Run the rules that apply to each block; apply config and suppression; return sorted findings."""
from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import budget
from .checks.context import BlockContext, DocumentContext, Hit
from .checks.people import may_name_person
from .checks.registry import HOOKS
from .config import Config
from .document import Block, Document, parse
from .findings import Finding, Fix, Span
from .fixes import removal
from .nlp import Pipeline, shared_pipeline
from .partial_parse import assemble, candidate_ranges
from .readers.system_names import declared_systems
from .registry import rule_set_for
from .rules import Rule
from .text import inside_quotes, phrase_regex
from .together import Checking, Wanted, complete

_WORD = re.compile(r"[a-z0-9][a-z0-9'’@-]*")


@lru_cache(maxsize=1024)  # about 3 MiB: the blocks and sentences of a long document being edited
def block_words(text: str) -> frozenset[str]:
    """Lower-cased words of a text, with and without inner hyphens/apostrophes, for prefiltering."""
    words = set()
    for w in _WORD.findall(text.lower()):
        w = w.replace("’", "'")
        words.add(w)
        if "-" in w or "'" in w:
            words.update(p for p in re.split(r"[-']", w) if p)
            if w.endswith("n't"):
                words.add("not")
    if "?" in text:
        words.add("?")  # a question mark is a trigger too (blame questions)
    return frozenset(words)


_LOWER_WORD = re.compile(r"(?<![@\w.])[a-z][a-z0-9]*(?![\w@])")


def lowercase_words(source: str) -> frozenset[str]:
    """Words the document writes in lower case somewhere (code, URLs, commands included).

    A capitalised word that also appears in lower case ("Prow" and prow.k8s.io, "Cargo" and
    `cargo build`) is a tool, not a person: people's names are not written in lower case.
    """
    return frozenset(_LOWER_WORD.findall(source))


@dataclass
class _Planned:
    """A document's check before the parse: each block with its rules, the words that name no
    person, the stretches of each block to parse, the texts to parse, and (then) their parses."""

    plan: list[tuple[Block, list[Rule]]]
    lowercase: frozenset[str]
    stretches: list[list[tuple[int, int]]]
    units: tuple[str, ...]
    parsed: dict = field(default_factory=dict)


class Engine:
    """Checks documents against the enabled rules of a config."""

    def __init__(self, config: Config | None = None, pipeline: Pipeline | None = None):
        self.config = config or Config()
        self.rule_set = rule_set_for(self.config)
        self.rules = self.rule_set.enabled(self.config)
        self.pipeline = pipeline or shared_pipeline(self.config.model)
        self._matchers: dict[str, object] = {}
        self._scoped: dict[tuple[str, str], list[Rule]] = {}
        self._scoped_rules = self.rules

    # -- public ----------------------------------------------------------------------------
    def check_text(self, text: str, path: str | None = None) -> list[Finding]:
        return self.check_document(parse(text, path=path))

    def _in_scope(self, section_kind: str, block_kind: str) -> list[Rule]:
        """The block rules whose scope admits this kind of block in this kind of section."""
        if self._scoped_rules is not self.rules:  # a caller replaced the rules
            self._scoped, self._scoped_rules = {}, self.rules
        key = (section_kind, block_kind)
        if key not in self._scoped:
            self._scoped[key] = [r for r in self.rules if not r.document_level
                                 and r.scope.admits(section_kind, block_kind)]
        return self._scoped[key]

    def plan(self, document: Document) -> list[tuple[Block, list[Rule]]]:
        """Each block with the rules that run on it: in scope, and past the lexical prefilter."""
        plan: list[tuple[Block, list[Rule]]] = []
        for block in document.blocks:
            words = None
            rules = []
            for rule in self._in_scope(block.section.kind, block.kind):
                if rule.prefiltered:
                    words = words if words is not None else block_words(block.text)
                    if not rule.admits(words):
                        continue
                rules.append(rule)
            if rules:
                plan.append((block, rules))
        return plan

    def check_document(self, document: Document) -> list[Finding]:
        """Findings in a total order; a check that runs out of its time budget (budget.py)
        keeps what it found and adds one note to `document.notes`."""
        return complete(self.checking(document))

    def checking(self, document: Document) -> Checking:
        """`check_document` as a generator that yields the texts it wants parsed (once, if any)
        and takes their parses back, so that many documents can be parsed together
        (blameless/together.py). Its budget's clock stops while it waits."""
        findings: list[Finding] = []
        outer = budget.current()  # a caller's budget (the editor's, which it may cancel)
        spent = outer or budget.Budget(self.config.time_budget)
        try:
            with budget.active(spent):
                planned = self._planned(document)
            if planned is not None and planned.units:
                wanted = Wanted(self.pipeline, planned.units, spent.remaining())
                with spent.paused() if outer is None else nullcontext():
                    parsed = yield wanted
                with budget.active(spent):
                    planned.parsed = parsed if parsed is not None else self.pipeline.parse_many(planned.units)
            if planned is not None:
                with budget.active(spent):
                    self._check_into(document, planned, findings)
        except budget.BudgetExceeded as err:
            document.notes.append(str(err))
        findings = [f for f in findings if not _suppressed(f, document)]
        return sorted(set(findings), key=Finding.sort_key)

    def _planned(self, document: Document) -> _Planned | None:
        """The blocks to check with their rules, and the stretches of them to parse; None when
        the file disables every rule."""
        if any(s.action == "disable-file" and not s.rules for s in document.suppressions):
            return None
        plan = self.plan(document)
        # Words that are no person's name here: written in lower case somewhere, or defined by
        # the text as a system ("Hermes, our mail relay, ...").
        lowercase = lowercase_words(document.source) | declared_systems(b.text for b in document.blocks)
        stretches = [self._stretches(block, rules, lowercase) for block, rules in plan]
        units = tuple(dict.fromkeys(block.text[s:e] for (block, _), ranges in zip(plan, stretches)
                                    for s, e in ranges))
        return _Planned(plan, lowercase, stretches, units)

    def _check_into(self, document: Document, planned: _Planned, findings: list[Finding]) -> None:
        plan, lowercase, stretches, parsed = planned.plan, planned.lowercase, planned.stretches, planned.parsed
        document.parsed_texts = tuple(parsed)
        docs = [assemble(self.pipeline.nlp, block.text, ranges, parsed) if ranges else None
                for (block, _), ranges in zip(plan, stretches)]
        parses = {block.text: doc for (block, _), ranges, doc in zip(plan, stretches, docs)
                  if ranges == [(0, len(block.text))]}  # whole-block parses, for document rules
        doc_rules = [r for r in self.rules if r.document_level]
        for (block, rules), ranges, doc in zip(plan, stretches, docs):
            for rule in rules:
                budget.spend()
                for hit in self._run_block_rule(rule, block, doc, lowercase, tuple(ranges)):
                    findings.append(self._finding(rule, hit, document))
        for rule in doc_rules:
            budget.spend()
            ctx = DocumentContext(document, rule, self.config, parses, lowercase)
            for hit in HOOKS[rule.check](ctx):
                findings.append(self._finding(rule, hit, document))

    @staticmethod
    def _stretches(block: Block, rules: list[Rule], lowercase: frozenset[str]) -> list[tuple[int, int]]:
        """The stretches of the block to parse: the sentences holding a trigger of one of its
        parse rules (all of it when such a rule has no triggers); none when no rule parses.
        A rule that `needs_person` wants a sentence only if it may name one."""
        parsing = [r for r in rules if r.needs_parse]
        if not parsing:
            return []
        if any(not r.prefiltered for r in parsing):
            return [(0, len(block.text))]

        def wanted(sentence: str) -> bool:
            words = block_words(sentence)
            return any(r.admits(words) and (not r.needs_person or may_name_person(
                sentence, words, r.person_forms, r.words("systems"), lowercase)) for r in parsing)

        return candidate_ranges(block.text, wanted)

    # -- rules -----------------------------------------------------------------------------
    def _run_block_rule(self, rule: Rule, block: Block, doc, lowercase, parsed=()) -> Iterable[Hit]:
        """The rule's hits on the block; `doc` has the parse of the block's `parsed` ranges."""
        """The rule's data matches (phrases or token patterns), then its code hook if it has one;
        the hook sees the data matches (`ctx.matches`) and adds what patterns cannot express."""
        matches: list[tuple[int, int]] = []
        if rule.phrases:
            matches = [(m.start(), m.end()) for m in phrase_regex(rule.phrases).finditer(block.text)]
        elif rule.patterns and doc is not None:
            matches = [(doc[s:e].start_char, doc[s:e].end_char) for _, s, e in self._matcher(rule)(doc)]
        matches = [(s, e) for s, e in matches if not inside_quotes(block.text, s)]
        hits = [self._phrase_hit(rule, block, s, e) for s, e in matches]
        if rule.check:
            ctx = BlockContext(block, doc, rule, self.config, lowercase, tuple(matches))
            hits += list(HOOKS[rule.check](ctx))
        return hits

    def _phrase_hit(self, rule: Rule, block: Block, start: int, end: int) -> Hit:
        fixes: tuple[Fix, ...] = ()
        words = block.raw[start:end]
        if rule.fix == "remove":
            edit = removal(block.raw, start, end)
            if edit:
                edit = replace(edit, start=block.doc_offset(edit.start), end=block.doc_offset(edit.end))
                fixes = (Fix(f"Remove “{words}”", (edit,)),)
        return Hit(block.doc_offset(start), block.doc_offset(end), slots={"match": words}, fixes=fixes)

    def _matcher(self, rule: Rule):
        if rule.id not in self._matchers:
            from spacy.matcher import Matcher

            matcher = Matcher(self.pipeline.nlp.vocab, validate=True)
            from .patterns import bounded_patterns

            matcher.add(rule.id, bounded_patterns(rule.patterns, rule.id))
            self._matchers[rule.id] = matcher
        return self._matchers[rule.id]

    def _finding(self, rule: Rule, hit: Hit, document: Document) -> Finding:
        line, column = document.position(hit.start)
        end_line, end_column = document.position(max(hit.end, hit.start))
        severity = self.config.severity_for(rule.id, rule.category, hit.severity or rule.severity)
        message, suggestion = rule.render(hit.variant, hit.slots)
        return Finding(
            rule=rule.id, category=rule.category, severity=severity,
            message=message, suggestion=suggestion,
            span=Span(hit.start, hit.end, line, column, end_line, end_column),
            fixes=hit.fixes, path=document.path,
        )


def _suppressed(finding: Finding, document: Document) -> bool:
    """Whether an inline `<!-- blameless-... -->` comment silences this finding."""
    def names(s) -> bool:
        return not s.rules or "all" in s.rules or finding.rule in s.rules or finding.category in s.rules or any(
            finding.rule.startswith(r) for r in s.rules if len(r) < 4 and r[:1].isalpha() and r[:1].isupper())

    disabled = False
    for s in document.suppressions:
        if not names(s):
            continue
        if s.action == "disable-file":
            return True
        if s.action == "disable-line" and s.line == finding.line:
            return True
        if s.action == "disable-next-line" and _next_content_line(document, s.line) == finding.line:
            return True
        if s.action == "disable" and s.line <= finding.line:
            disabled = True
        elif s.action == "enable" and s.line <= finding.line:
            disabled = False
    return disabled


def _next_content_line(document: Document, line: int) -> int:
    total = document.line_count
    n = line + 1
    while n <= total:
        text = document.line_text(n).strip()
        if text and not (text.startswith("<!--") and text.endswith("-->")):
            return n
        n += 1
    return n
