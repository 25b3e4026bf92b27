"""Run the rules that apply to each block; apply config and suppression; return sorted findings."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from . import budget
from .checks import CHECKS, BlockContext, DocumentContext, Hit
from .config import Config
from .document import Block, Document, parse
from .findings import Finding, Fix, Span
from .fixes import removal
from .nlp import Pipeline, shared_pipeline
from .rules import Rule, load_rules, shared_lexicon
from .text import inside_quotes, phrase_regex

_WORD = re.compile(r"[a-z0-9][a-z0-9'’@-]*")


@lru_cache(maxsize=20000)
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
    return frozenset(words)


_LOWER_WORD = re.compile(r"(?<![@\w.])[a-z][a-z0-9]*(?![\w@])")


def lowercase_words(source: str) -> frozenset[str]:
    """Words the document writes in lower case somewhere (code, URLs, commands included).

    A capitalised word that also appears in lower case ("Prow" and prow.k8s.io, "Cargo" and
    `cargo build`) is a tool, not a person: people's names are not written in lower case.
    """
    return frozenset(_LOWER_WORD.findall(source))


class Engine:
    """Checks documents against the enabled rules of a config."""

    def __init__(self, config: Config | None = None, pipeline: Pipeline | None = None):
        self.config = config or Config()
        self.rules = [r for r in load_rules(self.config.extend_rules)
                      if self.config.is_enabled(r.id, r.category)]
        self.pipeline = pipeline or shared_pipeline(self.config.model)
        self.lexicon = shared_lexicon()
        self._matchers: dict[str, object] = {}

    # -- public ----------------------------------------------------------------------------
    def check_text(self, text: str, path: str | None = None) -> list[Finding]:
        return self.check_document(parse(text, path=path))

    def check_document(self, document: Document) -> list[Finding]:
        """Findings in a total order; a check that runs out of its time budget (budget.py)
        keeps what it found and adds one note to `document.notes`."""
        findings: list[Finding] = []
        try:
            with budget.running(self.config.time_budget):
                self._check_into(document, findings)
        except budget.BudgetExceeded as err:
            document.notes.append(str(err))
        findings = [f for f in findings if not _suppressed(f, document)]
        return sorted(set(findings), key=Finding.sort_key)

    def _check_into(self, document: Document, findings: list[Finding]) -> None:
        if any(s.action == "disable-file" and not s.rules for s in document.suppressions):
            return
        block_rules = [r for r in self.rules if not r.document_level]
        plan: list[tuple[Block, list[Rule]]] = []
        to_parse: list[str] = []
        for block in document.blocks:
            words = None
            rules = []
            for rule in block_rules:
                if not rule.scope.admits(block.section.kind, block.kind):
                    continue
                if rule.triggers:
                    words = words if words is not None else block_words(block.text)
                    if not (rule.triggers & words):
                        continue
                rules.append(rule)
            if rules:
                plan.append((block, rules))
                if any(r.needs_parse for r in rules):
                    to_parse.append(block.text)
        doc_rules = [r for r in self.rules if r.document_level]
        parses = self.pipeline.parse_many(to_parse) if to_parse else {}
        lexicon = {**self.lexicon, "document_lowercase": lowercase_words(document.source)}

        for block, rules in plan:
            doc = parses.get(block.text)
            for rule in rules:
                budget.spend()
                for hit in self._run_block_rule(rule, block, doc, lexicon):
                    findings.append(self._finding(rule, hit, document))
        for rule in doc_rules:
            budget.spend()
            ctx = DocumentContext(document, rule, self.config, parses, lexicon)
            for hit in CHECKS[rule.check](ctx):
                findings.append(self._finding(rule, hit, document))

    # -- rules -----------------------------------------------------------------------------
    def _run_block_rule(self, rule: Rule, block: Block, doc, lexicon: dict) -> Iterable[Hit]:
        if rule.check:
            return CHECKS[rule.check](BlockContext(block, doc, rule, self.config, lexicon))
        if rule.phrases:
            spans = [(m.start(), m.end()) for m in phrase_regex(rule.phrases).finditer(block.text)]
        else:
            spans = [(doc[s:e].start_char, doc[s:e].end_char) for _, s, e in self._matcher(rule)(doc)]
        return [self._phrase_hit(rule, block, s, e) for s, e in spans if not inside_quotes(block.text, s)]

    def _phrase_hit(self, rule: Rule, block: Block, start: int, end: int) -> Hit:
        fixes: tuple[Fix, ...] = ()
        words = block.raw[start:end]
        if rule.fix == "remove":
            edit = removal(block.raw, start, end)
            if edit:
                edit = replace(edit, start=block.doc_offset(edit.start), end=block.doc_offset(edit.end))
                fixes = (Fix(f"Remove “{words}”", (edit,)),)
        return Hit(block.doc_offset(start), block.doc_offset(end),
                   message=rule.message.format(match=words),
                   suggestion=rule.suggestion.format(match=words), fixes=fixes)

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
        return Finding(
            rule=rule.id, category=rule.category, severity=severity,
            message=hit.message or rule.message, suggestion=hit.suggestion or rule.suggestion,
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
    total = len(document._line_starts)
    n = line + 1
    while n <= total:
        text = document.line_text(n).strip()
        if text and not (text.startswith("<!--") and text.endswith("-->")):
            return n
        n += 1
    return n
