"""Blame-focused phrasing: a person as the cause, hindsight, blame words and blame questions.

Word lists live in rules/blame.yml (`lexicon:`); this module holds the grammar: who is the
subject of which verb, what is negated, what a clause explains. Each check returns hits whose
suggestion is built from the sentence's own words.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Fix
from ..fixes import removal
from .context import BlockContext, Hit
from .english import capitalise, gerund, lemma_of, participle, strip_article
from .people import (agents, in_quotes, person_subject, is_hyphen_prefix, is_modal, is_negated, is_past, person_kind, phrase,
                     subjects)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


def _sentences(ctx: BlockContext) -> Iterator["SpacySpan"]:
    if ctx.doc is not None:
        yield from ctx.doc.sents


def _clause_hit(ctx: BlockContext, first: "Token", last: "Token", message: str | None,
                suggestion: str | None, fixes: tuple[Fix, ...] = ()) -> Hit:
    start = first.idx
    end = last.idx + len(last.text)
    s, e = ctx.span(start, end)
    return Hit(s, e, message=message, suggestion=suggestion, fixes=fixes)


def _person_subject(ctx: BlockContext, verb: "Token") -> tuple["Token", str] | None:
    return person_subject(verb, ctx.words, ctx.lowercase)


def _objects(verb: "Token") -> list["Token"]:
    found = [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]
    for prep in (c for c in verb.children if c.dep_ in ("prep", "dative")):
        found += [p for p in prep.children if p.dep_ == "pobj"]
    for comp in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
        found += _objects(comp)
    return found


def _complement_action(verb: "Token") -> "Token | None":
    """The X of 'forgot to X' / 'failed to X' / 'neglected to X'."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)


def _verb_phrase(verb: "Token", with_adverbs: bool = True) -> str:
    """'check the config', 'test it properly' — the verb (as lemma) and what follows it."""
    doc = verb.doc
    right = verb.right_edge.i
    tail = [t for t in doc[verb.i + 1:right + 1]
            if t.dep_ not in ("punct", "cc") or t.i < right]
    words = [lemma_of(verb)] + [t.text for t in tail if not (t.dep_ == "conj" or t.head.dep_ == "conj" and t.head.i > verb.i and t.head is not verb)]
    text = " ".join(words)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text).rstrip(" .,;:!?")
    return text.replace(" - ", "-")


def _gerund_phrase(verb: "Token") -> str:
    phrase_ = _verb_phrase(verb)
    first, _, rest = phrase_.partition(" ")
    return (gerund(first) + (" " + strip_article(rest) if rest else "")).strip()


def _object_text(obj: "Token") -> str:
    return strip_article(phrase(obj)).rstrip(" .,;")


def _neutral_suggestion(verb: "Token", obj: "Token | None") -> str:
    if obj is not None:
        thing = _object_text(obj)
        return (f"Describe the event and what allowed it, not the person: e.g. "
                f"“{capitalise(thing)} was {participle(lemma_of(verb))} and nothing in the process "
                f"or tooling stopped it.”")
    return (f"Describe what happened to the system and what allowed it, e.g. "
            f"“{capitalise(_gerund_phrase(verb))} was possible with no safeguard in place.”")


def _skipped_step_suggestion(action: "Token") -> str:
    return (f"Ask why the step was easy to skip, not who skipped it: e.g. "
            f"“{capitalise(_gerund_phrase(action))} was a manual step that nothing in the process "
            f"required or checked.”")


def _attention_suggestion(obj: "Token | None") -> str:
    thing = capitalise(_object_text(obj)) if obj is not None else "The signal"
    return (f"Ask what made it easy to miss: e.g. “{thing} did not stand out: describe where it "
            f"arrived, what else was firing, and what would have surfaced it.”")


def _blame_reason(ctx: BlockContext, verb: "Token") -> tuple[str, str] | None:
    """Why a person-subject verb is blame: (message detail, suggestion), or None when neutral."""
    lemma = lemma_of(verb)
    if verb.lower_ in ctx.words("fault_verbs"):
        lemma = verb.lower_
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    objects = _objects(verb)
    first_obj = next((o for o in objects if o.dep_ == "dobj"), objects[0] if objects else None)
    bad = ctx.words("bad_qualities")
    fault_verbs = ctx.words("fault_verbs")
    if lemma in ("fail", "neglect", "forget", "omit") and (action := _complement_action(verb)):
        return f"“{verb.text} to {action.lemma_}”", _skipped_step_suggestion(action)
    if is_negated(verb) and lemma in ("think", "remember", "bother", "care") and (
            action := _complement_action(verb)):  # "didn't think to check the slot"
        return f"“{verb.text} to {action.lemma_}” with a negation", _skipped_step_suggestion(action)
    if lemma == "forget" and (about := _prep_object(verb, "about")) is not None:
        return f"“{verb.text} about”", _attention_suggestion(about)
    if lemma == "forget" and not any(c.dep_ == "dobj" for c in verb.children):
        return None  # "I forgot what the quota was": a lapse of memory, not a skipped duty
    if first_obj is not None and (first_obj.lower_ in ("nothing", "none") or any(
            c.dep_ == "det" and c.lower_ == "no" for c in first_obj.children)):
        return None  # "the on-call missed nothing": a clearance, not a fault
    if lemma == "break" and _prep_object(verb, "into") is not None:
        return None  # "broke the migration into three steps" splits it
    if lemma in ctx.words("attention_verbs") and not particles:
        return f"“{verb.text}”", _attention_suggestion(first_obj)
    if lemma in fault_verbs and not (particles - {"up"}):
        if lemma == "fail" and (first_obj is not None or particles):
            return None  # "failed over the database" is an operation, not a fault
        return f"“{verb.text}”", _neutral_suggestion(verb, first_obj)
    if lemma in ctx.words("downing_verbs") and "down" in particles:
        return f"“{verb.text} down”", _neutral_suggestion(verb, first_obj)
    if lemma == "drop" and first_obj is not None and (
            first_obj.lemma_.lower() in ctx.words("data_objects")):
        return f"“{verb.text} {phrase(first_obj)}”", _neutral_suggestion(verb, first_obj)
    if is_negated(verb) and _explained_by_system(ctx, verb):
        return None  # "did not see the errors because sampling dropped them": local rationality
    if is_negated(verb) and lemma in ctx.words("care_verbs") and not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "didn't bother to run the tests": the step skipped is the running
        step = _complement_action(verb) if lemma in ("bother", "care") else None
        return f"“{verb.text}” with a negation", _skipped_step_suggestion(step or verb)
    if is_negated(verb) and (action := _got_around_to(verb)) is not None:
        return f"“{verb.text} around to {action.text}” with a negation", _skipped_step_suggestion(action)
    if is_negated(verb):
        return None  # "you didn't do anything wrong" clears a person
    if lemma in ("let", "allow") and (lapsed := _lapsed(ctx, verb)) is not None:
        return f"“{verb.text} … {lapsed.text}”", _lapse_suggestion(verb, lapsed)
    slips = [c for c in _modifiers(verb) if c.lower_ in ctx.words("slip_adverbs")]
    if slips:
        return f"“{slips[0].text} {verb.text}”", _neutral_suggestion(verb, first_obj)
    by = _prep_object(verb, "by")
    if by is not None and by.lemma_.lower() in ("mistake", "accident", "error") and not any(
            c.dep_ == "det" for c in by.children):  # "wiped the database by mistake"
        return f"“{verb.text} … by {by.text}”", _neutral_suggestion(verb, first_obj)
    if lemma in ctx.words("remedial_verbs"):
        return None  # "Maria identified the faulty disk": finding and fixing is not a fault
    skipped = _skipped_with_without(ctx, verb)
    if skipped is not None:
        return f"“{_without_phrase(skipped)}”", _neutral_suggestion(verb, first_obj)
    for obj in objects:
        marks = [t for t in obj.subtree if t.lemma_.lower() in bad or t.lower_ in bad]
        if marks:
            return f"“{marks[0].text} {obj.text}”", _neutral_suggestion(verb, obj)
    if lemma in ("make", "commit") and first_obj is not None and (
            first_obj.lemma_.lower() in ctx.words("mistake_nouns")):
        return "a mistake attributed to a person", (
            "Name the condition that made the error possible or likely, e.g. “The form accepted "
            "the value without validation.”")
    if lemma == "be" and any(c.lower_ == "responsible" for c in verb.children):
        failure = ctx.words("failure_nouns")
        if any(t.lemma_.lower() in failure for t in verb.subtree):
            return "“responsible for” a failure", (
                "Describe the chain of events and the conditions behind it; responsibility "
                "for an outage belongs to the system of work, not one person.")
    return None


def _explained_by_system(ctx: BlockContext, verb: "Token") -> bool:
    """'did not notice the lag because the panel was hidden': a reason whose subject is not a
    person explains what the person could see; it does not fault them."""
    for clause in verb.children:
        if clause.dep_ != "advcl" or not any(
                c.dep_ == "mark" and c.lower_ in ("because", "since", "as") for c in clause.children):
            continue
        subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if subj and not any(person_kind(c, ctx.words, ctx.lowercase) for c in subj):
            return True
    return False


def _prep_object(verb: "Token", preposition: str) -> "Token | None":
    """The object of one of a verb's prepositions: 'forgot about [the migration]'."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == preposition:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _modifiers(verb: "Token") -> list["Token"]:
    """Adverbs of a verb, also those the parser hung on a hyphenated prefix ('accidentally
    force-pushed')."""
    found = [c for c in verb.children if c.dep_ == "advmod"]
    for pre in verb.children:
        if pre.dep_ in ("npadvmod", "compound", "amod", "advmod", "dep") and is_hyphen_prefix(pre, verb):
            found += [g for g in pre.children if g.dep_ == "advmod"]
    return found


def _without_phrase(skipped: "Token") -> str:
    """'without a second pair of eyes', 'without telling the data team'."""
    prep = skipped.head if skipped.head.lower_ == "without" else skipped
    return phrase(prep) if prep.lower_ == "without" else f"without {skipped.text}"


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
    for comp in verb.children:
        if comp.dep_ in ("ccomp", "xcomp", "dobj", "oprd") and (
                lemma_of(comp) in ctx.words("lapse_verbs") or comp.lower_ in ctx.words("lapse_verbs")):
            return comp
    return None


def _lapse_suggestion(verb: "Token", lapsed: "Token") -> str:
    """'Nothing alerted before the TLS certificate expired; …' built from the sentence."""
    before = [t for t in lapsed.subtree if t.i < lapsed.i and t.dep_ != "aux"]
    if not before:
        before = [t for c in verb.children if c.dep_ == "dobj" and c is not lapsed for t in c.subtree]
    thing = strip_article(" ".join(t.text for t in before)) if before else "it"
    return (f"Ask why nothing caught it, not who let it happen: e.g. “Nothing alerted before "
            f"{thing} {participle(lemma_of(lapsed))}; keeping it current was a manual step.”")


def _skipped_with_without(ctx: BlockContext, verb: "Token") -> "Token | None":
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


def _explains_failure(ctx: BlockContext, clause_head: "Token", because_clause: "Token") -> bool:
    """Whether the clause that a 'because …' clause explains reports something that went wrong.

    "Search returned errors because Tomas ran the job" names Tomas as the cause; "We rolled back
    quickly because Priya spotted the spike" credits her, and is left alone.
    """
    inner = {t.i for t in because_clause.subtree}
    main = [t for t in clause_head.subtree if t.i not in inner]
    good = ctx.words("good_outcomes")
    if any(t.lemma_.lower() in good or t.lower_ in good for t in main):
        return False
    for subj in subjects(clause_head):
        if subj.lower_ == "we" or person_kind(subj, ctx.words, ctx.lowercase):
            return False
    return True


def person_as_cause(ctx: BlockContext) -> Iterator[Hit]:
    """B101: a person (not the writer) as the agent of a failure, or named as its cause."""
    seen: set[int] = set()
    for sent in _sentences(ctx):
        if sent.text.rstrip().endswith("?"):
            continue  # questions are B105's
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.i in seen:
                continue
            found = _person_subject(ctx, verb)
            if found and found[1] == "person" and not _is_hindsight(verb) and is_past(verb):
                subj, _ = found
                reason = _blame_reason(ctx, verb)
                if reason is None and verb.dep_ == "advcl" and any(
                        c.lower_ == "because" and c.dep_ == "mark" for c in verb.children) and (
                        _explains_failure(ctx, _main_clause(verb), verb)):
                    obj = next((o for o in _objects(verb)), None)
                    reason = "named as the cause (“because …”)", _neutral_suggestion(verb, obj)
                if reason:
                    seen.add(verb.i)
                    who = sent.doc[subj.left_edge.i:subj.i + 1].text
                    yield _clause_hit(ctx, subj.left_edge, _clause_end(verb),
                                      f"Blames a person: {who} {_as_agent(reason[0])}; "
                                      f"describe the system conditions instead", reason[1])
                    continue
            # passive: "the purge was triggered by Olu"
            for agent in agents(verb):
                destroyed = lemma_of(verb) in ("drop", "delete", "wipe", "truncate") and any(
                    c.dep_ == "nsubjpass" and c.lemma_.lower() in ctx.words("data_objects")
                    for c in verb.children)
                passive_fault = _passive_fault(ctx, verb)
                if person_kind(agent, ctx.words, ctx.lowercase) == "person" and (destroyed or passive_fault or lemma_of(verb) in (
                        ctx.words("fault_verbs") | {"cause", "trigger"})):
                    seen.add(verb.i)
                    thing = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                    if (destroyed or passive_fault) and thing is not None:
                        suggestion = _neutral_suggestion(verb, thing)
                    else:
                        suggestion = ("Name the change and the conditions that let it cause harm, "
                                      "e.g. “The migration locked the table; nothing checked its size first.”")
                    yield _clause_hit(ctx, sent[0], sent[-1],
                                      f"Blames a person: {phrase(agent)} named as the cause", suggestion)
        # "Tariq's mistake took down billing"
        for tok in sent:
            if tok.dep_ != "poss" or person_kind(tok, ctx.words, ctx.lowercase) != "person":
                continue
            noun = tok.head
            causing = noun.dep_ == "nsubj" and (
                lemma_of(noun.head) in ctx.words("fault_verbs") | {"cause", "trigger", "lead"}
                or (lemma_of(noun.head) in ctx.words("downing_verbs")
                    and any(c.lower_ == "down" for c in noun.head.children)))
            if noun.lemma_.lower() in ctx.words("mistake_nouns") or causing:
                yield _clause_hit(ctx, tok.left_edge, noun,
                                  f"Blames a person: {noun_text(tok)} is named as the cause",
                                  "Describe the change itself and the conditions that let it "
                                  "cause harm, e.g. “The load balancer change removed the health "
                                  "check, and the deploy pipeline had no canary.”")


def _passive_fault(ctx: BlockContext, verb: "Token") -> bool:
    """'was pushed by Maria without review', 'was accidentally deleted by …', 'the wrong build
    was promoted by …': the passive twins of B101's active faults."""
    if lemma_of(verb) in ctx.words("remedial_verbs") or is_negated(verb):
        return False
    if _skipped_with_without(ctx, verb) is not None:
        return True
    if any(c.lower_ in ctx.words("slip_adverbs") for c in _modifiers(verb)):
        return True
    bad = ctx.words("bad_qualities")
    return any(t.lower_ in bad for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree)


def _as_agent(detail: str) -> str:
    return f"is {detail}" if detail.startswith("named") else f"as the agent of {detail}"


def noun_text(possessor: "Token") -> str:
    return possessor.doc[possessor.left_edge.i:possessor.head.i + 1].text


def _main_clause(verb: "Token") -> "Token":
    return verb.head if verb.head is not verb else verb


def _clause_end(verb: "Token") -> "Token":
    """The last token of a verb's clause, not running into a following coordinated clause."""
    end = verb
    for t in verb.subtree:
        if t.dep_ == "punct" and t.i > verb.i and t.text in ".;!?":
            break
        if t.i > end.i and t.dep_ not in ("punct",):
            if t.dep_ == "cc" and t.head is verb:
                break
            end = t
    return end


_PREVENTING = frozenset({"prevent", "avoid", "catch", "stop", "spot", "notice", "detect", "mitigate",
                         "limit", "shorten"})


def _is_hindsight(verb: "Token") -> bool:
    own = [c for c in verb.children if c.dep_ == "aux"]
    # "should have double-checked": the small model hangs "should" off "have"
    auxes = [c.lower_ for c in own] + [g.lower_ for c in own for g in c.children if g.dep_ == "aux"]
    if verb.dep_ == "xcomp" and (verb.head.lower_ in ("ought", "supposed") or lemma_of(verb.head) == "need"
                                 and is_past(verb.head)):
        auxes.append("ought")  # "ought to have waited", "needed to have tested", "was supposed to have"
    if verb.lemma_.lower() in _PREVENTING and any(a in ("could", "could've") for a in auxes):
        auxes.append("should")  # "X could have prevented the outage" judges X in hindsight
    return any(a in ("should", "ought", "shouldn't", "should've") for a in auxes) and (
        "have" in auxes or "'ve" in auxes) and (
        verb.tag_ == "VBN" or verb.tag_ == "VBG" and "been" in auxes)  # "should have been watching"


def _counterfactual_if(verb: "Token") -> bool:
    """'If X had run the dry run, the purge would have been caught.'"""
    had = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in ("had", "'d")]
    head = verb.head
    if not had and verb.dep_ == "ccomp" and head.lower_ == "had" and head.i < verb.left_edge.i and (
            head.dep_ in ("conj", "advcl") and head.head is not head):
        # "… would have been caught had Aisha run the suite" (the small model hangs the clause off "had")
        main = head.head
        return any(c.lower_ in ("would", "could", "might", "wouldn't", "couldn't") for c in main.children)
    if not had or verb.dep_ not in ("advcl", "ccomp"):
        return False
    inverted = had[0].i == verb.left_edge.i  # "Had the operator followed the runbook, ..."
    if not inverted and not any(c.lower_ == "if" for c in verb.children):
        return False
    main = verb.head
    return any(c.lower_ in ("would", "could", "might", "wouldn't", "couldn't") for c in main.children)


def hindsight(ctx: BlockContext) -> Iterator[Hit]:
    """B103: 'should have', 'ought to have', and 'if X had …, it could have been avoided'."""
    for sent in _sentences(ctx):
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            counterfactual = _counterfactual_if(verb)
            if not (_is_hindsight(verb) or counterfactual):
                continue
            found = _person_subject(ctx, verb)
            if not found or found[1] != "person":
                continue
            subj = found[0]
            action = _gerund_phrase(verb)
            if lemma_of(verb) in ("know", "realize", "realise", "understand", "see"):
                suggestion = ("Say what the person knew at the time and why the risk was not "
                              "visible to them, e.g. “Nothing in the tooling showed that this "
                              "was risky.”")
            else:
                suggestion = (f"Replace the hindsight with what made it hard at the time: e.g. "
                              f"“Nothing prompted {action}: it was not in the runbook or checked "
                              f"by tooling.”")
            kind = "a counterfactual about" if counterfactual else "hindsight (“should have”) about"
            start = verb.head.left_edge if counterfactual else subj.left_edge
            yield _clause_hit(ctx, start if counterfactual else subj.left_edge,
                              sent[-2] if sent[-1].is_punct and len(sent) > 1 else sent[-1],
                              f"Judges a person in hindsight: {kind} {phrase(subj)}; describe "
                              f"what they could see at the time", suggestion)


_HUMAN_ERROR = re.compile(r"\b(?:human|operator|user|engineer(?:ing)?|developer|people|personnel|"
                          r"pilot|manual)\s+(?:error|mistake|failure|oversight)s?\b|"
                          r"\bpebkac\b|\bpebcak\b|\bfat[- ]finger(?:ed|ing)?\b|\blayer[- ]8\b", re.I)
_DENIED_AFTER = re.compile(r"^\s*(?:is|was|are|were|isn't|wasn't)\s+(?:never|not|rarely|seldom|only|just|"
                           r"merely|(?:a|the)\s+symptom)\b", re.I)
_DENIED = re.compile(r"\b(?:not|never|no|beyond|rather than|instead of|isn't|wasn't|aren't|"
                     r"avoid|past|than)\s+(?:\w+\s+){0,2}$", re.I)


def human_error(ctx: BlockContext) -> Iterator[Hit]:
    """B102: 'human error' (and kin) given as a cause; leaves alone text that argues against it."""
    text = ctx.block.text
    for match in _HUMAN_ERROR.finditer(text):
        if _DENIED.search(text[max(0, match.start() - 40):match.start()]) or _DENIED_AFTER.match(
                text[match.end():match.end() + 40]):
            continue
        from ..text import inside_quotes

        if inside_quotes(text, match.start()):
            continue
        s, e = ctx.span(match.start(), match.end())
        words = match.group(0)
        yield Hit(s, e, message=f"“{words}” is given as a cause; it names where the investigation "
                                f"stopped, not why the failure happened",
                  suggestion=(f"Replace “{words}” with the conditions that made the error possible "
                              f"or likely: what the tool allowed, what the interface showed, what "
                              f"check was missing."))


_BLAME_ADVERB = re.compile(r"ly$")


def blame_words(ctx: BlockContext) -> Iterator[Hit]:
    """B104: blame and character words; person-only words count only next to a person."""
    from ..text import inside_quotes, phrase_regex

    text = ctx.block.text
    always = tuple(ctx.words("blame_words"))
    for match in phrase_regex(always).finditer(text):
        if inside_quotes(text, match.start()):
            continue
        yield _word_hit(ctx, match.start(), match.end())
    for sent in _sentences(ctx):
        for tok in sent:
            lemma = tok.lemma_.lower()
            if in_quotes(tok):
                continue
            if tok.lower_ in ctx.words("person_adjectives") and tok.dep_ == "acomp":
                found = _person_subject(ctx, tok.head)
                if found and found[1] == "person":
                    yield _word_hit(ctx, tok.idx, tok.idx + len(tok.text))
            elif tok.lower_ in ctx.words("person_adverbs") and tok.dep_ == "advmod":
                found = _person_subject(ctx, tok.head)
                if found and found[1] == "person":
                    yield _word_hit(ctx, tok.idx, tok.idx + len(tok.text))
            elif lemma == "fault" and tok.pos_ == "NOUN":
                owner = [c for c in tok.children if c.dep_ == "poss"]
                owner += [p for prep in tok.children if prep.lower_ == "of" for p in prep.children
                          if p.dep_ == "pobj"]
                kinds = {person_kind(o, ctx.words, ctx.lowercase) for o in owner}
                if "person" in kinds:
                    start = tok.left_edge.idx
                    yield _word_hit(ctx, start, tok.right_edge.idx + len(tok.right_edge.text),
                                    label="fault")
                elif tok.head.lower_ == "at" and (found := _person_subject(ctx, tok.head.head)) and found[1] == "person":
                    yield _word_hit(ctx, tok.head.idx, tok.idx + len(tok.text), label="at fault")
            elif lemma == "culprit":
                verb = tok.head
                linked = [c for c in verb.children if c.dep_ in ("nsubj", "attr") and c is not tok]
                if any(person_kind(c, ctx.words, ctx.lowercase) == "person" for c in linked):
                    yield _word_hit(ctx, tok.idx, tok.idx + len(tok.text), label="culprit")
            elif lemma == "blame" and tok.pos_ == "VERB":
                targets = [c for c in tok.children if c.dep_ == "dobj"]
                targets += [p for prep in tok.children if prep.lower_ == "on" for p in prep.children]
                if any(person_kind(c, ctx.words, ctx.lowercase) == "person" for c in targets) and not is_negated(tok):
                    yield _word_hit(ctx, tok.idx, tok.idx + len(tok.text), label="blame")


def _word_hit(ctx: BlockContext, start: int, end: int, label: str | None = None) -> Hit:
    raw = ctx.block.raw
    word = raw[start:end]
    shown = label or word
    fixes: tuple[Fix, ...] = ()
    if _BLAME_ADVERB.search(word) and " " not in word:
        edit = removal(raw, start, end)
        if edit:
            from dataclasses import replace

            edit = replace(edit, start=ctx.block.doc_offset(edit.start), end=ctx.block.doc_offset(edit.end))
            fixes = (Fix(f"Remove “{word}”", (edit,)),)
            sentence = _sentence_around(raw, start, end)
            suggestion = (f"State what was done without judging it: “{sentence}” — then add what "
                          f"the person could see at the time.")
        else:
            suggestion = "State what was done and what the person could see at the time."
    else:
        suggestion = (f"Replace “{shown}” with facts: what was done, what the person could see, "
                      f"and which check or safeguard was missing.")
    s, e = ctx.span(start, end)
    return Hit(s, e, message=f"“{shown}” judges a person; blame words make people defend "
                             f"themselves instead of explaining what happened",
               suggestion=suggestion, fixes=fixes)


def _sentence_around(raw: str, start: int, end: int) -> str:
    """The sentence holding raw[start:end], with those words removed."""
    left = max(raw.rfind(". ", 0, start), raw.rfind("\n", 0, start))
    left = left + 2 if left >= 0 and raw[left] == "." else left + 1
    right_candidates = [i for i in (raw.find(". ", end), raw.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(raw)
    sentence = raw[left:right].strip()
    edit = removal(sentence, start - left - (len(raw[left:right]) - len(raw[left:right].lstrip())),
                   end - left - (len(raw[left:right]) - len(raw[left:right].lstrip())))
    if edit is None:
        return sentence
    return (sentence[:edit.start] + edit.new_text + sentence[edit.end:]).strip()


def blame_question(ctx: BlockContext) -> Iterator[Hit]:
    """B105: questions that ask who, or why a person did or did not do something."""
    for sent in _sentences(ctx):
        if not sent.text.rstrip().endswith("?"):
            continue
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None:
            continue
        word = first.lower_
        root = sent.root
        flagged = False
        if word in ("who", "whose"):
            verb = first.head
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            flagged = (first.dep_ == "nsubj" and verb.lemma_ != "be" and not passive
                       and not is_modal(verb) and verb.tag_ in ("VBD", "VBN"))
            flagged = flagged or (word == "whose" and any(t.lemma_.lower() in ("fault", "idea", "mistake") for t in sent))
        elif word in ("why", "how"):
            found = _person_subject(ctx, root)
            auxes = {c.lower_ for c in root.children if c.dep_ == "aux"}
            if word == "why" and not found:  # "Why didn't anyone check?", "Why did nobody on the team …"
                anyone = next((c for c in root.children if c.dep_ == "nsubj" and c.lower_ in (
                    "anyone", "anybody", "nobody", "noone")), None)
                found = (anyone, "person") if anyone is not None else None
            if word == "why":
                flagged = bool(found) and found[1] == "person" and lemma_of(root) != "be" and (
                    bool(auxes & {"did", "didn't", "had", "would"}) or root.tag_ == "VBD")
            else:
                flagged = bool(found) and found[1] == "person" and "could" in auxes and (
                    lemma_of(root) in ctx.words("fault_verbs") | ctx.words("attention_verbs")
                    | ctx.words("care_verbs"))
        if flagged:
            yield _clause_hit(ctx, first, sent[-1],
                              "A blame question: it asks who, or why a person acted, and puts "
                              "them on the defensive",
                              "Ask about the system instead, e.g. “What let this slip through unnoticed?” "
                              "or “What in our process allowed this change through?”")


def self_blame(ctx: BlockContext) -> Iterator[Hit]:
    """B106: the writer blaming themselves ('my fault', 'I should have spotted it')."""
    from ..text import phrase_regex

    text = ctx.block.text
    phrased: list[tuple[int, int]] = []
    for match in phrase_regex(tuple(ctx.words("self_blame_phrases"))).finditer(text):
        phrased.append((match.start(), match.end()))
        s, e = ctx.span(match.start(), match.end())
        yield Hit(s, e)
    for sent in _sentences(ctx):
        if sent.text.rstrip().endswith("?"):
            continue
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            found = _person_subject(ctx, verb)
            if not found or found[1] != "self":
                continue
            if _is_hindsight(verb) or _counterfactual_if(verb) or (
                    is_past(verb) and not is_negated(verb) and _blame_reason(ctx, verb)):
                subj = found[0]
                end = _clause_end(verb)
                if any(a < end.idx + len(end.text) and subj.idx < b for a, b in phrased):
                    continue  # "I screwed up …" is already reported as a phrase
                yield _clause_hit(ctx, subj, end, None, None)
