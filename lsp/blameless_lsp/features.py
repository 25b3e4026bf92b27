"""The language server's features: lifecycle, document sync, diagnostics, code actions, hover,
and `main` (stdio)."""
from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path

from blameless.nlp import shared_pipeline

from . import __version__
from .convert import (FIX_ALL_KIND, SOURCE, hover_markdown, kind_wanted)
from .facts_hover import timeline_facts_hover
from .settings import debounce_seconds

log = logging.getLogger("blameless_lsp")
from .code_actions import finding_actions, overlaps, resolve_fix_all
from .server import BlamelessServer



server = BlamelessServer()


@server.feature(types.INITIALIZE)
def initialize(ls: BlamelessServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    ls.debounce = debounce_seconds(options)
    if isinstance(options, dict) and "settings" in options:
        ls.apply_settings(options["settings"], "initializationOptions.settings")
    if not ls._client_has("workspace", "configuration"):
        ls.settings_ready.set()


@server.feature(types.INITIALIZED)
async def initialized(ls: BlamelessServer, params: types.InitializedParams) -> None:
    try:
        if ls._client_has("workspace", "did_change_configuration", "dynamic_registration"):
            asyncio.get_running_loop().create_task(_register_configuration(ls))
        settings = await ls.pull_settings()
        if settings is not None and ls.apply_settings(settings, "workspace/configuration"):
            ls.recheck_all()
    finally:
        ls.settings_ready.set()


async def _register_configuration(ls: BlamelessServer) -> None:
    try:
        await asyncio.wait_for(ls.client_register_capability_async(types.RegistrationParams(
            registrations=[types.Registration(id="blameless-configuration",
                                              method=types.WORKSPACE_DID_CHANGE_CONFIGURATION)])), 10)
    except Exception as err:  # noqa: BLE001 (optional: clients also send it unregistered)
        log.info("client/registerCapability failed: %s", err)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: BlamelessServer, params: types.DidChangeConfigurationParams) -> None:
    settings = await ls.pull_settings()
    origin = "workspace/configuration"
    if settings is None:
        settings, origin = params.settings, "workspace/didChangeConfiguration"
    ls.apply_settings(settings, origin)
    ls.configs.refresh()  # also re-read config files
    ls.forget_logged()
    ls.recheck_all()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: BlamelessServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.configs.refresh()
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: BlamelessServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if ls.pulls:
        ls.cancel_check(uri)  # the client will pull; nothing to push
        return
    ls.schedule(uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: BlamelessServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.configs.refresh()
    uri = params.text_document.uri
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path and Path(path).name in (".blameless.toml", "pyproject.toml"):
        ls.forget_logged()
        ls.recheck_all()
    elif ls.is_open(uri):
        task = ls.schedule(uri, 0.0)
        if ls.pulls and ls._client_has("workspace", "diagnostics", "refresh_support"):
            # A saved config file may change the findings without an edit: ask for a re-pull.
            task.add_done_callback(lambda t: None if t.cancelled() or t.exception() or t.result() is None
                                   else ls.workspace_diagnostic_refresh(None))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: BlamelessServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel_check(uri)
    ls.forget(uri)
    if not ls.pulls:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                types.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=False,
                                        workspace_diagnostics=False))
async def document_diagnostic(ls: BlamelessServer, params: types.DocumentDiagnosticParams):
    result = await ls.current(params.text_document.uri)
    if result is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    if params.previous_result_id == result.result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result.result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=result.diagnostics, result_id=result.result_id)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
                                        resolve_provider=True))
async def code_action(ls: BlamelessServer, params: types.CodeActionParams):
    uri = params.text_document.uri
    if not ls.is_open(uri):
        return []
    only = params.context.only
    if only and kind_wanted(FIX_ALL_KIND, only):
        result = await ls.current(uri)  # e.g. fix-all on save: answer for the text as it is now
    else:
        # Asked on every cursor move: use what was checked (diagnostics carry their version)
        # rather than starting a check that the typing debounce would have saved.
        result = ls.results.get(uri)
    doc_version = ls.workspace.get_text_document(uri).version
    diagnostics = [d for d in params.context.diagnostics or [] if d.source == SOURCE]
    if not diagnostics and result is not None and result.version == doc_version:
        diagnostics = [d for d in result.diagnostics if overlaps(d.range, params.range)]
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        actions.extend(finding_actions(ls, uri, doc_version, diagnostic, only))
    if kind_wanted(FIX_ALL_KIND, only) and result is not None and result.version == doc_version \
            and any(fix.safe for f in result.findings for fix in f.fixes):
        action = types.CodeAction(title="Fix all safe blameless findings in this file",
                                  kind=FIX_ALL_KIND, data={"uri": uri, "version": doc_version})
        if ls._client_has("text_document", "code_action", "resolve_support") and \
                "edit" in (ls.client_capabilities.text_document.code_action.resolve_support.properties or []):
            actions.append(action)
        else:
            resolved = await resolve_fix_all(ls, action)
            if resolved.edit is not None:
                actions.append(resolved)
    return actions



@server.feature(types.CODE_ACTION_RESOLVE)
async def code_action_resolve(ls: BlamelessServer, params: types.CodeAction) -> types.CodeAction:
    if params.kind == FIX_ALL_KIND or str(getattr(params.kind, "value", params.kind)) == FIX_ALL_KIND:
        return await resolve_fix_all(ls, params)
    return params


# -- hover -------------------------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: BlamelessServer, params: types.HoverParams) -> types.Hover | None:
    result = await ls.current(params.text_document.uri)
    if result is None:
        return None
    offset = result.index.offset(params.position)
    here = [f for f in result.findings if f.span.start <= offset <= f.span.end]
    if not here:  # on a Timeline heading: the incident facts
        return timeline_facts_hover(result.text, to_fs_path(params.text_document.uri), offset, result.index)
    here.sort(key=lambda f: (f.span.end - f.span.start, f.rule))
    first = here[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                     value=hover_markdown(here, result.rule)),
        range=result.index.range(first.span.start, first.span.end))


# -- introspection (tests and benchmarks) ------------------------------------------------------

@server.command("blameless.serverStats")
def server_stats(ls: BlamelessServer, *args: Any) -> dict[str, Any]:
    """Counters: texts the spaCy pipeline parsed, checks run, block results reused."""
    pipeline = shared_pipeline(None)
    return {
        "parsed": pipeline.parsed,
        "checks": ls.checks_run,
        "running": ls.running,
        "reused": sum(e.reused for e in ls.engines.values()),
        "computed": sum(e.computed for e in ls.engines.values()),
        "position_encoding": str(getattr(ls.workspace.position_encoding, "value",
                                         ls.workspace.position_encoding)),
        "pull": ls.pulls,
    }


@server.feature(types.SHUTDOWN)
def shutdown(ls: BlamelessServer, *args: Any) -> None:
    for task in list(ls.tasks.values()):
        task.cancel()
    ls.tasks.clear()
    ls.checker.shutdown(wait=False, cancel_futures=True)


def main(argv: list[str] | None = None) -> None:
    """`blameless-lsp`: serve over stdio (`--version` prints the version)."""
    args = sys.argv[1:] if argv is None else argv
    if "--version" in args:
        print(f"blameless-lsp {__version__}")
        return
    if "-h" in args or "--help" in args:
        print("usage: blameless-lsp [--version]\n\nThe blameless language server, over stdio. "
              "Editors start it; see editors/vscode and editors/nvim.")
        return
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="blameless-lsp %(levelname)s: %(message)s")
    server.start_io()


if __name__ == "__main__":  # pragma: no cover
    main()
