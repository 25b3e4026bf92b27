"""Why a person-subject verb is blame (B101, and B106 for the writer): the template variant
and the slots that fill it, or None when the clause is neutral.

The variant names a pair of templates in rules/blame.yml (`messages:` and `suggestions:`);
the slots carry only words of the sentence, or forms of them ('paused', 'Pausing the ingest').
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..context import BlockContext
from ..english import capitalise, lemma_of, participle, strip_article
from ..people import is_negated, phrase
from .grammar import (complement_action, explained_by_system, gerund_phrase, modifiers, object_text,
                      objects, prep_object, skipped_with_without)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


@dataclass(frozen=True)
class Reason:
    """A template variant of B101 and the slots it needs (besides `who`)."""

    variant: str
    slots: dict[str, str] = field(default_factory=dict)


def neutral(verb: "Token", obj: "Token | None", kind: str = "fault", **slots: str) -> Reason:
    """'The signing key was rotated and nothing stopped it' (with an object), else 'Rotating
    the key was possible with no safeguard in place'."""
    if obj is not None:
        return Reason(kind, {**slots, "thing": capitalise(object_text(obj)),
                             "done": participle(lemma_of(verb))})
    return Reason(f"{kind}_action", {**slots, "action": capitalise(gerund_phrase(verb))})


def skipped_step(action: "Token", words: str, negated: bool = False) -> Reason:
    """'Pausing the ingest workers was a manual step that nothing required or checked'."""
    return Reason("negated_skipped" if negated else "skipped",
                  {"words": words, "action": capitalise(gerund_phrase(action))})


def unnoticed(obj: "Token | None", words: str) -> Reason:
    """'The disk-space page did not stand out: …'."""
    if obj is None:
        return Reason("missed_signal", {"words": words})
    return Reason("missed", {"words": words, "thing": capitalise(object_text(obj))})


def lapse(verb: "Token", lapsed: "Token", words: str) -> Reason:
    """'Nothing alerted before the signing certificate expired; …' built from the sentence."""
    before = [t for t in lapsed.subtree if t.i < lapsed.i and t.dep_ != "aux"]
    if not before:
        before = [t for c in verb.children if c.dep_ == "dobj" and c is not lapsed for t in c.subtree]
    slots = {"words": words, "lapsed": participle(lemma_of(lapsed))}
    if not before:
        return Reason("lapse_unnamed", slots)
    return Reason("lapse", {**slots, "thing": strip_article(" ".join(t.text for t in before))})


def _got_around_to(verb: "Token") -> "Token | None":
    """'never got around to renewing the certificate': the renewing."""
    if lemma_of(verb) != "get" or not any(c.lower_ == "around" for c in verb.children):
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            return next((c for c in prep.children if c.dep_ in ("pcomp", "pobj") and c.pos_ == "VERB"), None)
    return None


def _lapsed(ctx: BlockContext, verb: "Token") -> "Token | None":
    """'let the certificate expire', 'allowed the domain to lapse': what was let go wrong."""
    lapse_verbs = ctx.words("lapse_verbs")
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp", "dobj", "oprd") and (
                lemma_of(comp) in lapse_verbs or comp.lower_ in lapse_verbs):
            return comp
    return None


def _without_phrase(skipped: "Token") -> str:
    """'without a second pair of eyes', 'without telling the data team'."""
    prep = skipped.head if skipped.head.lower_ == "without" else skipped
    return phrase(prep) if prep.lower_ == "without" else f"without {skipped.text}"


def _clears(first_obj: "Token | None", ctx: BlockContext) -> bool:
    """'the on-call missed nothing', 'saw no errors': a clearance, not a fault."""
    return first_obj is not None and (first_obj.lower_ in ctx.words("null_objects") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in first_obj.children))


def blame_reason(ctx: BlockContext, verb: "Token") -> Reason | None:
    """Why a person-subject verb is blame, or None when it is neutral."""
    lemma = lemma_of(verb)
    fault_verbs = ctx.words("fault_verbs")
    if verb.lower_ in fault_verbs:
        lemma = verb.lower_
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    objs = objects(verb)
    first_obj = next((o for o in objs if o.dep_ == "dobj"), objs[0] if objs else None)
    negated = is_negated(verb)
    if lemma in ctx.words("omission_verbs") and (action := complement_action(verb)):
        return skipped_step(action, f"{verb.text} to {action.lemma_}")
    if negated and lemma in ctx.words("recall_verbs") and (action := complement_action(verb)):
        return skipped_step(action, f"{verb.text} to {action.lemma_}", negated=True)  # "didn't think to check"
    if lemma == "forget" and (about := prep_object(verb, "about")) is not None:
        return unnoticed(about, f"{verb.text} about")
    if lemma == "forget" and not any(c.dep_ == "dobj" for c in verb.children):
        return None  # "I forgot what the quota was": a lapse of memory, not a skipped duty
    if _clears(first_obj, ctx):
        return None
    if lemma == "break" and prep_object(verb, "into") is not None:
        return None  # "broke the migration into three steps" splits it
    if lemma in ctx.words("attention_verbs") and not particles:
        return unnoticed(first_obj, verb.text)
    if lemma in fault_verbs and not (particles - {"up"}):
        if lemma == "fail" and (first_obj is not None or particles):
            return None  # "failed over the database" is an operation, not a fault
        return neutral(verb, first_obj, words=verb.text)
    if lemma in ctx.words("downing_verbs") and "down" in particles:
        return neutral(verb, first_obj, words=f"{verb.text} down")
    if lemma == "drop" and first_obj is not None and (
            first_obj.lemma_.lower() in ctx.words("data_objects")):
        return neutral(verb, first_obj, words=f"{verb.text} {phrase(first_obj)}")
    if negated and explained_by_system(ctx, verb):
        return None  # "did not see the errors because sampling dropped them": local rationality
    if negated and lemma in ctx.words("care_verbs") and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "didn't bother to run the tests": the step skipped is the running
        step = complement_action(verb) if lemma in ctx.words("recall_verbs") else None
        return skipped_step(step or verb, verb.text, negated=True)
    if negated and (action := _got_around_to(verb)) is not None:
        return skipped_step(action, f"{verb.text} around to {action.text}", negated=True)
    if negated:
        return None  # "you didn't do anything wrong" clears a person
    if lemma in ctx.words("permit_verbs") and (lapsed := _lapsed(ctx, verb)) is not None:
        return lapse(verb, lapsed, f"{verb.text} … {lapsed.text}")
    slips = [c for c in modifiers(verb) if c.lower_ in ctx.words("slip_adverbs")]
    if slips:
        return neutral(verb, first_obj, words=f"{slips[0].text} {verb.text}")
    by = prep_object(verb, "by")
    if by is not None and by.lemma_.lower() in ctx.words("by_mistake_nouns") and not any(
            c.dep_ == "det" for c in by.children):  # "wiped the database by mistake"
        return neutral(verb, first_obj, words=f"{verb.text} … by {by.text}")
    if lemma in ctx.words("remedial_verbs"):
        return None  # "Maria identified the faulty disk": finding and fixing is not a fault
    skipped = skipped_with_without(ctx, verb)
    if skipped is not None:
        return neutral(verb, first_obj, words=_without_phrase(skipped))
    bad = ctx.words("bad_qualities")
    for obj in objs:
        marks = [t for t in obj.subtree if t.lemma_.lower() in bad or t.lower_ in bad]
        if marks:
            return neutral(verb, obj, words=f"{marks[0].text} {obj.text}")
    if lemma in ctx.words("authoring_verbs") and first_obj is not None and (
            first_obj.lemma_.lower() in ctx.words("mistake_nouns")):
        return Reason("mistake")
    if lemma == "be" and any(c.lower_ in ctx.words("responsibility_words") for c in verb.children):
        failure = ctx.words("failure_nouns")
        if any(t.lemma_.lower() in failure for t in verb.subtree):
            return Reason("responsible")
    return None
