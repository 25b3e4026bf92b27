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
import threading
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
from blameless import budget
from blameless.block_cache import CachingEngine
from blameless.engines import engine_for
from blameless.registry import RuleSet, rule_set
from blameless.config import Config, ConfigError
from blameless.document import parse
from blameless.findings import Finding
from blameless.nlp import SERVER_CACHE_BYTES, ModelNotFound, limit_shared_cache

from . import __version__
from .errors_lsp import CONFIG_ERRORS
from .retention import Retention
from .convert import (LineIndex, config_diagnostic, notice_diagnostic, to_diagnostic)
from .settings import ConfigResolver, clean_settings, debounce_seconds

log = logging.getLogger("blameless_lsp")


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
    failure: str | None = None  # why the check failed (then one "check-failed" diagnostic)

    @property
    def result_id(self) -> str:
        return f"{self.version}:{len(self.diagnostics)}:{hash(tuple(d.message for d in self.diagnostics))}"


_SPACY_IMPORT = threading.Lock()


def _import_spacy_once() -> None:
    """Import spaCy in one thread before checks use it in several: two threads importing it at
    once see each other's half-initialised modules."""
    if "spacy.matcher" in sys.modules:
        return
    with _SPACY_IMPORT:
        import spacy.matcher  # noqa: F401
        import spacy.tokens  # noqa: F401


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
        self.retention = Retention()  # which parses the open documents still use
        limit_shared_cache(SERVER_CACHE_BYTES)
        self.tasks: dict[str, asyncio.Task] = {}
        self.delayed: dict[str, bool] = {}  # whether the task of a URI is still in its debounce
        self.settings: dict[str, Any] = {}
        self.settings_error: str | None = None
        self.debounce = debounce_seconds(None)
        self.configs = ConfigResolver()
        self.engines: dict[Config, CachingEngine] = {}  # the ones used, for the stats request
        # Several workers: a slow document (a huge paragraph, a user's pattern near its time
        # budget) must not hold up the others.
        self.checker = ThreadPoolExecutor(max_workers=4, thread_name_prefix="blameless-check")
        self.cancels: dict[str, threading.Event] = {}  # per URI: stops its running check
        self.running = 0  # checks in worker threads right now (serverStats, tests)
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
    def forget_logged(self) -> None:
        """Settings changed: messages logged once may be worth saying again."""
        self._logged.clear()

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

    def forget(self, uri: str) -> None:
        """A document closed: drop its result and the parses only it used."""
        self.results.pop(uri, None)
        released = self.retention.close(uri)
        for engine in list(self.engines.values()):
            engine.pipeline.release(released)

    def engine_for(self, config: Config) -> CachingEngine:
        engine = engine_for(config, caching=True)  # the one bounded engine cache
        if self.engines.get(config) is not engine:
            if len(self.engines) > 16:
                self.engines.clear()
            self.engines[config] = engine
        return engine

    def _check_sync(self, uri: str, version: int | None, text: str, path: str | None,
                    encoding: Any, cancel: threading.Event) -> Result:
        """Runs in a checker thread: config, engine, findings, diagnostics. A check that fails
        gives one "check failed" diagnostic, so the previous version's findings never linger."""
        self.running += 1
        try:
            return self._check_in_thread(uri, version, text, path, encoding, cancel)
        finally:
            self.running -= 1

    def _check_in_thread(self, uri: str, version: int | None, text: str, path: str | None,
                         encoding: Any, cancel: threading.Event) -> Result:
        _import_spacy_once()
        index = LineIndex(text, encoding)
        result = Result(version, text, index)
        notes: list[str] = []
        try:
            config = self.config_for(uri)
            result.config = config
            if config.enable:
                engine = self.engine_for(config)
                result.rules = engine.rule_set
                with budget.active(budget.Budget(config.time_budget, cancel)):
                    document = parse(text, path=path)
                    result.findings = engine.check_document(document)
                engine.pipeline.release(self.retention.update(uri, document.parsed_texts))
                notes = document.notes
        except CONFIG_ERRORS as err:
            result.config_error = str(err)
            result.diagnostics = [config_diagnostic(str(err), index)]
            return result
        except Exception as err:  # noqa: BLE001 (a failing check must not stop the server)
            if not isinstance(err, ModelNotFound):
                log.exception("check failed for %s", uri)
            result.failure = str(err) if isinstance(err, blameless.BlamelessError) \
                else f"{type(err).__name__}: {err}"
            result.diagnostics = [notice_diagnostic(f"check failed: {result.failure}", index,
                                                    "check-failed", types.DiagnosticSeverity.Error)]
            return result
        result.diagnostics = [to_diagnostic(f, index, version) for f in result.findings]
        result.diagnostics += [notice_diagnostic(note, index, "budget", types.DiagnosticSeverity.Warning)
                               for note in notes[:1]]
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
        cancel = threading.Event()
        self.cancels[uri] = cancel
        try:
            result = await loop.run_in_executor(
                self.checker, self._check_sync, uri, version, text, doc.path,
                self.workspace.position_encoding, cancel)
        finally:
            if self.cancels.get(uri) is cancel:
                del self.cancels[uri]
        if result.failure:
            message = f"blameless-lsp: checking {uri} failed: {result.failure}"
            if isinstance(result.failure, str) and "spaCy pipeline" in result.failure \
                    and message not in self._logged:  # nothing can be checked: say so once
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                                 message=message))
            self.log_once(message)
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
        self.cancel_check(uri)
        task = asyncio.get_running_loop().create_task(self.check(uri, delay))
        self.tasks[uri] = task
        self.delayed[uri] = delay > 0
        task.add_done_callback(lambda t, uri=uri: self._task_done(uri, t))
        return task

    def cancel_check(self, uri: str) -> None:
        """Stop the pending or running check of `uri` (its text is no longer current)."""
        pending = self.tasks.pop(uri, None)
        if pending is not None and not pending.done():
            pending.cancel()
        cancel = self.cancels.pop(uri, None)
        if cancel is not None:
            cancel.set()  # the worker thread stops at its next budget check

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
