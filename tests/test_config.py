"""Configuration files and selectors, as a user writes them."""
from __future__ import annotations

import json

import pytest

import blameless
from blameless.config import ConfigError, find_config_file, load_config

DOC = ("# Review\n\n## Root cause\n\nDave forgot to renew the certificate.\n\n"
       "Anna recklessly restarted every node.\n")


def rules_found(cli, *args, cwd=None) -> set[str]:
    result = cli("check", "--format", "json", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "pm.md"
    path.write_text(DOC)
    return path


def test_blameless_toml_wins_over_pyproject_in_the_same_folder_and_nearest_wins(cli, tmp_path, doc):
    (tmp_path / "pyproject.toml").write_text('[tool.blameless]\nignore = ["B101"]\n')
    (tmp_path / ".blameless.toml").write_text('ignore = ["B104"]\n')
    assert rules_found(cli, str(doc)) == {"B101"}
    nested = tmp_path / "sub"
    nested.mkdir()
    (nested / "pyproject.toml").write_text('[tool.blameless]\nignore = ["B101"]\n')
    (nested / "pm.md").write_text(DOC)
    assert rules_found(cli, str(nested / "pm.md")) == {"B104"}


def test_selectors_prefixes_case_and_specificity(cli, tmp_path, doc):
    cfg = tmp_path / "c.toml"
    for body, expected in [
        ('select = ["B10"]\n', {"B101", "B104"}),
        ('select = ["ALL"]\nignore = ["Blame"]\n', set()),
        ('ignore = ["B1"]\nselect = ["b101"]\n', {"B101"}),  # the more specific selector wins
        ('severity = { B1 = "off" }\n', set()),
        ('severity = { blame = "off", B101 = "error" }\n', {"B101"}),
    ]:
        cfg.write_text(body)
        assert rules_found(cli, "--config", str(cfg), str(doc)) == expected, body


def test_command_line_select_overrides_the_config_files_ignore(cli, tmp_path, doc):
    """As in ruff: `--select B101` shows B101 even when the project's config ignores it."""
    (tmp_path / ".blameless.toml").write_text('ignore = ["B101", "B104"]\n')
    assert rules_found(cli, str(doc)) == set()
    assert rules_found(cli, "--select", "B101", str(doc)) == {"B101"}
    assert rules_found(cli, "--select", "blame", "--ignore", "B104", str(doc)) == {"B101"}
    assert rules_found(cli, "--ignore", "B1", str(doc)) == set()  # --ignore adds to the config's


def test_rule_options_with_lists_do_not_crash(cli, tmp_path, doc):
    (tmp_path / ".blameless.toml").write_text('[rules.A203]\nallowed = ["platform team"]\n')
    result = cli("check", str(doc))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert [f.rule for f in blameless.check(DOC, config=tmp_path / ".blameless.toml")] == ["B101", "B104"]


def test_a_broken_pyproject_with_our_table_is_an_error_not_silently_skipped(cli, tmp_path, doc):
    (tmp_path / "pyproject.toml").write_text('[tool.blameless]\nignore = ["B101"\n')
    result = cli("check", str(doc))
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr and "invalid TOML" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x\n')  # not ours: skipped
    assert find_config_file(doc) is None


def test_missing_explicit_config_and_pyproject_without_our_table(cli, tmp_path, doc):
    result = cli("check", "--config", str(tmp_path / "nope.toml"), str(doc))
    assert result.returncode == 2 and "config file not found" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config(tmp_path / "pyproject.toml").select == ("all",)  # defaults
    with pytest.raises(ConfigError, match="unknown key"):
        load_config_text(tmp_path, "selct = ['B1']\n")


def load_config_text(tmp_path, text):
    path = tmp_path / "x.toml"
    path.write_text(text)
    return load_config(path)


def test_extend_rules_resolve_relative_to_the_config_file(tmp_path, monkeypatch):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / ".blameless.toml").write_text('extend-rules = ["packs/ours.yml"]\n')
    monkeypatch.chdir(tmp_path)
    cfg = load_config(tmp_path / "cfg" / ".blameless.toml")
    assert cfg.extend_rules == (str(tmp_path / "cfg" / "packs" / "ours.yml"),)
