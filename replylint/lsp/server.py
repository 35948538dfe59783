"""The Language Server's protocol wiring (pygls): documents in, diagnostics, code actions and
hovers out.

A document is linted when opened, and after each change once the agent pauses (the debounce,
200 ms unless the editor's `debounceMs` says otherwise); only the changed document is linted
again, and the Linter's parse memo makes that cheap, since most sentences are as they were.
Linting runs in a worker thread, so a hover is answered while a long document is linted; a
result for a version the editor has since changed is dropped, not published.

The server must outlive anything a user can do: a broken configuration or rule pack is one
diagnostic on the document and one message; an exception in a request is logged and answered
as a JSON-RPC error; an exception while linting is logged and shown, and the server goes on.
"""
from __future__ import annotations

import asyncio
import logging
import traceback
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from .. import __version__
from ..config import CONFIG_NAMES
from ..errors import ReplylintError
from ..formats import sniff
from . import actions, hover
from .config import ClientSettings, Linters
from .diagnostics import lsp_range, overlaps, problem_diagnostic, to_diagnostic

log = logging.getLogger("replylint.lsp")
WATCHED = [f"**/{name}" for name in (*CONFIG_NAMES, "pyproject.toml")]


def path_of(uri: str) -> Path | None:
    """The file a `file:` URI names; None for an unsaved buffer (`untitled:`)."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


class ConfigProblem(ReplylintError):
    """The document's configuration or rule pack cannot be used (as opposed to its text)."""


class _Utf16Protocol(LanguageServerProtocol):
    """pygls picks the client's first offered position encoding (Neovim offers UTF-8 first);
    replylint's positions are UTF-16 (positions.Utf16Offsets), the encoding every client must
    support, so the server never offers another."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        return (yield from super().lsp_initialize(params))


class ReplylintServer(LanguageServer):
    """pygls's server plus what replylint keeps per document and per workspace folder."""

    def __init__(self, model: str | None = None):
        # Whole texts on each change: pygls applies incremental changes on str.splitlines lines,
        # which break at U+2028 and form feeds where LSP does not; a reply is small.
        super().__init__("replylint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=_Utf16Protocol)
        self.linters = Linters(model=model)
        self.defaults = ClientSettings()          # initializationOptions / pushed settings
        self.folders: dict[str, ClientSettings] = {}  # workspace folder URI -> its pulled settings
        self.linted: dict[str, actions.Linted] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._shown: set[str] = set()             # problems already shown as a message
        self._generation = 0                      # bumped when settings or config files change

    # -- settings ----------------------------------------------------------------------------
    def settings_for(self, uri: str) -> ClientSettings:
        """The settings of the workspace folder holding the document (the longest match)."""
        folder = max((f for f in self.folders if uri.startswith(f.rstrip("/") + "/")), key=len, default=None)
        return self.folders[folder] if folder is not None else self.defaults

    def apply_settings(self, data, folder: str | None = None) -> None:
        """Take the editor's settings (for one workspace folder, or the defaults); a wrong value
        is shown and the settings stay as they were."""
        try:
            parsed = ClientSettings.parse(data)
        except ReplylintError as exc:
            self.show_problem(str(exc))
            return
        if folder is None:
            self.defaults = parsed
        else:
            self.folders[folder] = parsed

    # -- reporting problems ------------------------------------------------------------------
    def show_problem(self, message: str) -> None:
        """A message box once per distinct problem (it may be hit on every keystroke)."""
        if message not in self._shown:
            self._shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"replylint: {message}"))

    def log_exception(self, what: str) -> None:
        text = f"replylint: {what} failed:\n{traceback.format_exc()}"
        log.error(text)
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=text))

    # -- linting -----------------------------------------------------------------------------
    def lint_now(self, uri: str) -> actions.Linted:
        """Lint the document as it is now; publish nothing. A ConfigProblem when its
        configuration or rule pack is broken, a ReplylintError when its text does not read as
        its format (a YAML file half-typed)."""
        document = self.workspace.get_text_document(uri)
        text, version, path = document.source, document.version, path_of(uri)
        name = str(path) if path is not None else ""
        try:
            linter = self.linters.linter_for(path, self.settings_for(uri))
        except ReplylintError as exc:
            raise ConfigProblem(str(exc)) from None
        fmt = sniff(name, text)
        linted = actions.Linted(uri, version, text, fmt, name, linter, linter.lint(text, format=fmt, name=name))
        self.linted[uri] = linted
        return linted

    async def publish(self, uri: str) -> None:
        """Lint in a worker thread and publish, unless the document changed meanwhile."""
        self._timers.pop(uri, None)
        if uri not in self.workspace.text_documents:
            return
        version, generation = self.workspace.get_text_document(uri).version, self._generation
        try:
            linted = await asyncio.to_thread(self.lint_now, uri)
            diagnostics = [to_diagnostic(f, linted.offsets) for f in linted.findings]
        except ConfigProblem as exc:  # every document under it is affected: say so once, loudly
            self.linted.pop(uri, None)
            diagnostics = [problem_diagnostic(str(exc))]
            self.show_problem(str(exc))
        except ReplylintError as exc:  # this text, as typed so far: a diagnostic, no message box
            self.linted.pop(uri, None)
            diagnostics = [problem_diagnostic(exc.message, (exc.line or 1) - 1)]
        except Exception:  # a bug: say so, keep serving
            self.log_exception(f"linting {uri}")
            self.show_problem("linting failed; see the language server's log")
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or generation != self._generation:
            return  # changed, closed or configured anew while linting: the newer lint publishes
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def schedule(self, uri: str, delay_ms: int | None = None) -> None:
        """Lint after `delay_ms` (the debounce) unless another change comes first."""
        old = self._timers.pop(uri, None)
        if old is not None:
            old.cancel()
        delay = self.settings_for(uri).debounce_ms if delay_ms is None else delay_ms
        loop = asyncio.get_running_loop()
        self._timers[uri] = loop.call_later(delay / 1000, lambda: asyncio.ensure_future(self.publish(uri)))

    def relint_all(self) -> None:
        """After a settings or configuration change: lint every open document again, and drop
        the results of lints still running under the old settings (same document versions)."""
        self._generation += 1
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def current(self, uri: str) -> actions.Linted | None:
        """The lint of the document as it is now: the published one, or a fresh one if the
        document changed since (a code action asked before the debounce ran)."""
        linted = self.linted.get(uri)
        document = self.workspace.get_text_document(uri)
        if linted is None or linted.version != document.version or linted.text != document.source:
            try:
                linted = self.lint_now(uri)
            except ReplylintError:
                return None
        return linted


def build(model: str | None = None) -> ReplylintServer:
    """The server with its features registered."""
    server = ReplylintServer(model)

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            server.apply_settings(options.get("replylint", options))

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        capabilities = server.client_capabilities.workspace
        watch = capabilities and capabilities.did_change_watched_files
        if watch and watch.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            await server.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="replylint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        if await pull_settings():
            server.relint_all()  # a document opened before the answer came was linted with the defaults

    async def pull_settings() -> bool:
        """Ask a client that keeps settings per workspace folder (workspace/configuration) for
        each's; whether it was asked."""
        capabilities = server.client_capabilities.workspace
        if not (capabilities and capabilities.configuration):
            return False
        folders = list(server.workspace.folders.values())
        items = [types.ConfigurationItem(section="replylint")] + \
            [types.ConfigurationItem(scope_uri=f.uri, section="replylint") for f in folders]
        try:
            answers = await server.workspace_configuration_async(types.ConfigurationParams(items=items))
        except Exception:
            server.log_exception("workspace/configuration")
            return False
        if answers and answers[0] is not None:
            server.apply_settings(answers[0])
        for folder, answer in zip(folders, answers[1:]):
            if answer is not None:
                server.apply_settings(answer, folder.uri)
        return True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(params: types.DidOpenTextDocumentParams) -> None:
        await server.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = server._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        server.linted.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        server.linters.forget_configs()
        server._shown.clear()
        server.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and settings.get("replylint") is not None:
            server.apply_settings(settings["replylint"])
        else:  # a pull-model client (VS Code) sends null: ask it
            await pull_settings()
        server.relint_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=actions.KINDS, resolve_provider=False))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        linted = server.current(params.text_document.uri)
        if linted is None:
            return None
        start = linted.offsets.at(params.range.start.line, params.range.start.character)
        end = linted.offsets.at(params.range.end.line, params.range.end.character)
        edit_capabilities = server.client_capabilities.workspace
        workspace_edit = edit_capabilities.workspace_edit if edit_capabilities else None
        snippets = bool(workspace_edit and workspace_edit.snippet_edit_support)
        return actions.code_actions(linted, start, end, params.context.only, snippets) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        linted = server.current(params.text_document.uri)
        if linted is None:
            return None
        at = linted.offsets.at(params.position.line, params.position.character)
        found = [f for f in linted.findings if overlaps(f, at, at)]
        if not found:
            return None
        specs = {s.id: s for s in linted.linter.specs}
        rng = lsp_range(linted.offsets, min(f.start for f in found), max(f.end for f in found))
        return hover.hover(found, specs, rng)

    return server


def serve(model: str | None = None) -> None:
    """Run the server over stdin/stdout until the editor shuts it down."""
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    build(model).start_io()
