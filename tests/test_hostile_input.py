"""Bad input never gives a traceback, a hang or a wrong exit code (issue 13); `fix` never loses
a line; output is reproducible."""
from __future__ import annotations

import json
import os
import pytest

import blameless
from blameless import BlamelessError, Config, ConfigError, InputError, ModelNotFound, RulePackError
from blameless.safe_write import write_fixed

RECKLESS = "# Review\n\n## Root cause\n\nAnna recklessly restarted every node.\n"
FIXED = "# Review\n\n## Root cause\n\nAnna restarted every node.\n"


def one_error_line(result, *words):
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in words), result.stderr


def test_library_errors_are_typed():
    for error in (ConfigError, RulePackError, ModelNotFound, InputError):
        assert issubclass(error, BlamelessError)
    assert set(blameless.__all__) >= {"BlamelessError", "InputError", "ModelNotFound", "CheckIncomplete"}


def test_tool_that_is_not_a_table_is_a_config_error(cli, tmp_path):
    (tmp_path / ".blameless.toml").write_text("tool = 3\n")
    (tmp_path / "pm.md").write_text(RECKLESS)
    one_error_line(cli("check", str(tmp_path / "pm.md")), ".blameless.toml", "tool")


@pytest.mark.parametrize("model,words", [
    ("blank:en", ("blank spaCy pipeline", "no tagger or parser")),
    ("folder", ("cannot load spaCy pipeline",)),
])
def test_unusable_models_are_named_accurately(cli, tmp_path, model, words):
    if model == "folder":  # a model folder whose config names a factory nobody registered
        folder = tmp_path / "mymodel"
        folder.mkdir()
        (folder / "meta.json").write_text(json.dumps({"lang": "en", "name": "x", "version": "0.0.0",
                                                      "pipeline": ["nope"], "components": ["nope"]}))
        (folder / "config.cfg").write_text('[nlp]\nlang = "en"\npipeline = ["nope"]\n\n'
                                           '[components]\n\n[components.nope]\nfactory = "no_such_factory"\n')
        model = str(folder)
    (tmp_path / ".blameless.toml").write_text(f"model = {json.dumps(model)}\n")
    (tmp_path / "pm.md").write_text(RECKLESS)
    result = cli("check", str(tmp_path / "pm.md"))
    if words[0] == "cannot load spaCy pipeline":  # a model that fails to load: one warning, then
        lines = result.stderr.strip().splitlines()  # the next pipeline checks the file
        assert "Traceback" not in result.stderr and result.returncode == 1
        assert len(lines) == 1 and "warning" in lines[0] and words[0] in lines[0], result.stderr
    else:
        one_error_line(result, *words)


def test_devices_and_fifos_are_refused_not_read(cli, tmp_path):
    one_error_line(cli("check", "/dev/zero"), "/dev/zero", "not a regular file")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    one_error_line(cli("check", str(fifo)), "pipe.md", "FIFO")


def test_one_bad_file_is_skipped_and_the_others_reported_in_every_format(cli, tmp_path):
    good = tmp_path / "good.md"
    good.write_text(RECKLESS)
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe not text")
    for fmt in ("json", "sarif", "github", "text"):
        result = cli("check", "--format", fmt, "--fail-on", "never", str(bad), str(good))
        assert result.returncode == 0 and "Traceback" not in result.stderr
        assert "bad.md" in result.stderr and "skipped" in result.stderr
        assert "B1" in result.stdout, fmt
    report = json.loads(cli("check", "--format", "json", str(bad), str(good)).stdout)
    assert {f["path"] for f in report["findings"]} == {str(good)}


def test_lone_cr_and_surrogates_on_the_command_line(cli, tmp_path):
    doc = tmp_path / "cr.md"
    doc.write_bytes(b"a\rb")
    result = cli("check", str(doc))
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_a_paragraph_longer_than_spacys_limit_is_checked_within_its_budget():
    """Only its one candidate sentence is parsed, so it finishes: no CheckIncomplete, and the
    blame at its very end is found."""
    import warnings

    text = "## Root cause\n\n" + "The queue grew. " * 70_000 + "Anna recklessly restarted every node.\n"
    assert len(text) > 1_000_000  # spaCy refuses texts this long in one piece
    with warnings.catch_warnings():
        warnings.simplefilter("error", blameless.CheckIncomplete)
        findings = blameless.check(text, config=Config(select=("B1",), time_budget=60))
    assert any("recklessly" in text[f.span.start:f.span.end] for f in findings)


@pytest.mark.parametrize("section, before, after, flagged", [
    # the "in the future" commitment pattern
    ("Root cause", "More cache alerts", "will be added in the future.",
     "will be added in the future."),
    # where an action item's words end ("(owner: ...)")
    ("Action items", "- Improve the cache warm-up", "(owner: Dana)", "Improve the cache warm-up"),
])
def test_a_long_run_of_spaces_is_checked_within_its_budget(section, before, after, flagged):
    """Patterns that began with `\\s*` or `\\s+` once tried every space of a run as a start:
    32,000 spaces took 30-40 s, past the check's budget. Now the check finishes and finds the
    vague item on either side of the run."""
    import warnings

    text = f"## {section}\n\n{before}" + " " * 32_000 + f"{after}\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error", blameless.CheckIncomplete)
        findings = blameless.check(text, config=Config(time_budget=10))
    [finding] = [f for f in findings if f.rule == "A201"]
    assert text[finding.span.start:finding.span.end].endswith(flagged)


def test_a_paragraph_is_parsed_in_pieces_that_join_back():
    from blameless.nlp import PIECE, _pieces

    text = "## Root cause\n\n" + "The queue grew. " * (PIECE // 16 + 200) + "Anna recklessly restarted every node.\n"
    pieces = _pieces(text)
    assert len(pieces) == 2 and "".join(pieces) == text and all(len(p) <= PIECE for p in pieces)
    [finding] = [f for f in blameless.check(text, config=Config(select=("B1",))) if f.rule[:2] == "B1"]
    assert text[finding.span.start:finding.span.end].startswith("Anna") or "recklessly" in \
        text[finding.span.start:finding.span.end]


def test_text_report_strips_terminal_escape_sequences(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Root cause\n\nAnna recklessly restarted every node \x1b]0;pwned\x07 \x1b[2J now.\n")
    result = cli("check", str(doc))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "recklessly" in result.stdout
    lines = result.stdout.splitlines()
    source = next(n for n, line in enumerate(lines) if "restarted every node" in line)
    assert lines[source].index("recklessly") == lines[source + 1].index("^")  # underline lines up


def test_findings_that_tie_have_one_order():
    text = "## Timeline (UTC)\n\n- 14:02 Anna obviously recklessly restarted every node.\n"
    runs = {json.dumps([(f.rule, f.span.start, f.message) for f in blameless.check(text)])
            for _ in range(3)}
    assert len(runs) == 1
    findings = blameless.check(text)
    assert findings == sorted(findings, key=lambda f: (f.span.start, f.span.end, f.rule, f.message))


def test_json_output_is_byte_identical_across_processes(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text("# Review\n\n## Timeline\n\n- Anna obviously, recklessly, carelessly restarted it.\n")
    first, second = (cli("check", "--format", "json", str(doc)).stdout for _ in range(2))
    assert first == second


# -- fix -------------------------------------------------------------------------------------------

def test_fix_refuses_when_the_file_changed_since_it_was_read(tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(RECKLESS)
    original = doc.read_bytes()
    with open(doc, "a") as handle:  # the writer saves a new line while fix is working
        handle.write("- New action item.\n")
    with pytest.raises(InputError, match="changed while it was being fixed"):
        write_fixed(str(doc), original, FIXED)
    assert doc.read_text() == RECKLESS + "- New action item.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]  # no temporary file left behind


def test_fix_refuses_to_split_hard_links(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(RECKLESS)
    os.link(doc, tmp_path / "other.md")
    one_error_line(cli("fix", str(doc)), "pm.md", "hard links")
    assert (tmp_path / "other.md").read_text() == RECKLESS == doc.read_text()
    assert os.stat(doc).st_ino == os.stat(tmp_path / "other.md").st_ino


def test_fix_on_a_folder_does_not_follow_a_symlink_out_of_it(cli, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(RECKLESS)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "pm.md").write_text(RECKLESS)
    (folder / "escape.md").symlink_to(outside)
    result = cli("fix", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "pm.md").read_text() == FIXED
    assert outside.read_text() == RECKLESS
    assert "escape.md" in result.stderr and "outside" in result.stderr


@pytest.mark.parametrize("code", ["`` `Anna recklessly` ``", "` Anna recklessly `", "`recklessly `",
                                  "``recklessly` ``"])
def test_fix_never_edits_inside_inline_code(code):
    text = f"# Review\n\n## Root cause\n\nSee {code}. Anna recklessly restarted every node.\n"
    fixed = blameless.fix(text)
    assert code in fixed and "Anna restarted every node" in fixed


def test_fixed_file_is_complete_after_the_write(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(RECKLESS)
    assert cli("fix", str(doc)).returncode == 0
    assert doc.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pm.md"]
