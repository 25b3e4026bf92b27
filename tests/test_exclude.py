"""`exclude` / `extend-exclude` globs and `per-file-ignores`, as ruff has them."""
from __future__ import annotations

import json
from pathlib import Path

BLAME = "# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n"


def checked(cli, *args, cwd: Path) -> set[str]:
    data = json.loads(cli("check", "--format", "json", "--select", "B101", *args, cwd=cwd).stdout)
    return {Path(f["path"]).as_posix() for f in data["findings"]}


def tree(root: Path) -> Path:
    for name in ("notes.md", "archive/2019/old.md", "drafts/wip.md", ".github/template.md",
                 "team/drafts/x.md", "node_modules/pkg/README.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(BLAME)
    return root


def test_default_exclude_and_extend_exclude(cli, tmp_path):
    tree(tmp_path)
    assert checked(cli, ".", cwd=tmp_path) == {"notes.md", "archive/2019/old.md", "drafts/wip.md", "team/drafts/x.md"}
    (tmp_path / ".blameless.toml").write_text('extend-exclude = ["drafts", "archive/2019/*.md"]\n')
    assert checked(cli, ".", cwd=tmp_path) == {"notes.md"}
    # a file named on the command line is checked; --force-exclude (pre-commit) skips it
    assert checked(cli, "drafts/wip.md", cwd=tmp_path) == {"drafts/wip.md"}
    forced = cli("check", "--force-exclude", "drafts/wip.md", cwd=tmp_path)
    assert forced.returncode == 0 and forced.stdout == ""
    # a folder named on the command line is searched even when it is excluded by default
    assert checked(cli, ".github", cwd=tmp_path) == {".github/template.md"}


def test_exclude_replaces_the_defaults(cli, tmp_path):
    tree(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.blameless]\nexclude = ["archive"]\n')
    assert checked(cli, ".", cwd=tmp_path) == {"notes.md", "drafts/wip.md", ".github/template.md",
                                               "team/drafts/x.md", "node_modules/pkg/README.md"}


def test_per_file_ignores(cli, tmp_path):
    tree(tmp_path)
    (tmp_path / ".blameless.toml").write_text(
        'per-file-ignores = { "archive/**" = ["B1"], "wip.md" = ["blame"], "!notes.md" = ["B101"] }\n')
    assert checked(cli, ".", cwd=tmp_path) == {"notes.md"}
    (tmp_path / ".blameless.toml").write_text('per-file-ignores = { "archive/**" = ["B1"] }\n')
    assert checked(cli, "archive", "notes.md", cwd=tmp_path) == {"notes.md"}
    # globs are relative to the config file's folder, wherever blameless runs from
    assert checked(cli, "../archive", cwd=tmp_path / "team") == set()


def test_bad_path_settings_are_one_line_errors(cli, tmp_path):
    (tmp_path / "pm.md").write_text(BLAME)
    for setting, expected in (('exclude = "drafts"', "exclude: must be a list of glob patterns"),
                              ('per-file-ignores = ["x"]', "per-file-ignores: must be a table"),
                              ('per-file-ignores = { "x.md" = ["Z9"] }', "unknown rule or category 'Z9'"),
                              ('cache-dir = 3', "cache-dir: must be a folder path")):
        (tmp_path / ".blameless.toml").write_text(setting + "\n")
        result = cli("check", "pm.md", cwd=tmp_path)
        assert result.returncode == 2 and expected in result.stderr, (setting, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
