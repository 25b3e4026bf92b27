"""The indexed attribute ruler, the lemma memo, numpy's matrix products and the tokenizer read
whole from the pipeline's folder are drop-ins: every token gets the POS, MORPH, LEMMA, TAG, DEP,
head and sentence start the stock spaCy pipeline gives it, on all the English the project ships
(rule examples, golden fixtures, sample postmortems) and, where the checkout sits beside it, the
shared real corpus."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from blameless.document import parse
from blameless.nlp import Pipeline, add_special_cases
from blameless.registry import rule_set

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def _texts() -> list[str]:
    sources = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("examples/*.md"))]
    sources += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/golden/*.md"))]
    sources += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.md"))]
    texts = [block.text for source in sources for block in parse(source, path="x.md").blocks]
    texts += [ex.text for rule in rule_set().rules for ex in (*rule.flag, *rule.passes)]
    return list(dict.fromkeys(texts))


def _attributes(nlp, texts: list[str]) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i, t.is_sent_start)
            for doc in nlp.pipe(texts, batch_size=64) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    indexed = Pipeline()
    nlp = indexed.nlp
    stock = spacy.load(indexed.loaded.name if indexed.loaded.role != "configured" else str(indexed.loaded.path),
                       exclude=["ner"])
    return nlp, stock


def test_the_indexed_ruler_replaces_the_stock_one(pipelines):
    nlp, stock = pipelines
    assert "attribute_ruler" not in nlp.pipe_names and "blameless_attribute_index" in nlp.pipe_names
    assert "attribute_ruler" in stock.pipe_names
    assert "lemmatizer" not in nlp.pipe_names and "blameless_lemma_memo" in nlp.pipe_names
    layers = [layer for _, component in nlp.pipeline if hasattr(component, "model")
              for layer in component.model.walk()]
    assert layers and not any(getattr(layer.ops, "use_blis", False) for layer in layers)


def test_every_token_gets_the_attributes_the_stock_ruler_gives(pipelines):
    nlp, stock = pipelines
    add_special_cases(stock)  # the same tokens on both sides
    texts = _texts()
    ours, theirs = _attributes(nlp, texts), _attributes(stock, texts)
    assert len(ours) == len(theirs) > 5000
    differing = [(a, b) for a, b in zip(ours, theirs) if a != b]
    assert not differing, differing[:5]
    again = texts[:400]  # the second time round, every lemma comes from the memo
    assert _attributes(nlp, again) == _attributes(stock, again)


def test_the_tokenizer_loaded_from_the_folder_is_the_stock_one(pipelines):
    nlp, stock = pipelines
    assert nlp.config["nlp"]["tokenizer"] != stock.config["nlp"]["tokenizer"]  # built another way
    add_special_cases(stock)
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == stock.tokenizer.to_bytes(exclude=["vocab"])


def test_multi_token_patterns_still_apply(pipelines):
    """The few multi-token patterns (contractions such as "gonna") go through their own Matcher."""
    nlp, stock = pipelines
    text = "We're gonna need a bigger disk, ain't we? They wanna roll back."
    assert _attributes(nlp, [text]) == _attributes(stock, [text])
    assert [t.lemma_ for t in nlp("gonna")] == ["go", "to"]


def test_a_parse_runs_on_one_blas_thread():
    """OpenBLAS's own threads spin while they wait: two `--jobs 2` workers with two threads each
    took 2.5 times the CPU. Whatever the process allows outside, a parse uses one."""
    from spacy.language import Language
    from threadpoolctl import threadpool_info

    seen: list[int] = []

    @Language.component("blameless_test_blas_threads")
    def record(doc):
        seen.extend(lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas")
        return doc

    pipeline = Pipeline()
    pipeline.nlp.add_pipe("blameless_test_blas_threads", after="tok2vec")
    pipeline.parse("The relay dropped the batch after the restart.")
    assert seen and set(seen) == {1}
