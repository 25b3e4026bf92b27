"""The language server under hostile input (issue 13), over stdio with pytest-lsp: a slow check
does not hold up other documents or requests, a failed check replaces stale diagnostics, and
`python -m blameless_lsp` never imports the workspace's modules."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from test_lsp import BLAME, CONFIG, LOOP, WAIT_S, open_doc, position_in, published, stats, uri_for

ROOT = Path(__file__).resolve().parent.parent
SLOW_PACK = """
rules:
  - id: B190
    name: slow-pattern
    category: blame
    severity: warning
    patterns: [[{"TEXT": {"REGEX": "^(a|aa)+b$"}}]]
    message: m
    rationale: r
    suggestion: s
    examples: {flag: [x], pass: [y]}
"""


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def editor(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"settings": {}}))
    yield
    await lsp_client.shutdown_session()


async def next_publish(client: LanguageClient, uri: str, after: int) -> types.PublishDiagnosticsParams:
    """The first publishDiagnostics for `uri` after the first `after` ones of the session."""
    async def wait():
        while True:
            for params in client.published[after:]:
                if params.uri == uri:
                    return params
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return await asyncio.wait_for(wait(), WAIT_S)


@LOOP
async def test_hover_and_other_documents_are_answered_while_a_slow_check_runs(
        editor: LanguageClient, tmp_path: Path):
    slow = tmp_path / "slow"
    slow.mkdir()
    (slow / "pack.yml").write_text(textwrap.dedent(SLOW_PACK))
    (slow / ".blameless.toml").write_text('extend-rules = ["pack.yml"]\ntime-budget = 10\n')
    slow_uri = uri_for(slow)
    open_doc(editor, slow_uri, "# Review\n\n## Root cause\n\n" + "a" * 60 + "!\n")

    fine = tmp_path / "fine"
    fine.mkdir()
    text = f"# Review\n\n## Root cause\n\n{BLAME}\n"
    fine_uri = uri_for(fine)
    open_doc(editor, fine_uri, text)
    hover = await asyncio.wait_for(editor.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=fine_uri),
        position=position_in(text, "forgot", "utf-16"))), WAIT_S)
    assert hover is not None and "B101" in hover.contents.value
    assert "B101" in [d.code for d in await published(editor, fine_uri, 1)]
    # ...all while the slow document is still being checked:
    assert not any(p.uri == slow_uri for p in editor.published)

    diagnostics = await published(editor, slow_uri, 1)
    budget = [d for d in diagnostics if d.code == "budget"]
    assert len(budget) == 1 and "time budget" in budget[0].message
    assert budget[0].severity == types.DiagnosticSeverity.Warning


@LOOP
async def test_an_edit_cancels_the_check_of_the_replaced_version(editor: LanguageClient, tmp_path: Path):
    (tmp_path / "pack.yml").write_text(textwrap.dedent(SLOW_PACK))
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["pack.yml"]\ntime-budget = 3600\n')
    uri = uri_for(tmp_path)
    open_doc(editor, uri, "# Review\n\n## Root cause\n\n" + "a" * 60 + "!\n")
    while (await stats(editor))["running"] == 0:  # the hour-long check has started
        await asyncio.sleep(0.05)
    editor.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(
            text=f"# Review\n\n## Root cause\n\n{BLAME}\n")]))
    assert "B101" in [d.code for d in await published(editor, uri, 2)]

    async def abandoned():  # only cancelling can stop a check with an hour of budget left
        while (await stats(editor))["running"]:
            await asyncio.sleep(0.1)
    await asyncio.wait_for(abandoned(), WAIT_S)
    assert not any(p.uri == uri and p.version == 1 for p in editor.published)


@LOOP
async def test_a_failed_check_replaces_the_stale_diagnostics(editor: LanguageClient, tmp_path: Path):
    config = tmp_path / ".blameless.toml"
    config.write_text("")
    uri = uri_for(tmp_path)
    open_doc(editor, uri, f"# Review\n\n## Root cause\n\n{BLAME}\n")
    assert "B101" in [d.code for d in await published(editor, uri, 1)]

    seen = len(editor.published)
    config.write_text('model = "blank:en"\n')
    editor.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri_for(tmp_path, ".blameless.toml"))))
    params = await next_publish(editor, uri, seen)
    assert [d.code for d in params.diagnostics] == ["check-failed"]
    failed = params.diagnostics[0]
    assert failed.message.startswith("blameless: check failed:") and "blank" in failed.message
    assert failed.severity == types.DiagnosticSeverity.Error


def test_python_m_blameless_lsp_does_not_import_from_the_working_directory(tmp_path):
    (tmp_path / "yaml.py").write_text("raise SystemExit('imported the workspace yaml.py')\n")
    (tmp_path / "blameless.py").write_text("raise SystemExit('imported the workspace blameless.py')\n")
    result = subprocess.run([sys.executable, "-m", "blameless_lsp", "--version"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("blameless-lsp ") and "imported" not in result.stderr


def test_vscode_extension_declares_untrusted_workspace_behaviour():
    manifest = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text())
    untrusted = manifest["capabilities"]["untrustedWorkspaces"]
    assert untrusted["supported"] == "limited" and untrusted["description"]
    # The settings that choose the program to run cannot come from an untrusted workspace.
    assert set(untrusted["restrictedConfigurations"]) == {"blameless.path", "blameless.interpreter"}
    assert set(untrusted["restrictedConfigurations"]) <= set(manifest["contributes"]["configuration"]["properties"])
