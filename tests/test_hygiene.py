"""The repository stands on its own: a licence, docs that point only inside it, and a README
that documents every configuration key and keeps its two set-up commands."""
from __future__ import annotations

import re

from blameless import config
from conftest import ROOT


def test_mit_licence_at_the_root():
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "Permission is hereby granted" in text


def test_docs_point_only_inside_the_repository():
    for doc in ("README.md", "docs/ARCHITECTURE-BRIEF.md", "docs/DESIGN.md"):
        text = (ROOT / doc).read_text()
        assert "../" not in text, doc
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if "://" not in target:
                assert (ROOT / doc).parent.joinpath(target).exists(), (doc, target)


def test_readme_documents_every_config_key():
    readme = (ROOT / "README.md").read_text()
    block = readme[readme.index("```toml\n[tool.blameless]"):]
    block = block[:block.index("```\n", 8)]
    block = block.split("\n[tool.blameless.", 1)[0]  # rule options sub-tables come after the keys
    documented = set(re.findall(r"^([a-z-]+) =", block, re.M))
    assert documented == config._KEYS


def test_readme_keeps_its_two_set_up_commands():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(python3 -m venv .venv && .*)\n```", readme)
    assert len(commands) == 2
    assert "blameless check examples/sample-postmortem.md" in commands[0]
    assert "-m pytest" in commands[1]
