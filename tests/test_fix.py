"""`blameless fix` and `blameless.fix` as a user runs them: what is written, and what is not."""
from __future__ import annotations

import os
import stat

import pytest

import blameless

RECKLESS = "# Review\n\n## Root cause\n\nAnna recklessly restarted every node.\n"
FIXED = "# Review\n\n## Root cause\n\nAnna restarted every node.\n"


def test_fix_keeps_crlf_line_endings(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_bytes(RECKLESS.replace("\n", "\r\n").encode())
    assert cli("fix", str(doc)).returncode == 0
    assert doc.read_bytes() == FIXED.replace("\n", "\r\n").encode()


def test_fix_keeps_a_utf8_byte_order_mark(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_bytes(b"\xef\xbb\xbf" + RECKLESS.encode())
    assert cli("fix", str(doc)).returncode == 0
    assert doc.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()
    piped = cli("fix", "-", input="\ufeff" + RECKLESS)
    assert piped.stdout == "\ufeff" + FIXED


def test_fix_through_a_symlink_edits_the_target_and_keeps_the_link(cli, tmp_path):
    target = tmp_path / "real.md"
    target.write_text(RECKLESS)
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    assert cli("fix", str(link)).returncode == 0
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert target.read_text() == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fix_refuses_a_read_only_file_and_leaves_it_intact(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(RECKLESS)
    doc.chmod(0o444)
    try:
        result = cli("fix", str(doc))
        assert result.returncode == 2
        assert "read-only" in result.stderr and "pm.md" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert doc.read_text() == RECKLESS
        assert stat.S_IMODE(doc.stat().st_mode) == 0o444
    finally:
        doc.chmod(0o644)


def test_fix_on_a_folder_with_a_read_only_file_fixes_the_rest_and_exits_2(cli, tmp_path):
    (tmp_path / "a.md").write_text(RECKLESS)
    locked = tmp_path / "b.md"
    locked.write_text(RECKLESS)
    locked.chmod(0o444)
    try:
        result = cli("fix", str(tmp_path))
        assert result.returncode == 2
        assert (tmp_path / "a.md").read_text() == FIXED
        assert locked.read_text() == RECKLESS
        assert "b.md" in result.stderr and "Traceback" not in result.stderr
    finally:
        locked.chmod(0o644)


def test_a_write_that_fails_is_one_line_and_exit_2(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from blameless import cli as cli_module
    from blameless import safe_write

    doc = tmp_path / "pm.md"
    doc.write_text(RECKLESS)

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.tempfile, "mkstemp", no_space)
    result = CliRunner().invoke(cli_module.main, ["fix", str(doc)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    assert doc.read_text() == RECKLESS


@pytest.mark.parametrize("sentence,expected", [
    ("Anna recklessly and carelessly restarted every node.", "Anna restarted every node."),
    ("Anna quickly and recklessly restarted every node.", "Anna quickly restarted every node."),
    ("Anna recklessly and quickly restarted every node.", "Anna quickly restarted every node."),
    ("Anna restarted the node recklessly and then left.", "Anna restarted the node and then left."),
])
def test_removing_one_of_two_joined_adverbs_leaves_a_sentence(sentence, expected):
    fixed = blameless.fix(f"## Root cause\n\n{sentence}\n")
    assert fixed == f"## Root cause\n\n{expected}\n"
    assert blameless.fix(fixed) == fixed


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_fix_keeps_the_files_owner(cli, tmp_path):
    doc = tmp_path / "pm.md"
    doc.write_text(RECKLESS)
    os.chown(doc, 65534, 65534)
    assert cli("fix", str(doc)).returncode == 0
    assert doc.read_text() == FIXED
    assert (doc.stat().st_uid, doc.stat().st_gid) == (65534, 65534)
