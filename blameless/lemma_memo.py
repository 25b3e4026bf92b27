"""The pipeline's lemmatizer with every answer remembered, and its word index made a set.

spaCy's rule lemmatizer caches only the words it had to work on: a base form (a singular noun,
an infinitive), most of the words of a text, is recomputed on every token from its morphology.
A lemma depends only on the word, its POS and its morphology, so this component asks the stock
lemmatizer once per such combination and reuses the answer. The stock lemmatizer also tests each
candidate lemma against its index of known words, a list of up to 57,528 words scanned from the
start each time; the index is only ever asked "is this word in it?", so it is turned into a set.
The lemmas are the stock ones (tests/test_attribute_index.py compares them on whole texts).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "blameless_lemma_memo"

#: Distinct (word, POS, morphology) combinations remembered before the memo starts again (a
#: long-running language server sees new words for as long as it runs).
MEMO_SIZE = 100_000


class MemoLemmatizer:
    def __init__(self, stock):
        self.stock = stock
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        stock, memo = self.stock, self.memo
        strings = doc.vocab.strings
        for token in doc:
            if not (stock.overwrite or token.lemma == 0):
                continue
            key = (token.orth, token.pos, token.morph.key)
            lemma = memo.get(key)
            if lemma is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                lemma = memo[key] = strings.add(stock.lemmatize(token)[0])
            token.lemma = lemma
        return doc


def _index_as_sets(stock) -> None:
    """The lemma index's word lists as sets (it is only used for membership)."""
    index = stock.lookups.get_table("lemma_index", {})
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)


@Language.factory(NAME)
def _make(nlp: Language, name: str):
    stock = nlp.get_pipe("lemmatizer")
    _index_as_sets(stock)
    return MemoLemmatizer(stock)


def install(nlp: Language) -> bool:
    """Put the memo in place of `lemmatizer`; False if the pipeline has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    nlp.add_pipe(NAME, after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    return True
