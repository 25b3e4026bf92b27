"""The language server's pure parts, in process: positions, settings, the per-block result cache."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from lsprotocol import types

import blameless
from blameless.config import ConfigError
from blameless.engine import Engine
from blameless.nlp import Pipeline
from blameless.block_cache import CachingEngine
from blameless_lsp.convert import LineIndex, kind_wanted, line_edits
from blameless_lsp.settings import ConfigResolver, clean_settings, debounce_seconds

FIXTURE = (Path(__file__).resolve().parent / "fixtures" / "lsp" / "postmortem.md").read_text(encoding="utf-8")


# -- positions ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "start", "end"), [("utf-16", 13, 23), ("utf-8", 21, 31), ("utf-32", 11, 21)])
def test_emoji_and_cjk_before_a_word_in_each_encoding(encoding: str, start: int, end: int):
    text = "## Root cause\n\n🔥🔥 事故 Anna recklessly restarted every node.\n"
    at = text.index("recklessly")
    index = LineIndex(text, encoding)
    assert index.range(at, at + 10) == types.Range(start=types.Position(2, start), end=types.Position(2, end))
    assert index.offset(types.Position(2, start)) == at
    assert index.offset(types.Position(2, end)) == at + 10


def test_line_breaks_are_the_lsp_ones():
    # \r\n, \r and \n end lines; \u2028 and form feeds do not (str.splitlines would split there).
    text = "a\r\nb\rc\nd\u2028e\x0cf"
    index = LineIndex(text, "utf-16")
    assert index.position(text.index("b")) == types.Position(1, 0)
    assert index.position(text.index("c")) == types.Position(2, 0)
    assert index.position(text.index("f")) == types.Position(3, 4)
    assert index.position(1) == types.Position(0, 1)  # between \r and \n: the line's end
    assert index.offset(types.Position(9, 9)) == len(text)
    assert index.offset(types.Position(0, 99)) == 1  # clamped to the line, before its break


def test_line_edits_rebuild_the_new_text():
    old = "one\ntwo 🔥 three\nfour\n"
    new = "one\ntwo 🔥 3\nfour\nfive\n"
    index = LineIndex(old, "utf-32")
    edits = line_edits(old, new, index)
    text = old
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = index.offset(edit.range.start), index.offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    assert text == new
    assert all(e.range.start.line >= 1 for e in edits)  # the unchanged first line is left alone


def test_code_action_kinds_follow_the_prefix_rule():
    assert kind_wanted("source.fixAll.blameless", None)
    assert kind_wanted("source.fixAll.blameless", ["source"])
    assert kind_wanted("source.fixAll.blameless", ["source.fixAll"])
    assert not kind_wanted("source.fixAll.blameless", ["quickfix"])
    assert not kind_wanted("quickfix", ["source.fixAll"])


# -- settings ----------------------------------------------------------------------------------

def test_settings_keep_only_blameless_keys():
    raw = {"enable": True, "select": [], "ignore": ["B104"], "severity": {}, "trace": {"server": "off"},
           "server": {"command": ["blameless-lsp"]}}
    assert clean_settings(raw) == {"enable": True, "ignore": ["B104"]}
    assert clean_settings({"blameless": {"ignore": ["timeline"]}}) == {"ignore": ["timeline"]}
    with pytest.raises(ConfigError):
        clean_settings(["B101"])


def test_debounce_from_init_options_or_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("BLAMELESS_LSP_DEBOUNCE_MS", raising=False)
    assert debounce_seconds(None) == 0.3
    assert debounce_seconds({"debounceMs": 0}) == 0
    monkeypatch.setenv("BLAMELESS_LSP_DEBOUNCE_MS", "50")
    assert debounce_seconds({}) == 0.05


def test_config_file_errors_and_repairs_are_noticed(tmp_path: Path):
    resolver = ConfigResolver()
    config = tmp_path / ".blameless.toml"
    config.write_text('ignore = ["B104"]\n', encoding="utf-8")
    assert resolver.resolve(tmp_path, {}).ignore == ("B104",)
    assert resolver.resolve(tmp_path, {"ignore": ["B101"]}).ignore == ("B104", "B101")
    config.write_text('ignore = ["B104"\n', encoding="utf-8")  # broken mid-edit
    os.utime(config, ns=(1, 1))  # a different mtime even on coarse file systems
    with pytest.raises(ConfigError, match="invalid TOML"):
        resolver.resolve(tmp_path, {})
    config.write_text('ignore = ["B105"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no rule"):
        resolver.resolve(tmp_path, {"ignore": ["B999"]})
    assert resolver.resolve(tmp_path, {}).ignore == ("B105",)


# -- the per-block result cache ----------------------------------------------------------------

PARAGRAPHS = [
    "Dave forgot to renew the certificate.",
    "Anna recklessly restarted every node at once.",
    "The cache cluster dropped connections for twelve minutes when the pool filled up.",
    "Prow broke the nightly build.",
    "The retry budget was shared across tenants, so one noisy tenant starved the rest.",
    "Marco acknowledged the page and started the failover runbook.",
    "The team carelessly skipped the canary stage.",
    "Nothing in the rollout checked the new timeout against the documented limit.",
]


def _document(paragraphs: list[str]) -> str:
    return "# Incident review\n\n## Root cause\n\n" + "\n\n".join(paragraphs) + \
        "\n\n## Action items\n\n- Add an alert on certificate expiry (owner: @sre, due 2025-03-01)\n"


def test_cached_results_equal_a_fresh_engine_across_edits():
    rng = random.Random(11)
    config = blameless.Config()
    cached, fresh = CachingEngine(config), Engine(config)
    paragraphs = list(PARAGRAPHS)
    for step in range(40):
        choice = rng.random()
        if choice < 0.4:
            paragraphs[rng.randrange(len(paragraphs))] = rng.choice(PARAGRAPHS)
        elif choice < 0.7:
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(PARAGRAPHS))
        elif len(paragraphs) > 2:
            paragraphs.pop(rng.randrange(len(paragraphs)))
        if step % 5 == 0:  # a tool name written in lower case elsewhere changes what "Prow" is
            paragraphs.append("Run `prow` again." if "Run `prow` again." not in paragraphs else "")
        text = _document(paragraphs)
        assert cached.check_text(text) == fresh.check_text(text), step
    assert cached.reused > 0


def test_one_paragraph_edit_parses_only_that_paragraph():
    pipeline = Pipeline()
    engine = CachingEngine(blameless.Config(), pipeline=pipeline)
    text = _document(PARAGRAPHS)
    engine.check_text(text)
    before = pipeline.parsed
    edited = text.replace("Dave forgot to renew the certificate.",
                          "Dave forgot to renew the certificate because the reminder went to an old list.")
    findings = engine.check_text(edited)
    assert pipeline.parsed - before == 1
    assert any(f.rule == "B101" and edited[f.span.start:f.span.end].startswith("Dave") for f in findings)
    engine.check_text(edited)
    assert pipeline.parsed - before == 1  # nothing new to parse


def test_cache_follows_words_the_whole_document_decides():
    """ "Prow broke the build" blames a person, unless `prow` is written in lower case elsewhere."""
    engine = CachingEngine(blameless.Config())
    base = ["Prow broke the nightly build.", "Nothing checked the new timeout."]
    flagged = lambda paragraphs: [f.rule for f in engine.check_text(_document(paragraphs))]  # noqa: E731
    assert "B101" in flagged(base)
    assert "B101" not in flagged(base + ["Run `prow` again to retry."])  # a tool, not a person
    assert "B101" in flagged(base)
