"""End to end: the real blameless-lsp over stdio, driven by pytest-lsp.

Two editors' worth of clients, each module-scoped so spaCy loads once per server:
- `vscode`: VS Code-like capabilities (UTF-16 positions, diagnostics pushed, code-action resolve);
- `nvim`: Neovim 0.11-like capabilities (UTF-8 positions, diagnostics pulled), started with
  initializationOptions settings.
Each test opens its own document (its own URI) so the tests do not depend on one another.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.lsp.client import LanguageClient as PyglsClient
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lsp"
POSTMORTEM = (FIXTURES / "postmortem.md").read_text(encoding="utf-8")
BLAME = "Dave forgot to renew the certificate."
EMOJI_LINE = "🔥🔥 事故 Anna recklessly restarted every node at once."
SERVER = [sys.executable, "-m", "blameless_lsp"]
LOOP = pytest.mark.asyncio(loop_scope="module")
WAIT_S = 120  # a generous ceiling so a broken server fails the test instead of hanging it


# -- a client that keeps every publishDiagnostics, not only the latest ---------------------------

def publish_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published = getattr(client, "published", [])
    client.published.append(params)


def register_capability(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations = getattr(client, "registrations", [])
    client.registrations.extend(r.method for r in params.registrations)


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES,
                                   types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish_diagnostics,
                                   types.CLIENT_REGISTER_CAPABILITY: register_capability})
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def vscode(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"settings": {"enable": True, "select": [], "ignore": [], "severity": {}}}))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(scope="module", config=CONFIG)
async def nvim(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"),
        initialization_options={"settings": {"enable": True, "select": [], "ignore": [],
                                             "severity": {"B101": "error"}}}))
    yield
    await lsp_client.shutdown_session()


# -- helpers -------------------------------------------------------------------------------------

def units(text: str, encoding: str) -> int:
    """Length of `text` in the code units of an LSP position encoding (independent of the server)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def offset_of(text: str, position: types.Position, encoding: str) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    count = 0
    for i, char in enumerate(line):
        if count >= position.character:
            return start + i
        count += units(char, encoding)
    return start + len(line)


def apply_edit(text: str, uri: str, edit: types.WorkspaceEdit, encoding: str) -> str:
    edits: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert change.text_document.uri == uri
        edits.extend(change.edits)
    edits.extend((edit.changes or {}).get(uri, []))
    assert edits, "the workspace edit changes nothing"
    spans = sorted(((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding),
                     e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def position_in(text: str, needle: str, encoding: str, delta: int = 0) -> types.Position:
    at = text.index(needle) + delta
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return types.Position(line=line, character=units(text[start:at], encoding))


def uri_for(tmp_path: Path, name: str = "postmortem.md") -> str:
    return from_fs_path(str(tmp_path / name))


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))


def change(client: LanguageClient, uri: str, version: int, start: types.Position,
           end: types.Position, new_text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=start, end=end), text=new_text)]))


async def published(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """Wait for the server to push diagnostics for this version of the document."""
    async def wait():
        while True:
            for params in reversed(client.published):
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return await asyncio.wait_for(wait(), WAIT_S)


async def pulled(client: LanguageClient, uri: str, previous: str | None = None):
    return await asyncio.wait_for(client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=previous)), WAIT_S)


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def only(diagnostics, code: str) -> types.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, f"expected one {code}: {diagnostics}"
    return found[0]


async def stats(client: LanguageClient) -> dict:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="blameless.serverStats"))


# -- VS Code: UTF-16, push ---------------------------------------------------------------------

@LOOP
async def test_vscode_diagnostics_at_utf16_positions(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    diagnostics = await published(vscode, uri, 1)
    blame = only(diagnostics, "B101")
    # The sentence up to its full stop.
    assert blame.range == types.Range(start=types.Position(8, 0), end=types.Position(8, len(BLAME) - 1))
    assert blame.source == "blameless"
    assert blame.severity == types.DiagnosticSeverity.Warning
    assert blame.code_description.href.endswith("/docs/rules.md#b101")
    assert blame.message.startswith("Blames a person")
    assert "\n" in blame.message  # the suggestion follows on its own line
    # Two emoji (2 UTF-16 units each) and two CJK characters (1 each) precede the finding.
    judged = only(diagnostics, "B104")
    assert EMOJI_LINE[11:21] == "recklessly"
    assert judged.range == types.Range(start=types.Position(10, 13), end=types.Position(10, 23))


@LOOP
async def test_vscode_quick_fix_removes_the_judging_word(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    judged = only(await published(vscode, uri, 1), "B104")
    actions = await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=judged.range,
        context=types.CodeActionContext(diagnostics=[judged])))
    preferred = [a for a in actions if a.is_preferred]
    assert len(preferred) == 1 and preferred[0].kind == types.CodeActionKind.QuickFix
    assert "recklessly" in preferred[0].title
    fixed = apply_edit(POSTMORTEM, uri, preferred[0].edit, "utf-16")
    assert "🔥🔥 事故 Anna restarted every node at once." in fixed.split("\n")
    assert fixed.replace("🔥🔥 事故 Anna restarted", "🔥🔥 事故 Anna recklessly restarted") == POSTMORTEM
    assert any(a.title == "Disable B104 for this line" for a in actions)


@LOOP
async def test_vscode_quick_fix_puts_the_redaction_placeholder_in_place(vscode: LanguageClient, tmp_path: Path):
    (tmp_path / ".blameless.toml").write_text('profile = "public"\n', encoding="utf-8")
    uri = uri_for(tmp_path, "public.md")
    text = "# Review\n\nWrites to db-2.payments.internal failed, then db-2.payments.internal recovered.\n"
    open_doc(vscode, uri, text)
    hosts = [d for d in await published(vscode, uri, 1) if d.code == "R506"]
    assert len(hosts) == 2
    actions = await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=hosts[1].range,
        context=types.CodeActionContext(diagnostics=[hosts[1]])))
    preferred = [a for a in actions if a.is_preferred]
    assert preferred[0].title.startswith("Replace with [internal host 1]")  # the same host, the same number
    fixed = apply_edit(text, uri, preferred[0].edit, "utf-16")
    assert fixed == text.replace("then db-2.payments.internal", "then [internal host 1]")


@LOOP
async def test_vscode_disable_for_this_line_silences_the_finding(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    text = POSTMORTEM.replace(BLAME, "  " + BLAME)  # indented: the comment takes the indentation
    open_doc(vscode, uri, text)
    blame = only(await published(vscode, uri, 1), "B101")
    actions = await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=blame.range,
        context=types.CodeActionContext(diagnostics=[blame], only=[types.CodeActionKind.QuickFix])))
    disable = next(a for a in actions if a.title == "Disable B101 for this line")
    new_text = apply_edit(text, uri, disable.edit, "utf-16")
    lines = new_text.split("\n")
    assert lines[8:10] == ["  <!-- blameless-disable-next-line B101 -->", "  " + BLAME]
    assert not any(a.kind and a.kind.startswith("source") for a in actions)  # `only` honoured
    # Send the edit the way an editor would (incremental), then the finding is gone.
    change(vscode, uri, 2, types.Position(8, 0), types.Position(8, 0),
           "  <!-- blameless-disable-next-line B101 -->\n")
    after = await published(vscode, uri, 2)
    assert "B101" not in codes(after) and "B104" in codes(after)


@LOOP
async def test_vscode_disable_a_document_level_rule_for_the_file(vscode: LanguageClient, tmp_path: Path):
    from blameless.registry import rule_set

    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    diagnostics = await published(vscode, uri, 1)
    whole = [d for d in diagnostics if (r := rule_set().get(d.code)) is not None and r.document_level]
    if not whole:
        pytest.skip("no document-level finding in the fixture with the current rule packs")
    target = whole[0]
    actions = await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=target.range,
        context=types.CodeActionContext(diagnostics=[target])))
    disable = next(a for a in actions if a.title == f"Disable {target.code} for this file")
    new_text = apply_edit(POSTMORTEM, uri, disable.edit, "utf-16")
    assert new_text == f"<!-- blameless-disable-file {target.code} -->\n" + POSTMORTEM
    change(vscode, uri, 2, types.Position(0, 0), types.Position(0, 0),
           f"<!-- blameless-disable-file {target.code} -->\n")
    after = await published(vscode, uri, 2)
    assert target.code not in codes(after) and "B101" in codes(after)


@LOOP
async def test_vscode_fix_all_resolves_to_the_fixed_file(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    text = POSTMORTEM + "\nThe team carelessly skipped the canary stage.\n"
    open_doc(vscode, uri, text)
    await published(vscode, uri, 1)
    actions = await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in actions] == ["source.fixAll.blameless"]
    resolved = await vscode.code_action_resolve_async(actions[0])  # the client supports resolve
    fixed = apply_edit(text, uri, resolved.edit, "utf-16")
    assert "🔥🔥 事故 Anna restarted every node at once." in fixed
    assert "The team skipped the canary stage." in fixed
    assert BLAME in fixed  # a finding without a safe fix is left to the writer


@LOOP
async def test_vscode_hover_explains_the_rule(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    judged = only(await published(vscode, uri, 1), "B104")
    hover = await vscode.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position_in(POSTMORTEM, "recklessly", "utf-16", 3)))
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    body = hover.contents.value
    assert "B104" in body and "**Why:**" in body
    assert judged.message.split("\n")[1] in body  # the finding's suggestion (its rewrite)
    assert "judge" in body.lower()  # the rule's rationale
    assert hover.range == judged.range
    nothing = await vscode.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(4, 3)))
    assert nothing is None


@LOOP
async def test_vscode_settings_ignore_a_rule(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    assert "B104" in codes(await published(vscode, uri, 1))
    count = len(vscode.published)
    vscode.set_configuration({"ignore": ["B104"], "trace": {"server": "off"}}, section="blameless")
    vscode.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    try:
        async def republished():
            while True:
                for params in vscode.published[count:]:
                    if params.uri == uri:
                        return params.diagnostics
                await vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        after = await asyncio.wait_for(republished(), WAIT_S)
        assert "B104" not in codes(after) and "B101" in codes(after)
    finally:
        vscode.set_configuration({}, section="blameless")
        vscode.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))


@LOOP
async def test_vscode_edit_updates_diagnostics_latest_version_wins(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    assert "B101" in codes(await published(vscode, uri, 1))
    before = await stats(vscode)
    start = types.Position(8, 0)
    # Two quick edits of the blame sentence: the first is superseded before its debounce ends.
    change(vscode, uri, 2, start, types.Position(8, len(BLAME)), "Dave broke the deploy.")
    change(vscode, uri, 3, start, types.Position(8, len("Dave broke the deploy.")),
           "The certificate expired because renewal was a manual step.")
    after = await published(vscode, uri, 3)
    assert "B101" not in codes(after)
    assert only(after, "B104").range.start == types.Position(10, 13)
    assert not any(p.uri == uri and p.version == 2 for p in vscode.published)
    # Only the edited paragraph went through the spaCy parser again.
    assert (await stats(vscode))["parsed"] - before["parsed"] <= 1


@LOOP
async def test_vscode_broken_config_file_is_one_diagnostic(vscode: LanguageClient, tmp_path: Path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "fine").mkdir()
    config = tmp_path / "broken" / ".blameless.toml"
    config.write_text('select = ["B1"\n', encoding="utf-8")  # invalid TOML
    uri = uri_for(tmp_path / "broken")
    open_doc(vscode, uri, POSTMORTEM)
    diagnostics = await published(vscode, uri, 1)
    assert len(diagnostics) == 1
    (problem,) = diagnostics
    assert problem.severity == types.DiagnosticSeverity.Error and problem.source == "blameless"
    assert problem.range.start == types.Position(0, 0) and problem.range.end.line == 0
    assert ".blameless.toml" in problem.message and "TOML" in problem.message
    assert any(".blameless.toml" in m.message for m in vscode.log_messages)
    # The server keeps serving: a document elsewhere still gets its findings.
    other = uri_for(tmp_path / "fine")
    open_doc(vscode, other, POSTMORTEM)
    assert "B101" in codes(await published(vscode, other, 1))
    # Repair the file and save the document: the findings come back.
    config.write_text('ignore = ["B104"]\n', encoding="utf-8")
    vscode.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))

    async def repaired():
        while True:
            diags = vscode.diagnostics.get(uri, [])
            if "B101" in codes(diags):
                return diags
            await vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "B104" not in codes(await asyncio.wait_for(repaired(), WAIT_S))


@LOOP
async def test_vscode_bad_settings_are_reported_and_recovered(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    await published(vscode, uri, 1)
    count = len(vscode.published)

    async def next_for_uri(after: int):
        while True:
            for params in vscode.published[after:]:
                if params.uri == uri:
                    return params.diagnostics
            await vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    vscode.set_configuration({"severity": {"B101": "loud"}}, section="blameless")
    vscode.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    broken = await asyncio.wait_for(next_for_uri(count), WAIT_S)
    assert codes(broken) == ["config"] and "loud" in broken[0].message
    assert any("loud" in m.message for m in vscode.log_messages)
    count = len(vscode.published)
    vscode.set_configuration({}, section="blameless")
    vscode.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert "B101" in codes(await asyncio.wait_for(next_for_uri(count), WAIT_S))


@LOOP
async def test_vscode_closing_a_document_clears_its_diagnostics(vscode: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, POSTMORTEM)
    assert await published(vscode, uri, 1)
    count = len(vscode.published)
    vscode.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))

    async def cleared():
        while True:
            if any(p.uri == uri and not p.diagnostics for p in vscode.published[count:]):
                return
            await vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.wait_for(cleared(), WAIT_S)
    assert await vscode.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position_in(POSTMORTEM, "recklessly", "utf-16"))) is None


@LOOP
async def test_vscode_unknown_documents_and_malformed_requests(vscode: LanguageClient):
    nowhere = "file:///nowhere/never-opened.md"
    where = types.TextDocumentIdentifier(uri=nowhere)
    origin = types.Range(start=types.Position(0, 0), end=types.Position(0, 1))
    assert await vscode.text_document_hover_async(types.HoverParams(
        text_document=where, position=types.Position(0, 0))) is None
    assert not await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=where, range=origin, context=types.CodeActionContext(diagnostics=[])))
    report = await pulled(vscode, nowhere)
    assert list(report.items) == []
    # A request whose params do not fit the method: an error reply, not silence or a crash.
    future = asyncio.get_running_loop().create_future()
    vscode.protocol._request_futures["malformed-1"] = future
    vscode.protocol._send_data({"jsonrpc": "2.0", "id": "malformed-1", "method": "textDocument/hover",
                                "params": {"textDocument": 42}})
    with pytest.raises(Exception, match="Invalid Params"):
        await asyncio.wait_for(future, WAIT_S)
    # ... and the server still answers.
    assert (await stats(vscode))["position_encoding"] == "utf-16"


# -- Neovim: UTF-8, pull -----------------------------------------------------------------------

@LOOP
async def test_nvim_pull_diagnostics_at_utf8_positions(nvim: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(nvim, uri, POSTMORTEM)
    report = await pulled(nvim, uri)
    assert report.kind == "full"
    # "🔥🔥 事故 Anna " is 21 bytes in UTF-8: 4 + 4 + 1 + 3 + 3 + 1 + 5.
    judged = only(report.items, "B104")
    assert judged.range == types.Range(start=types.Position(10, 21), end=types.Position(10, 31))
    blame = only(report.items, "B101")
    assert blame.severity == types.DiagnosticSeverity.Error  # initializationOptions settings
    assert uri not in nvim.diagnostics  # a pulling client gets no pushed duplicates
    again = await pulled(nvim, uri, report.result_id)
    assert again.kind == "unchanged" and again.result_id == report.result_id


@LOOP
async def test_nvim_code_action_with_utf8_ranges(nvim: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(nvim, uri, POSTMORTEM)
    judged = only((await pulled(nvim, uri)).items, "B104")
    actions = await nvim.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=judged.range,
        context=types.CodeActionContext(diagnostics=[judged])))
    preferred = next(a for a in actions if a.is_preferred)
    fixed = apply_edit(POSTMORTEM, uri, preferred.edit, "utf-8")
    assert fixed == POSTMORTEM.replace("Anna recklessly restarted", "Anna restarted")
    hover = await nvim.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position_in(POSTMORTEM, "recklessly", "utf-8")))
    assert hover is not None and "B104" in hover.contents.value and hover.range == judged.range


@LOOP
async def test_nvim_incremental_edit_then_pull(nvim: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(nvim, uri, POSTMORTEM)
    assert "B101" in codes((await pulled(nvim, uri)).items)
    # Prepend emoji to the blame line: the finding moves by their UTF-8 width, not by 2.
    change(nvim, uri, 2, types.Position(8, 0), types.Position(8, 0), "😀 ")
    blame = only((await pulled(nvim, uri)).items, "B101")
    assert blame.range.start == types.Position(8, 5)
    assert blame.range.end == types.Position(8, 5 + len(BLAME) - 1)
    change(nvim, uri, 3, types.Position(8, 5), types.Position(8, 5 + len(BLAME)),
           "The rotation cron was switched off in March.")
    assert "B101" not in codes((await pulled(nvim, uri)).items)


@LOOP
async def test_nvim_configuration_change_then_pull(nvim: LanguageClient, tmp_path: Path):
    uri = uri_for(tmp_path)
    open_doc(nvim, uri, POSTMORTEM)
    assert "B104" in codes((await pulled(nvim, uri)).items)
    nvim.set_configuration({"enable": True, "select": [], "ignore": ["B104"], "severity": {}},
                           section="blameless")
    # Neovim sends the settings along; the server also pulls them with workspace/configuration.
    nvim.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"blameless": nvim.get_configuration(section="blameless")}))
    try:
        async def without_b104():
            while True:
                items = (await pulled(nvim, uri)).items
                if "B104" not in codes(items):
                    return items
                await asyncio.sleep(0.05)
        items = await asyncio.wait_for(without_b104(), WAIT_S)
        assert "B101" in codes(items)
        nvim.set_configuration({"enable": False}, section="blameless")
        nvim.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))

        async def nothing():
            while True:
                items = (await pulled(nvim, uri)).items
                if not items:
                    return items
                await asyncio.sleep(0.05)
        assert list(await asyncio.wait_for(nothing(), WAIT_S)) == []
    finally:
        nvim.set_configuration({}, section="blameless")
        nvim.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))


# -- start-up and shutdown ---------------------------------------------------------------------

@LOOP
async def test_server_starts_and_shuts_down_cleanly():
    client = PyglsClient("blameless-test", "1")
    await client.start_io(*SERVER)
    try:
        result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
            capabilities=client_capabilities("neovim"))), WAIT_S)
        caps = result.capabilities
        assert result.server_info.name == "blameless-lsp"
        assert caps.position_encoding == types.PositionEncodingKind.Utf8
        assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
        assert caps.hover_provider and caps.diagnostic_provider.identifier == "blameless"
        assert "source.fixAll.blameless" in caps.code_action_provider.code_action_kinds
        await asyncio.wait_for(client.shutdown_async(None), WAIT_S)
        client.exit(None)
        assert await asyncio.wait_for(client._server.wait(), WAIT_S) == 0
    finally:
        await client.stop()


@LOOP
async def test_vscode_hover_explains_a_rule_from_the_projects_own_pack(vscode: LanguageClient, tmp_path: Path):
    (tmp_path / "house.yml").write_text(
        "rules:\n  - id: B190\n    name: scapegoating\n    category: blame\n    severity: warning\n"
        "    phrases: [scapegoated]\n    message: \"“{match}” singles out a person\"\n"
        "    rationale: Our house rule about scapegoats.\n    suggestion: Describe the process.\n"
        "    examples: {flag: [They scapegoated him.], pass: [Fine.]}\n", encoding="utf-8")
    (tmp_path / ".blameless.toml").write_text('extend-rules = ["house.yml"]\n', encoding="utf-8")
    text = "# Review\n\n## Root cause\n\nThe meeting scapegoated the on-call.\n"
    uri = uri_for(tmp_path)
    open_doc(vscode, uri, text)
    found = only(await published(vscode, uri, 1), "B190")
    hover = await vscode.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=position_in(text, "scapegoated", "utf-16", 2)))
    assert hover is not None and hover.range == found.range
    assert "**B190** `scapegoating`" in hover.contents.value
    assert "Our house rule about scapegoats." in hover.contents.value
