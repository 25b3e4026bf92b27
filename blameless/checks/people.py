"""Who a token stands for, read from the dependency parse (NER stays off; see design.md).

A person is a personal pronoun, an @handle, a role noun ("the on-call engineer", "our DBA"), a
team ("the platform team", "DevOps"), or a capitalised proper noun that is not a known system.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lexicon import english
from ..text import quote_left_open
from .english import is_irregular_past, lemma_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def is_on_call(tok: "Token") -> bool:
    """'on-call' is three tokens; its last one ('call') stands for the role."""
    doc = tok.doc
    return (tok.lower_ == "call" and tok.i >= 2 and doc[tok.i - 1].text == "-"
            and doc[tok.i - 2].lower_ == "on")


def person_kind(tok: "Token", words, lowercase=frozenset()) -> str | None:
    """'self' for the writer (I, me, my), 'person' for anyone else, None for non-people.

    `words(name)` returns a lexicon word list (roles, teams, person_pronouns, systems);
    `lowercase` holds the words the document also writes in lower case (tools, not people).
    """
    lower = tok.lower_
    if lower in english().words("self_pronouns"):
        return "self"
    if tok.pos_ == "PRON":
        return "person" if lower in words("person_pronouns") else None
    if tok.text.startswith("@") and len(tok.text) > 1:
        return "person"
    if tok.i > 0 and tok.doc[tok.i - 1].text == "@" and tok.doc[tok.i - 1].idx + 1 == tok.idx:
        return "person"
    if lower in words("roles") or tok.lemma_.lower() in words("roles") or is_on_call(tok):
        return "person"
    if lower in words("teams"):
        return "person"
    if tok.pos_ == "PROPN":
        text = tok.text
        if len(text) == 1 and text.isupper():  # "Engineer A"
            return "person" if any(c.lower_ in words("roles") for c in tok.children) else None
        if lower in words("systems") or not text.isalpha() or not text[0].isupper():
            return None
        if lower in lowercase:  # written in lower case elsewhere: a tool
            return None
        if text.isupper():  # an acronym: a role only when the lexicon says so (DBA, SRE)
            return None
        if any(ch.isupper() for ch in text[1:]):  # CamelCase is a product name
            return None
        if any(c.dep_ == "compound" and c.lower_ in words("systems") for c in tok.children):
            return None
        if _named_system(tok, words):
            return None
        return "person"
    return None


def _named_system(tok: "Token", words) -> bool:
    """'our queue Tern dropped the batch': a name after a system's head noun (`system_nouns`) is
    that system's name, unless the name is the subject of a relative clause that lacks its
    object ('the queue Dana drained was full': the queue that Dana drained)."""
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    if not (any(c.dep_ == "compound" and c.lemma_.lower() in words("system_nouns") for c in tok.children)
            or (before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in words("system_nouns"))):
        return False
    verb = tok.head
    gapped = tok.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("dobj", "attr", "oprd", "ccomp", "xcomp") for c in verb.children)
    return not gapped


def is_system_noun(tok: "Token", words) -> bool:
    """'relay' in 'the relay, Hermes, ...': its appositive names a system, not a person."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in words("system_nouns")


#: The word lists whose words person_kind takes for people (besides names and handles).
PERSON_LISTS = ("person_pronouns", "roles", "teams")
_LETTERS = re.compile(r"[^\W\d_]+")
_IT_TEAM = re.compile(r"\bIT\b")


def may_name_person(text: str, present: frozenset[str], people: frozenset[str], systems: frozenset[str],
                    lowercase=frozenset()) -> bool:
    """Whether some word of `text` could be a person to person_kind, told without a parse: one
    of `people` (Rule.person_forms) among the text's words `present`, "IT", an @handle, or a
    capitalised word that is no known system and that the document never writes in lower case
    (its PROPN test). A sentence without one cannot have a person as subject, agent, possessor,
    antecedent or appositive, so a rule about people need not have it parsed."""
    if present & people or "@" in text or _IT_TEAM.search(text):
        return True
    for match in _LETTERS.finditer(text):
        word = match.group()
        if len(word) > 1 and word[0].isupper() and word[1:].islower():
            lower = word.lower()
            if lower not in lowercase and lower not in systems:
                return True
    return False


def subjects(verb: "Token") -> list["Token"]:
    """Active subjects of a verb, inherited through conjunctions and 'forgot to X' complements."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own:
        return own
    # "I should have double-checked", "@pablo force-pushed": the small model sometimes hangs the
    # subject off an auxiliary or off the first half of a hyphenated verb
    own = [g for c in verb.children if c.i < verb.i and (c.dep_ == "aux" or is_hyphen_prefix(c, verb))
           for g in c.children if g.dep_ == "nsubj"]
    if own:
        return own
    # "@lena broke the deploy": the small model sometimes hangs a handle off the verb as npadvmod
    loose = [c for c in verb.lefts if c.dep_ in ("npadvmod", "dep", "nmod") and c.i == c.sent.start
             and c.text.startswith("@")]
    if loose:
        return loose
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    clause = [s for c in verb.children if c.dep_ == "csubj" for s in c.children if s.dep_ == "nsubj"]
    if clause:  # "Whoever approved this change didn't read it"
        return clause
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return subjects(verb.head)
    return []


def is_hyphen_prefix(tok: "Token", verb: "Token") -> bool:
    """'force' in 'force-pushed', 'fat' in 'fat-fingered': joined to the verb by a hyphen."""
    doc = verb.doc
    return tok.i == verb.i - 2 and doc[verb.i - 1].text == "-" and not doc[verb.i - 1].whitespace_ \
        and not tok.whitespace_


def agents(verb: "Token") -> list["Token"]:
    """The 'by X' of a passive verb."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def is_negated(verb: "Token") -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def finite_verb(verb: "Token") -> "Token":
    """The verb carrying tense: 'check' in 'forgot to check' -> 'forgot'."""
    while verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        verb = verb.head
    return verb


def is_modal(verb: "Token") -> bool:
    modals = english().words("modal_verbs")
    return any(c.dep_ == "aux" and c.lower_ in modals for c in finite_verb(verb).children)


def is_past(verb: "Token") -> bool:
    """Whether a clause reports a past event: 'forgot', 'did not test', 'had skipped'."""
    head = finite_verb(verb)
    if is_modal(head):
        return False
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if auxes & english().words("past_auxiliaries"):
        return True
    if auxes & english().words("present_perfect_auxiliaries") and head.tag_ == "VBN":
        return True
    if is_irregular_past(head.lower_) or (head.lower_.endswith(("ed", "'d")) and head.tag_ in ("VBP", "VB")):
        return not auxes  # the small model tags "I forgot" as present
    return head.tag_ == "VBD" or (head.tag_ == "VBN" and not auxes)


def in_quotes(tok: "Token") -> bool:
    """Whether a token sits inside a double-quoted stretch of its sentence (a quoted message)."""
    return quote_left_open(tok.doc[tok.sent.start:tok.i].text)  # (Doc.text would join the whole document)


def phrase(tok: "Token") -> str:
    """The text of a token's subtree."""
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


def noun_phrase_of(tok: "Token") -> str:
    """A person's full mention: 'the on-call engineer', 'Engineer A', 'Marco Rossi'."""
    left = tok.left_edge.i
    return tok.doc[left:tok.i + 1].text


def antecedent(subj: "Token", verb: "Token") -> "Token":
    """'It was Jamal who broke it': the cleft asserts who did it. 'The contractor who forgot to
    renew it': a relative clause's subject is the noun it hangs from (whether the clause is
    blame is then for the verb to say: 'the engineer who ran it' did nothing wrong)."""
    if subj.lower_ not in english().words("relative_pronouns"):
        return subj
    head = verb.head
    if verb.dep_ == "ccomp" and lemma_of(head) == "be" and any(
            c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children):
        return next((c for c in head.children if c.dep_ == "attr"), subj)
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") and not _credited(head, verb):
        return head
    return subj


def _credited(person: "Token", clause: "Token") -> bool:
    """'The engineer that triggered it was quick to spot the cause': the sentence is about what
    the person did well, and the relative clause only says who they are."""
    inner = {t.i for t in clause.subtree}
    credit = english().words("good_outcomes") | english().words("remedial_verbs")
    return any(t.lemma_.lower() in credit or t.lower_ in credit
               for t in person.sent if t.i not in inner)


def looks_like_name(tok: "Token", words) -> bool:
    """A capitalised word the tagger read as a common noun because a time stands before it
    ("18:22 Tomasz forgot …")."""
    text = tok.text
    return (tok.pos_ in ("NOUN", "PROPN") and text[:1].isupper() and text[1:].islower() and text.isalpha()
            and tok.lower_ not in words("systems") and tok.lower_ not in words("non_people")
            and not any(c.dep_ == "det" for c in tok.children))


def person_subject(verb: "Token", words, lowercase=frozenset(), *,
                   lenient: bool = False) -> tuple["Token", str] | None:
    """The person (and kind: 'self' or 'person') who is the subject of `verb`, if any.

    `lenient` also takes a capitalised common noun for a name (timeline entries, where a time
    before the name misleads the tagger).
    """
    for subj in subjects(verb):
        subj = antecedent(subj, verb)
        if in_quotes(subj):
            continue
        kind = person_kind(subj, words, lowercase)
        if kind:
            return subj, kind
        if lenient and looks_like_name(subj, words) and subj.lower_ not in lowercase:
            return subj, "person"
        if is_system_noun(subj, words):  # "the relay Hermes", "the relay, Hermes, …"
            continue
        for named in (c for c in subj.children if c.dep_ == "appos"):  # "our newest hire, Dana, …"
            kind = person_kind(named, words, lowercase)
            if kind:
                return subj, kind
    return None


def low_effort_idiom(verb: "Token", words) -> "Token | None":
    """The word that makes `verb` an idiom of low effort (`low_effort_idioms`: "cut corners",
    "took shortcuts", "skimped on", "corners were cut"), or None."""
    if verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    for idiom in words("low_effort_idioms"):
        head, word = idiom.split()
        if lemma == head:
            taken = next((c for c in verb.children if c.dep_ in ("dobj", "prt", "prep", "nsubjpass")
                          and c.lemma_.lower() == word), None)
            if taken is not None:
                return taken
            # the small model sometimes hangs the object elsewhere ("cut a few corners on the
            # index rebuild" read with "rebuild" as a verb): the word right after the verb and
            # its determiners counts too
            doc = verb.doc
            for tok in doc[verb.i + 1:min(verb.i + 4, verb.sent.end)]:
                if tok.lemma_.lower() == word:
                    return tok if tok.dep_ != "compound" else None  # "cut corner cases": no idiom
                if tok.pos_ not in ("DET", "ADJ", "NUM"):
                    break
    return None
