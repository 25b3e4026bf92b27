"""Small English morphology for building rewrites: gerunds and past participles of verbs."""
from __future__ import annotations

IRREGULAR_PARTICIPLES = {
    "be": "been", "begin": "begun", "break": "broken", "bring": "brought", "build": "built",
    "buy": "bought", "catch": "caught", "choose": "chosen", "do": "done", "drive": "driven",
    "eat": "eaten", "fall": "fallen", "feel": "felt", "find": "found", "forget": "forgotten",
    "get": "gotten", "give": "given", "go": "gone", "have": "had", "hide": "hidden",
    "hold": "held", "keep": "kept", "know": "known", "lay": "laid", "lead": "led", "leave": "left",
    "let": "let", "lose": "lost", "make": "made", "mean": "meant", "overlook": "overlooked",
    "put": "put", "read": "read", "ride": "ridden", "run": "run", "say": "said", "see": "seen",
    "send": "sent", "set": "set", "shut": "shut", "sit": "sat", "speak": "spoken",
    "spend": "spent", "split": "split", "spread": "spread", "stand": "stood", "steal": "stolen",
    "take": "taken", "teach": "taught", "tell": "told", "think": "thought", "throw": "thrown",
    "understand": "understood", "undo": "undone", "upset": "upset", "wake": "woken",
    "wear": "worn", "win": "won", "write": "written", "rewrite": "rewritten", "rerun": "rerun",
    "reset": "reset", "cut": "cut", "hit": "hit", "quit": "quit", "shoot": "shot",
}
_DOUBLING = {"drop", "stop", "plan", "ship", "tag", "skip", "commit", "submit", "admit", "permit",
             "omit", "map", "scan", "log", "flag", "swap", "wrap", "trim", "prop", "strip", "plug",
             "chop", "rerun", "run", "begin", "set", "get", "put", "cut", "hit", "shut", "upset",
             "reset", "forget", "step", "tap", "snap", "grab"}


def participle(lemma: str) -> str:
    lemma = lemma.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    if lemma.endswith("'d") or lemma in ("typoed", "fat-fingered"):  # already a past form
        return lemma
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if lemma in _DOUBLING:
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def gerund(lemma: str) -> str:
    lemma = lemma.lower()
    if lemma in ("be", "see", "flee", "agree", "free"):
        return lemma + "ing"
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith("ee"):
        return lemma[:-1] + "ing"
    if lemma in _DOUBLING:
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_article(text: str) -> str:
    """'the wrong query' stays; 'our runbook' -> 'the runbook' (possessives of people vanish)."""
    words = text.split()
    if words and words[0].lower() in ("his", "her", "their", "my", "your", "our"):
        words[0] = "the"
    return " ".join(words)


PAST_FORMS = {
    "forgot": "forget", "broke": "break", "ran": "run", "took": "take", "made": "make",
    "brought": "bring", "threw": "throw", "wrote": "write", "blew": "blow", "knew": "know",
    "saw": "see", "did": "do", "went": "go", "got": "get", "gave": "give", "began": "begin",
    "chose": "choose", "drove": "drive", "fell": "fall", "hid": "hide", "spoke": "speak",
    "stole": "steal", "woke": "wake", "wore": "wear", "won": "win", "shot": "shoot",
    "knocked": "knock", "misread": "misread",
}
_PARTICIPLE_TO_LEMMA = {v: k for k, v in IRREGULAR_PARTICIPLES.items() if v != k}


def lemma_of(tok) -> str:
    """A verb's lemma, mending the small model's misses on irregular forms ('forgot')."""
    lower = tok.lower_
    if lower in PAST_FORMS:
        return PAST_FORMS[lower]
    if lower in _PARTICIPLE_TO_LEMMA and tok.lemma_.lower() == lower:
        return _PARTICIPLE_TO_LEMMA[lower]
    return tok.lemma_.lower()
