"""The clause grammar the blame rules share: objects, complements, modifiers, hindsight.

Everything here reads one spaCy parse; which words count (modals, reason conjunctions, care
verbs...) comes from the English lexicon (rules/en/blame.yml), never from Python.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...lexicon import english
from ..context import BlockContext, Hit
from ..english import gerund, lemma_of, strip_article
from ..people import is_hyphen_prefix, is_past, person_kind, phrase

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


def words(name: str) -> frozenset[str]:
    """A built-in English word list (the grammar here is the built-in packs')."""
    return english().words(name)


def sentences(ctx: BlockContext) -> Iterator["Span"]:
    if ctx.doc is not None:
        yield from ctx.doc.sents


def is_question(sent: "Span") -> bool:
    return sent.text.rstrip().endswith("?")


def clause_hit(ctx: BlockContext, first: "Token", last: "Token", variant: str | None = None,
               **slots: str) -> Hit:
    """A hit from the first to the last token, filling the rule's `variant` templates."""
    s, e = ctx.span(first.idx, last.idx + len(last.text))
    return Hit(s, e, variant=variant, slots=slots)


def objects(verb: "Token") -> list["Token"]:
    """Direct objects, objects of prepositions, and those of complement clauses."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "dative")):
        found += [p for p in prep.children if p.dep_ == "pobj"]
    for comp in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
        found += objects(comp)
    return found


def complement_action(verb: "Token") -> "Token | None":
    """The X of 'forgot to X' / 'failed to X' / 'neglected to X'."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def verb_phrase(verb: "Token") -> str:
    """'check the config', 'test it properly' — the verb (as lemma) and what follows it."""
    doc = verb.doc
    right = verb.right_edge.i
    tail = [t for t in doc[verb.i + 1:right + 1] if t.dep_ not in ("punct", "cc") or t.i < right]
    kept = [lemma_of(verb)] + [t.text for t in tail if not (
        t.dep_ == "conj" or t.head.dep_ == "conj" and t.head.i > verb.i and t.head is not verb)]
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(kept)).rstrip(" .,;:!?")
    return text.replace(" - ", "-")


def gerund_phrase(verb: "Token") -> str:
    """'checking the config': the verb phrase as a noun phrase."""
    first, _, rest = verb_phrase(verb).partition(" ")
    return (gerund(first) + (" " + strip_article(rest) if rest else "")).strip()


def object_text(obj: "Token") -> str:
    return strip_article(phrase(obj)).rstrip(" .,;")


def prep_object(verb: "Token", preposition: str) -> "Token | None":
    """The object of one of a verb's prepositions: 'forgot about [the migration]'."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def modifiers(verb: "Token") -> list["Token"]:
    """Adverbs of a verb, also those the parser hung on a hyphenated prefix ('accidentally
    force-pushed')."""
    found = [c for c in verb.children if c.dep_ == "advmod"]
    for pre in verb.children:
        if pre.dep_ in ("npadvmod", "compound", "amod", "advmod", "dep") and is_hyphen_prefix(pre, verb):
            found += [g for g in pre.children if g.dep_ == "advmod"]
    return found


def main_clause(verb: "Token") -> "Token":
    return verb.head if verb.head is not verb else verb


def clause_end(verb: "Token") -> "Token":
    """The last token of a verb's clause, not running into a following coordinated clause."""
    end = verb
    for t in verb.subtree:
        if t.dep_ == "punct" and t.i > verb.i and t.text in ".;!?":
            break
        if t.i > end.i and t.dep_ != "punct":
            if t.dep_ == "cc" and t.head is verb:
                break
            end = t
    return end


def skipped_with_without(ctx: BlockContext, verb: "Token") -> "Token | None":
    """'pushed the hotfix without telling anyone', 'merged without review': a skipped step."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "without":
            continue
        for comp in prep.children:
            if comp.dep_ == "pcomp" and lemma_of(comp) in ctx.words("care_verbs") | ctx.words("telling_verbs"):
                return comp
            if comp.dep_ == "pobj" and comp.lemma_.lower() in ctx.words("safeguard_nouns"):
                return comp
    return None


def explained_by_system(ctx: BlockContext, verb: "Token") -> bool:
    """'did not notice the lag because the panel was hidden': a reason whose subject is not a
    person explains what the person could see; it does not fault them."""
    reasons = ctx.words("reason_conjunctions")
    for clause in verb.children:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in reasons for c in clause.children):
            continue
        subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if subj and not any(person_kind(c, ctx.words, ctx.lowercase) for c in subj):
            return True
    return False


def _auxiliaries(verb: "Token") -> list[str]:
    own = [c for c in verb.children if c.dep_ == "aux"]
    # "should have double-checked": the small model hangs "should" off "have"
    return [c.lower_ for c in own] + [g.lower_ for c in own for g in c.children if g.dep_ == "aux"]


def is_hindsight(verb: "Token") -> bool:
    """'should have paged', 'ought to have waited', 'could have prevented', 'should have been
    watching': a judgement made with knowledge nobody had at the time."""
    auxes = _auxiliaries(verb)
    modals = words("hindsight_modals")
    if verb.dep_ == "xcomp" and (verb.head.lower_ in words("obligation_words") or lemma_of(verb.head) == "need"
                                 and is_past(verb.head)):
        auxes.append("ought")  # "ought to have waited", "needed to have tested", "was supposed to have"
    if verb.lemma_.lower() in words("preventing_verbs") and any(a in words("could_modals") for a in auxes):
        auxes.append("should")  # "X could have prevented the outage" judges X in hindsight
    return any(a in modals for a in auxes) and any(a in words("perfect_auxiliaries") for a in auxes) and (
        verb.tag_ == "VBN" or verb.tag_ == "VBG" and "been" in auxes)


def _conditional(main: "Token") -> bool:
    return any(c.lower_ in words("conditional_modals") for c in main.children)


def counterfactual_if(verb: "Token") -> bool:
    """'If X had run the dry run, the purge would have been caught.'"""
    had = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in words("pluperfect_auxiliaries")]
    head = verb.head
    if not had and verb.dep_ == "ccomp" and head.lower_ == "had" and head.i < verb.left_edge.i and (
            head.dep_ in ("conj", "advcl") and head.head is not head):
        # "… would have been caught had Aisha run the suite" (the small model hangs the clause off "had")
        return _conditional(head.head)
    if not had or verb.dep_ not in ("advcl", "ccomp"):
        return False
    inverted = had[0].i == verb.left_edge.i  # "Had the operator followed the runbook, ..."
    if not inverted and not any(c.lower_ == "if" for c in verb.children):
        return False
    return _conditional(verb.head)

