"""The blameless language server (pygls 2, stdio): diagnostics, code actions, hover.

One store of results per open document, filled by one check task per document. Clients that
pull diagnostics (`textDocument/diagnostic`, e.g. Neovim 0.11) are answered from the store;
the others get `textDocument/publishDiagnostics`. Checks run in one worker thread, after a
debounce on typing (the newest edit cancels the pending check; results for a version the
client has already replaced are dropped).
"""
from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

import blameless
from blameless.block_cache import CachingEngine
from blameless.engines import engine_for
from blameless.registry import RuleSet, rule_set
from blameless.config import Config, ConfigError
from blameless.findings import Finding
from blameless.nlp import ModelNotFound, shared_pipeline
from blameless.lexicon import LexiconError
from blameless.rules import RulePackError

from . import __version__
from .convert import (DISABLE_COMMENT, FIX_ALL_KIND, SOURCE, LineIndex, config_diagnostic,
                      hover_markdown, kind_wanted, line_edits, range_from_json, to_diagnostic)
from .facts_hover import timeline_facts_hover
from .settings import ConfigResolver, clean_settings, debounce_seconds

log = logging.getLogger("blameless_lsp")
CONFIG_ERRORS = (ConfigError, RulePackError, LexiconError)


@dataclass
class Result:
    """What one check of one document version produced."""

    version: int | None
    text: str
    index: LineIndex
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    config: Config | None = None
    config_error: str | None = None
    rules: RuleSet | None = None  # the rule set the document was checked with (hover, actions)

    def rule(self, rule_id: str):
        return (self.rules or rule_set()).get(rule_id)

    @property
    def result_id(self) -> str:
        return f"{self.version}:{len(self.diagnostics)}:{hash(tuple(d.message for d in self.diagnostics))}"


class BlamelessProtocol(LanguageServerProtocol):
    """pygls's protocol, but a request whose params do not fit its type gets an error reply.

    pygls 2.1 only logs such a request, and the client waits for an answer forever.
    """

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as err:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], None, err.to_response_error())
            raise


class BlamelessServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("blameless-lsp", __version__, protocol_cls=BlamelessProtocol)
        self.results: dict[str, Result] = {}
        self.tasks: dict[str, asyncio.Task] = {}
        self.delayed: dict[str, bool] = {}  # whether the task of a URI is still in its debounce
        self.settings: dict[str, Any] = {}
        self.settings_error: str | None = None
        self.debounce = debounce_seconds(None)
        self.configs = ConfigResolver()
        self.engines: dict[Config, CachingEngine] = {}  # the ones used, for the stats request
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="blameless-check")
        self.settings_ready = asyncio.Event()
        self.checks_run = 0
        self._logged: set[str] = set()

    # -- capabilities ----------------------------------------------------------------------
    @property
    def pulls(self) -> bool:
        """Whether the client pulls diagnostics (then the server never pushes them)."""
        caps = self.client_capabilities
        return bool(caps and caps.text_document and caps.text_document.diagnostic is not None)

    def _client_has(self, *path: str) -> Any:
        node: Any = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                return None
        return node

    # -- logging ---------------------------------------------------------------------------
    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Log a line to the client (window/logMessage) the first time it happens."""
        if message in self._logged:
            return
        if len(self._logged) > 500:
            self._logged.clear()
        self._logged.add(message)
        log.warning("%s", message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # noqa: BLE001 (never let logging break serving)
            log.exception("cannot send window/logMessage")

    def report_server_error(self, error: Exception, source: Any) -> None:
        # pygls would pop up window/showMessage for every failure; one log line is enough.
        self.log_once(f"blameless-lsp: {getattr(source, '__name__', source)}: {error or type(error).__name__}")

    # -- documents -------------------------------------------------------------------------
    def is_open(self, uri: str) -> bool:
        return uri in self.workspace.text_documents

    def folder_of(self, uri: str) -> Path:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path:
            return Path(path).parent
        root = self.workspace.root_path
        return Path(root) if root else Path.cwd()

    def config_for(self, uri: str) -> Config:
        if self.settings_error:
            raise ConfigError(self.settings_error)
        return self.configs.resolve(self.folder_of(uri), self.settings)

    def engine_for(self, config: Config) -> CachingEngine:
        engine = engine_for(config, caching=True)  # the one bounded engine cache
        if self.engines.get(config) is not engine:
            if len(self.engines) > 16:
                self.engines.clear()
            self.engines[config] = engine
        return engine

    def _check_sync(self, uri: str, version: int | None, text: str, path: str | None,
                    encoding: Any) -> Result:
        """Runs in the checker thread: config, engine, findings, diagnostics."""
        index = LineIndex(text, encoding)
        result = Result(version, text, index)
        try:
            config = self.config_for(uri)
            result.config = config
            if config.enable:
                engine = self.engine_for(config)
                result.rules = engine.rule_set
                result.findings = engine.check_text(text, path)
        except CONFIG_ERRORS as err:
            result.config_error = str(err)
            result.diagnostics = [config_diagnostic(str(err), index)]
            return result
        result.diagnostics = [to_diagnostic(f, index, version) for f in result.findings]
        return result

    async def check(self, uri: str, delay: float = 0.0) -> Result | None:
        """Check the current version of a document (after `delay`) and store the result."""
        if delay > 0:
            await asyncio.sleep(delay)
            self.delayed[uri] = False
        if not self.settings_ready.is_set():
            try:
                await asyncio.wait_for(self.settings_ready.wait(), 5)
            except asyncio.TimeoutError:
                self.settings_ready.set()
        if not self.is_open(uri):
            return None
        doc = self.workspace.get_text_document(uri)
        version, text = doc.version, doc.source
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(
                self.checker, self._check_sync, uri, version, text, doc.path,
                self.workspace.position_encoding)
        except ModelNotFound as err:
            message = f"blameless-lsp: {err}"
            if message not in self._logged:  # nothing can be checked: tell the writer once
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                                 message=message))
            self.log_once(message)
            return None
        except Exception as err:  # noqa: BLE001 (a failing rule must not stop the server)
            log.exception("check failed for %s", uri)
            self.log_once(f"blameless-lsp: checking {uri} failed: {type(err).__name__}: {err}")
            return None
        self.checks_run += 1
        if result.config_error:
            self.log_once(f"blameless-lsp: {result.config_error}")
        if not self.is_open(uri) or self.workspace.get_text_document(uri).version != version:
            return None  # stale: a newer edit has arrived (its own check is on the way)
        self.results[uri] = result
        if not self.pulls:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=result.diagnostics))
        return result

    def schedule(self, uri: str, delay: float = 0.0) -> asyncio.Task:
        """Start a check task for `uri`, cancelling the pending one (latest edit wins)."""
        pending = self.tasks.pop(uri, None)
        if pending is not None and not pending.done():
            pending.cancel()
        task = asyncio.get_running_loop().create_task(self.check(uri, delay))
        self.tasks[uri] = task
        self.delayed[uri] = delay > 0
        task.add_done_callback(lambda t, uri=uri: self._task_done(uri, t))
        return task

    def _task_done(self, uri: str, task: asyncio.Task) -> None:
        if self.tasks.get(uri) is task:
            del self.tasks[uri]
        if not task.cancelled() and task.exception() is not None:
            self.log_once(f"blameless-lsp: check task failed: {task.exception()}")

    async def current(self, uri: str) -> Result | None:
        """The result for the document's current version, checking now if needed."""
        for _ in range(100):  # each round waits for one check; edits can supersede it
            if not self.is_open(uri):
                return None
            version = self.workspace.get_text_document(uri).version
            result = self.results.get(uri)
            if result is not None and result.version == version:
                return result
            task = self.tasks.get(uri)
            if task is None or task.done() or self.delayed.get(uri):
                task = self.schedule(uri, 0.0)  # skip the debounce: the client is waiting now
            try:
                checked = await asyncio.shield(task)
            except asyncio.CancelledError:
                if task.cancelled():
                    continue  # superseded by a newer check: wait for that one
                raise
            if checked is None and self.is_open(uri) and \
                    self.workspace.get_text_document(uri).version == version:
                return self.results.get(uri)  # the check failed (logged); answer what we have
        return self.results.get(uri)

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0.0)
        if self.pulls and self._client_has("workspace", "diagnostics", "refresh_support"):
            self.workspace_diagnostic_refresh(None)

    # -- settings --------------------------------------------------------------------------
    def apply_settings(self, raw: Any, origin: str) -> bool:
        """Take new settings; returns whether they differ from the current ones."""
        try:
            settings, error = clean_settings(raw), None
            if settings:
                Config().merged(settings, source=origin)  # validate the shape and the ids now
        except CONFIG_ERRORS as err:
            settings, error = {}, str(err)
        changed = (settings, error) != (self.settings, self.settings_error)
        self.settings, self.settings_error = settings, error
        if error:
            self.log_once(f"blameless-lsp: {error}")
        return changed

    async def pull_settings(self) -> Any:
        """Ask the client for the "blameless" section (None when it cannot answer)."""
        if not self._client_has("workspace", "configuration"):
            return None
        try:
            answer = await asyncio.wait_for(self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="blameless")])), 10)
        except Exception as err:  # noqa: BLE001
            self.log_once(f"blameless-lsp: workspace/configuration failed: {err}",
                          types.MessageType.Warning)
            return None
        return answer[0] if answer else None


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
    ls._logged.clear()
    ls.recheck_all()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: BlamelessServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.configs.refresh()
    ls.schedule(params.text_document.uri, 0.0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: BlamelessServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if ls.pulls:
        task = ls.tasks.pop(uri, None)  # the client will pull; nothing to push
        if task is not None:
            task.cancel()
        return
    ls.schedule(uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: BlamelessServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.configs.refresh()
    uri = params.text_document.uri
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path and Path(path).name in (".blameless.toml", "pyproject.toml"):
        ls._logged.clear()
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
    task = ls.tasks.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.results.pop(uri, None)
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


# -- code actions ------------------------------------------------------------------------------

def _workspace_edit(ls: BlamelessServer, uri: str, version: int | None,
                    edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if ls._client_has("workspace", "workspace_edit", "document_changes"):
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
            edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _edits_from(data: list) -> list[types.TextEdit] | None:
    edits = []
    for item in data:
        rng = range_from_json(item.get("range") if isinstance(item, dict) else None)
        if rng is None or not isinstance(item.get("newText"), str):
            return None
        edits.append(types.TextEdit(range=rng, new_text=item["newText"]))
    return edits


def _overlaps(a: types.Range, b: types.Range) -> bool:
    a0, a1 = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b0, b1 = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a0 <= b1 and b0 <= a1


def _finding_actions(ls: BlamelessServer, uri: str, doc_version: int | None,
                     diagnostic: types.Diagnostic, only: Any) -> list[types.CodeAction]:
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    rule = data.get("rule") or (diagnostic.code if isinstance(diagnostic.code, str) else None)
    if not rule or rule == "config":
        return []
    version = data.get("version")
    if version is not None and version != doc_version:
        return []  # computed for an older text: its ranges no longer fit
    actions = []
    if kind_wanted(types.CodeActionKind.QuickFix.value, only):
        preferred_given = False
        for fix in data.get("fixes") or []:
            edits = _edits_from(fix.get("edits") or [])
            if not edits:
                continue
            preferred = bool(fix.get("safe")) and not preferred_given
            preferred_given = preferred_given or preferred
            actions.append(types.CodeAction(
                title=f"{fix.get('title') or 'Apply fix'} ({rule})",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                is_preferred=preferred or None,
                edit=_workspace_edit(ls, uri, doc_version, edits)))
        line = data.get("line", diagnostic.range.start.line)
        indent = data.get("indent", "")
        last = ls.results.get(uri)
        meta = last.rule(rule) if last is not None else rule_set().get(rule)
        if meta is not None and meta.document_level:
            # A finding about the whole document sits on line 1, where a next-line comment
            # would push it: disable the rule for the file instead.
            text = ls.workspace.get_text_document(uri).source
            eol = _eol(ls, uri)
            comment = f"<!-- blameless-disable-file {rule} -->"
            if text.startswith(("---", "+++")):  # front matter must stay first: append instead
                insert = LineIndex(text, ls.workspace.position_encoding).end_position()
                new_text = ("" if text.endswith(("\n", "\r")) else eol) + comment + eol
            else:
                insert, new_text = types.Position(line=0, character=0), comment + eol
            actions.append(types.CodeAction(
                title=f"Disable {rule} for this file",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=_workspace_edit(ls, uri, doc_version, [types.TextEdit(
                    range=types.Range(start=insert, end=insert), new_text=new_text)])))
        elif isinstance(line, int) and isinstance(indent, str):
            comment = indent + DISABLE_COMMENT.format(rule=rule)
            insert = types.Position(line=line, character=0)
            actions.append(types.CodeAction(
                title=f"Disable {rule} for this line",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=_workspace_edit(ls, uri, doc_version, [types.TextEdit(
                    range=types.Range(start=insert, end=insert), new_text=comment + _eol(ls, uri))])))
    return actions


def _eol(ls: BlamelessServer, uri: str) -> str:
    text = ls.workspace.get_text_document(uri).source
    at = text.find("\n")
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


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
        diagnostics = [d for d in result.diagnostics if _overlaps(d.range, params.range)]
    actions: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        actions.extend(_finding_actions(ls, uri, doc_version, diagnostic, only))
    if kind_wanted(FIX_ALL_KIND, only) and result is not None and result.version == doc_version \
            and any(fix.safe for f in result.findings for fix in f.fixes):
        action = types.CodeAction(title="Fix all safe blameless findings in this file",
                                  kind=FIX_ALL_KIND, data={"uri": uri, "version": doc_version})
        if ls._client_has("text_document", "code_action", "resolve_support") and \
                "edit" in (ls.client_capabilities.text_document.code_action.resolve_support.properties or []):
            actions.append(action)
        else:
            resolved = await _resolve_fix_all(ls, action)
            if resolved.edit is not None:
                actions.append(resolved)
    return actions


async def _resolve_fix_all(ls: BlamelessServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    if not isinstance(uri, str) or not ls.is_open(uri):
        return action
    doc = ls.workspace.get_text_document(uri)
    version, text = doc.version, doc.source
    try:
        config = ls.config_for(uri)
    except CONFIG_ERRORS as err:
        ls.log_once(f"blameless-lsp: {err}")
        return action
    loop = asyncio.get_running_loop()
    fixed = await loop.run_in_executor(
        ls.checker, lambda: blameless.fix(text, path=doc.path, config=config))
    if fixed == text:
        return action
    index = LineIndex(text, ls.workspace.position_encoding)
    action.edit = _workspace_edit(ls, uri, version, line_edits(text, fixed, index))
    return action


@server.feature(types.CODE_ACTION_RESOLVE)
async def code_action_resolve(ls: BlamelessServer, params: types.CodeAction) -> types.CodeAction:
    if params.kind == FIX_ALL_KIND or str(getattr(params.kind, "value", params.kind)) == FIX_ALL_KIND:
        return await _resolve_fix_all(ls, params)
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
