"""Budgets for spaCy token patterns in rule packs (`extend-rules` packs come from anyone).

spaCy's Matcher runs REGEX predicates with Python's `re`, which can backtrack for ever, and
returns every way a pattern matches, so several `{"OP": "*"}` tokens on a long paragraph
exhaust memory. Here a pattern is checked and rewritten once:

- at most MAX_TOKENS tokens and MAX_QUANTIFIERS quantified tokens (`*`, `+`, `{n,m}`...);
- an unbounded quantifier spans at most MAX_SPAN tokens (`*` means `{0,MAX_SPAN}`), and a
  bounded one may not ask for more;
- a REGEX is compiled with the `regex` module (errors name the pack and the rule) and run by a
  token extension with the check's remaining time budget as its timeout, releasing the GIL.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import regex

from . import budget
from .errors import BlamelessError, RulePackError

MAX_PATTERNS = 200
MAX_TOKENS = 30
MAX_QUANTIFIERS = 2
MAX_SPAN = 8

_RANGE = re.compile(r"\{(\d*)(,?)(\d*)\}")
#: Token attributes a REGEX may test, and how to read them from a spaCy Token.
_STRING_ATTRS = {"ORTH": "text", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_",
                 "LEMMA": "lemma_", "SHAPE": "shape_", "PREFIX": "prefix_", "SUFFIX": "suffix_",
                 "POS": "pos_", "TAG": "tag_", "DEP": "dep_", "MORPH": "morph",
                 "ENT_TYPE": "ent_type_", "ENT_IOB": "ent_iob_", "ENT_ID": "ent_id_"}


class PatternError(BlamelessError, ValueError):
    """A token pattern is over budget or invalid (the pack loader adds the file and rule)."""


def _bounded_op(op: Any) -> str:
    """The OP with unbounded repetition capped at MAX_SPAN; raises PatternError."""
    if op in ("!", "?", "*", "+"):
        return {"*": f"{{0,{MAX_SPAN}}}", "+": f"{{1,{MAX_SPAN}}}"}.get(op, op)
    m = _RANGE.fullmatch(op) if isinstance(op, str) else None
    if not m or not (m.group(1) or m.group(3)):
        raise PatternError(f"OP {op!r} is not one of !, ?, *, +, {{n}}, {{n,m}}, {{n,}}, {{,m}}")
    low = int(m.group(1) or 0)
    high = low if not m.group(2) else int(m.group(3)) if m.group(3) else max(low, MAX_SPAN)
    if high > MAX_SPAN or low > high:
        raise PatternError(f"OP {op!r} spans more than {MAX_SPAN} tokens (the limit per wildcard)")
    return f"{{{low},{high}}}" if m.group(2) else f"{{{low}}}"


#: The longest a REGEX may take on one token (a legitimate one takes microseconds).
TOKEN_REGEX_SECONDS = 5.0


def _regex_extension(attr: str | tuple[str, str], source: Any, rule_id: str) -> str:
    """Register (once) a Token extension that tests `source` on `attr`; return its name."""
    if not isinstance(source, str):
        raise PatternError("REGEX must be a string")
    try:
        compiled = regex.compile(source)
    except regex.error as err:
        raise PatternError(f"REGEX {source!r} is not a valid regular expression: {err}") from None
    if isinstance(attr, tuple):
        read = lambda token, name=attr[1]: getattr(token._, name)  # noqa: E731
    elif attr in _STRING_ATTRS:
        read = lambda token, name=_STRING_ATTRS[attr]: getattr(token, name)  # noqa: E731
    else:
        raise PatternError(f"REGEX cannot test {attr} (only {', '.join(sorted(_STRING_ATTRS))} or _)")
    name = "blameless_re_" + hashlib.sha1(repr((attr, source)).encode()).hexdigest()[:16]

    def test(token) -> bool:
        active = budget.current()
        timeout = active.remaining() if active is not None else budget.DEFAULT_SECONDS
        # one token's test is capped too: a search cannot be interrupted once running, so
        # without a cap a cancelled check (an edit replaced the text) could run on for an hour
        timeout = min(timeout, TOKEN_REGEX_SECONDS)
        try:
            return compiled.search(str(read(token)), timeout=max(timeout, 0.001), concurrent=True) is not None
        except TimeoutError:
            if active is not None:
                active.spend()  # out of time or cancelled: say so the usual way
            raise budget.BudgetExceeded(f"a REGEX of rule {rule_id} ran over its time budget "
                                        f"({TOKEN_REGEX_SECONDS:g} s on one token)") from None

    from spacy.tokens import Token

    Token.set_extension(name, getter=test, force=True)
    return name


def _bounded_token(token: Any, rule_id: str) -> tuple[dict, bool]:
    """(the token with REGEX predicates moved into extensions and OP capped, quantified?)"""
    if not isinstance(token, dict):
        raise PatternError("each token must be a mapping of attributes")
    out: dict = {}
    extensions: dict = {}
    quantified = False
    for key, value in token.items():
        if not isinstance(key, str):
            raise PatternError(f"attribute {key!r} is not a name")
        upper = key.upper()
        if upper == "OP":
            out[key] = _bounded_op(value)
            quantified = value not in ("!", "?") and not (isinstance(value, str) and "," not in value
                                                           and value.startswith("{"))
        elif key == "_" and isinstance(value, dict):
            for ext, pred in value.items():
                if isinstance(pred, dict) and "REGEX" in pred:
                    extensions[_regex_extension(("_", ext), pred["REGEX"], rule_id)] = True
                    pred = {k: v for k, v in pred.items() if k != "REGEX"}
                    if not pred:
                        continue
                extensions[ext] = pred
        elif isinstance(value, dict) and "REGEX" in value:
            extensions[_regex_extension(upper, value["REGEX"], rule_id)] = True
            rest = {k: v for k, v in value.items() if k != "REGEX"}
            if rest:
                out[key] = rest
        else:
            out[key] = value
    if extensions:
        out["_"] = extensions
    return out, quantified


def bounded_patterns(patterns: Any, rule_id: str) -> list[list[dict]]:
    """The rule's patterns within budget, ready for `Matcher.add`; raises PatternError."""
    if len(patterns) > MAX_PATTERNS:
        raise PatternError(f"{len(patterns)} patterns (the limit is {MAX_PATTERNS})")
    out = []
    for i, pattern in enumerate(patterns):
        try:
            if not isinstance(pattern, list) or not pattern:
                raise PatternError("must be a non-empty list of tokens")
            if len(pattern) > MAX_TOKENS:
                raise PatternError(f"{len(pattern)} tokens (the limit is {MAX_TOKENS})")
            tokens = [_bounded_token(t, rule_id) for t in pattern]
            if sum(q for _, q in tokens) > MAX_QUANTIFIERS:
                raise PatternError(f"more than {MAX_QUANTIFIERS} quantified tokens (OP *, +, {{n,m}})")
        except PatternError as err:
            raise PatternError(f"patterns[{i}]: {err}") from None
        out.append([t for t, _ in tokens])
    return out


def validate_rule_patterns(path: str | Path, rule: Any) -> None:
    """Compile a rule's patterns now (a blank vocabulary is enough), so that a bad pack fails
    when it loads, naming the file and the rule, not on the first document it meets."""
    if not rule.patterns:
        return
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    try:
        patterns = bounded_patterns(rule.patterns, rule.id)
        Matcher(Vocab(), validate=True).add(rule.id, patterns)
    except PatternError as err:
        raise _pack_error(path, rule.id, str(err)) from None
    except Exception as err:  # noqa: BLE001 (spaCy raises several kinds for a bad pattern)
        detail = " ".join(str(err).split())
        detail = detail.replace(f"Invalid token patterns for matcher rule '{rule.id}' ", "")
        raise _pack_error(path, rule.id, f"patterns: {detail[:300]}") from None


def _pack_error(path: str | Path, rule_id: str, problem: str) -> BlamelessError:
    return RulePackError(f"{path}: rule {rule_id}: {problem}")
