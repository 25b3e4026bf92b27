"""A postmortem not written in English gets one warning naming the file and the language, and
no findings (the rules are English); no English postmortem gets the warning."""
from __future__ import annotations

from pathlib import Path

import pytest

from blameless import language
from blameless.document import parse
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "language"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.parametrize("name,label", [("postmortem-de.md", "German (de)"), ("postmortem-fr.md", "French (fr)")])
def test_non_english_postmortem_gets_one_warning_and_no_findings(cli, name, label):
    path = FIXTURES / name
    result = cli("check", str(path))
    assert result.returncode == 0
    assert result.stderr == f"blameless: warning: {path}: written in {label}, not English; not checked\n"
    assert result.stdout.strip() == "All clear: no findings in 1 file."
    again = cli("check", "--format", "json", str(path))  # from the cache: the same warning
    assert again.stderr == result.stderr and '"findings": []' in again.stdout


def test_english_postmortems_do_not_get_the_warning(cli, tmp_path):
    short = tmp_path / "short.md"
    short.write_text("# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n")
    quoting = tmp_path / "quote.md"
    quoting.write_text("# Review\n\n## Summary\n\nThe German status page said \"Der Dienst ist derzeit "
                       "nicht erreichbar\" for an hour while the API was down. We moved the status page "
                       "to a separate host so that it reports outages of the API it watches.\n")
    result = cli("check", str(short), str(quoting), str(ROOT / "examples" / "sample-postmortem.md"))
    assert "not English" not in result.stderr
    assert "B101" in result.stdout


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_no_file_of_the_english_corpus_is_taken_for_another_language():
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".txt"))
    assert len(files) > 100
    flagged = [p.name for p in files if language.non_english(parse(p.read_text(encoding="utf-8"), path=str(p)))]
    assert flagged == []


def test_terse_english_notes_are_english_without_loading_the_identifier(monkeypatch):
    """A postmortem of short fragments has few function words; its dictionary words still tell
    it is English, so the one-second identifier is not loaded for it."""
    notes = ("# Cache outage\n\n- Detected: 09:12 via latency alarm\n- Resolved: 10:03\n"
             "- Impact: checkout errors, roughly four percent of orders\n- Cause: stale node pool\n"
             "- Resolution: pool drained, nodes replaced\n- Follow-up: capacity alarm per pool\n")
    monkeypatch.setattr(language, "_identifier", None)
    assert language.non_english(parse(notes, path="notes.md")) is None
    assert language._identifier is None
    german = (FIXTURES / "postmortem-de.md").read_text(encoding="utf-8")
    assert language.non_english(parse(german, path="de.md")) == "de"
