"""The library API other tools import."""
from __future__ import annotations

import subprocess
import sys

import blameless
from blameless import Config, Finding, Severity
from blameless.nlp import shared_pipeline


def test_check_returns_typed_findings_with_positions():
    findings = blameless.check("## Root cause\n\nDave forgot to renew the certificate.\n")
    assert [type(f) for f in findings] == [Finding]
    f = findings[0]
    assert (f.rule, f.category, f.severity, f.line, f.column) == ("B101", "blame", Severity.WARNING, 3, 1)
    assert f.suggestion and "renewing the certificate" in f.suggestion.lower()


def test_public_names_are_exported():
    for name in ("check", "fix", "Finding", "Config", "Severity", "Span", "Fix", "TextEdit"):
        assert name in blameless.__all__ and hasattr(blameless, name)


def test_config_selects_and_overrides_severity():
    text = "## Root cause\n\nDave forgot to renew the certificate.\n"
    assert blameless.check(text, config=Config(ignore=("blame",))) == []
    cfg = Config().merged({"severity": {"B101": "error"}})
    assert blameless.check(text, config=cfg)[0].severity is Severity.ERROR
    assert blameless.check(text, config=Config().merged({"severity": {"B1": "off"}})) == []


def test_fix_is_idempotent_and_only_applies_safe_fixes():
    text = "## Root cause\n\nAnna recklessly restarted every node. Human error.\n"
    fixed = blameless.fix(text)
    assert fixed == "## Root cause\n\nAnna restarted every node. Human error.\n"
    assert blameless.fix(fixed) == fixed


def test_an_edit_reparses_only_the_paragraph_it_touched():
    pipeline = shared_pipeline()
    paragraphs = [f"Service {i} failed because Dave ran job {i} on the wrong cluster." for i in range(20)]
    text = "## Root cause\n\n" + "\n\n".join(paragraphs) + "\n"
    blameless.check(text)
    before = pipeline.parsed
    edited = text.replace("job 7 on", "job 77 on")
    assert len(blameless.check(edited)) == len(blameless.check(text))
    assert pipeline.parsed - before == 1


def test_import_does_not_load_spacy():
    code = "import sys, blameless, blameless.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_a_leading_byte_order_mark_does_not_hide_the_first_heading_or_front_matter():
    """Text read with encoding="utf-8" (not utf-8-sig) keeps the BOM; headings must still count."""
    timeline = "## Timeline (UTC)\n\n- 09:12 Irene unfortunately restarted the cache\n"
    assert [(f.rule, f.line, f.column) for f in blameless.check("\ufeff" + timeline)] == [("T301", 3, 15)]
    front = "\ufeff---\nsummary: The purge came down to operator error.\n...\n\n## Root cause\n\nA bad config.\n"
    assert blameless.check(front) == []
