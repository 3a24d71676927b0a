"""The language server: a thin pygls layer over the engine.

Each handler turns a protocol message into a call on the open drafts (drafts.py) and the
features built from their lints (features.py); settings come by the one path the command
line takes too (settings.resolve_settings).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from answerlint import __version__
from answerlint.engine.findings import INVALID_CONFIG
from answerlint.engine.positions import LineIndex
from answerlint.fixes import fix_all
from answerlint.lsp import features, transport, wire
from answerlint.lsp.convert import Positions, note_diagnostic
from answerlint.lsp.drafts import Drafts, engine
from answerlint.lsp.editor_settings import EditorSettings, read_editor_settings
from answerlint.lsp.protocol import AnswerlintProtocol
from answerlint.settings import Settings, resolve_settings

if TYPE_CHECKING:
    from answerlint.lsp.starter import Starter

log = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
WATCHED = ("**/.answerlint.yaml", "**/.answerlint.yml", "**/*.yaml", "**/*.yml")


@dataclass(frozen=True)
class DraftSettings:
    settings: Settings
    problems: tuple[tuple[str, int, str], ...]  # (file, 1-based line, message) of broken files


class AnswerlintServer(LanguageServer):
    def __init__(self, starter: Starter | None = None) -> None:
        super().__init__("answerlint", __version__, protocol_cls=AnswerlintProtocol,
                         converter_factory=wire.converter,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.drafts = Drafts(self)
        self.editor = EditorSettings()
        self.generation = 0  # bumped whenever settings, config or rule files change
        self.warming_up = False  # the warm-up thread has started (at `initialize`)
        self.starter = starter  # lints the first drafts until the engine loads (starter.py)
        self._settings_cache: dict[tuple[str, int], DraftSettings] = {}
        self._problem_uris: set[str] = set()
        self._register()

    # -- what the client can do ---------------------------------------------------------

    @property
    def positions(self) -> Positions:
        chosen = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return Positions(getattr(chosen, "value", chosen))

    def client_has(self, *path: str) -> bool:
        node: Any = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                return False
        return bool(node)

    @property
    def pull_mode(self) -> bool:
        """Clients that pull diagnostics get no pushed ones (they would show twice)."""
        return self.client_has("text_document", "diagnostic")

    # -- settings -------------------------------------------------------------------------

    def set_editor_values(self, raw: Any) -> None:
        """Editor settings (the `answerlint` section); a bad value is ignored and reported."""
        self.editor = read_editor_settings(raw, self._root())
        self.generation += 1
        for problem in self.editor.problems:
            self.window_show_message(lsp.ShowMessageParams(
                lsp.MessageType.Warning, f"answerlint: setting ignored: {problem}"))

    def _root(self) -> Path | None:
        root = self.workspace.root_path if self.protocol._workspace else None
        return Path(root) if root else None

    def settings_for(self, uri: str) -> DraftSettings:
        """Defaults <- .answerlint.yaml <- editor settings (front matter is applied by lint),
        and the broken config and rule files found on the way."""
        key = (uri, self.generation)
        if key not in self._settings_cache:
            path = to_fs_path(uri)
            resolved = resolve_settings(Path(path) if path else None, workspace=self._root(),
                                        editor=self.editor.values)
            problems = [(e.path, e.line, e.reason) for e in resolved.rule_errors]
            error = resolved.config_error
            if error is not None:
                problems.insert(0, (error.source, error.line or 1, f"{error.key}: {error.reason} "
                                    "(until it is fixed, the file is ignored: defaults apply)"))
            if len(self._settings_cache) > 256:
                self._settings_cache.clear()
            self._settings_cache[key] = DraftSettings(resolved.settings, tuple(problems))
        return self._settings_cache[key]

    def settings_changed(self) -> None:
        """Settings, a config file or a rule file changed: re-lint every open draft."""
        self.generation += 1
        self._settings_cache.clear()
        if not self.pull_mode:  # pulling clients re-lint on their next pull (refresh below)
            for uri in list(self.drafts.open):
                self.drafts.publish(uri)
        self.publish_problems()
        if self.pull_mode and self.client_has("workspace", "diagnostics", "refresh_support"):
            self.workspace_diagnostic_refresh(None)
        if self.client_has("workspace", "code_lens", "refresh_support"):
            self.workspace_code_lens_refresh(None)

    def publish_problems(self) -> None:
        """Diagnostics on broken config and rule files, at their broken lines."""
        by_uri: dict[str, list[lsp.Diagnostic]] = {}
        for uri in self.drafts.open:
            for path, line, message in self.settings_for(uri).problems:
                diagnostic = note_diagnostic(INVALID_CONFIG, message,
                                             self._line_range(path, max(line - 1, 0)),
                                             lsp.DiagnosticSeverity.Error)
                found = by_uri.setdefault(from_fs_path(path) or path, [])
                if diagnostic not in found:
                    found.append(diagnostic)
        for uri in self._problem_uris - set(by_uri):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))
        for uri, diagnostics in by_uri.items():
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diagnostics))
        self._problem_uris = set(by_uri)

    def _line_range(self, path: str, line: int) -> lsp.Range:
        """The whole of one line of a (small) config or rule file."""
        try:
            lines = LineIndex(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0))
        line = min(line, len(lines.line_starts) - 1)
        end = lines.position(lines.line_end(line), self.positions.encoding)
        return lsp.Range(lsp.Position(line, 0), lsp.Position(line, end.character))

    # -- handlers -------------------------------------------------------------------------

    def _register(self) -> None:
        def feature(name: str, options: Any = None) -> Any:
            return lambda method: self.feature(name, options)(_plain(method))

        feature(lsp.INITIALIZE)(self.on_initialize)
        feature(lsp.INITIALIZED)(self.on_initialized)
        feature(lsp.TEXT_DOCUMENT_DID_OPEN)(self.on_open)
        feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(self.on_change)
        feature(lsp.TEXT_DOCUMENT_DID_SAVE)(self.on_save)
        feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(self.on_close)
        feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC, lsp.DiagnosticOptions(
            inter_file_dependencies=False, workspace_diagnostics=False,
            identifier="answerlint"))(self.on_pull)
        feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, features.FIX_ALL_KIND],
            resolve_provider=False))(self.on_code_action)
        feature(lsp.TEXT_DOCUMENT_HOVER)(self.on_hover)
        feature(lsp.TEXT_DOCUMENT_CODE_LENS, lsp.CodeLensOptions(resolve_provider=False))(
            self.on_code_lens)
        feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)(self.on_configuration)
        feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)(self.on_watched_files)
        self.command(features.SHOW_SUMMARY)(_plain(self.show_summary))
        self.command("answerlint.fixAll")(_plain(self.apply_fix_all))

    def on_initialize(self, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            self.set_editor_values(options.get("settings", options))
        self.warming_up = True
        threading.Thread(target=self._warm_up, daemon=True).start()

    def _warm_up(self) -> None:
        """Build the NLP pipeline while the client is still opening its first draft."""
        with self.drafts.lock:
            try:
                engine().prepare()
            except Exception:
                log.exception("warm-up failed")
            finally:
                self.drafts.engine_ready.set()
        if self.starter is not None:
            self.starter.close()

    async def on_initialized(self, params: lsp.InitializedParams) -> None:
        if self.client_has("workspace", "did_change_watched_files", "dynamic_registration"):
            watchers = [lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
            try:
                await self.client_register_capability_async(lsp.RegistrationParams([
                    lsp.Registration("answerlint-watch", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                     lsp.DidChangeWatchedFilesRegistrationOptions(watchers))]))
            except Exception:
                log.warning("client refused file watching; config edits need a reopen")
        await self._pull_configuration()

    async def _pull_configuration(self) -> None:
        if not self.client_has("workspace", "configuration"):
            return
        try:
            values = await self.workspace_configuration_async(
                lsp.ConfigurationParams([lsp.ConfigurationItem(section="answerlint")]))
        except Exception:
            log.warning("workspace/configuration failed; keeping the current settings")
            return
        self.set_editor_values(values[0] if values else {})
        self.settings_changed()

    def on_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        if not (item.language_id == "markdown" or item.uri.lower().endswith(MARKDOWN_SUFFIXES)):
            return
        self.drafts.add(item.uri)
        if not self.pull_mode:
            self.drafts.publish(item.uri)
        self.publish_problems()

    def on_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        if not self.pull_mode:
            self.drafts.schedule(params.text_document.uri)

    def on_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(to_fs_path(uri) or "").name.startswith(".answerlint.") or uri.endswith(".yaml"):
            self.settings_changed()  # a config or rule file saved in the editor

    def on_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if self.drafts.close(uri):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    async def on_pull(self, params: lsp.DocumentDiagnosticParams
                      ) -> lsp.DocumentDiagnosticReport:
        uri = params.text_document.uri
        draft = await self.drafts.pull(uri) if uri in self.drafts else None
        if draft is None:  # not a draft, or closed while the starter worked
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        if params.previous_result_id == draft.result_id:
            return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=draft.result_id)
        return lsp.RelatedFullDocumentDiagnosticReport(items=draft.diagnostics,
                                                       result_id=draft.result_id)

    async def on_code_action(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        await self.drafts.engine_loaded()
        uri = params.text_document.uri
        draft = await self.drafts.current(uri)
        if draft is None or draft.result is None:
            return []
        result, positions = draft.result, self.positions
        start = positions.offset(result.document.lines, params.range.start)
        end = positions.offset(result.document.lines, params.range.end)
        only = [str(kind) for kind in params.context.only] if params.context.only else None
        snippets = self.client_has("workspace", "workspace_edit", "snippet_edit_support")
        return [features.code_action(fix, self._edit(uri, fix.edits, fix.snippet), result,
                                     positions)
                for fix in features.fixes(result, start, end, only, snippets)]

    def _edit(self, uri: str, edits: Any, snippet: bool) -> lsp.WorkspaceEdit:
        draft = self.drafts.open[uri]
        assert draft.result is not None
        versioned = self.client_has("workspace", "workspace_edit", "document_changes")
        return features.workspace_edit(uri, draft.version, draft.result, self.positions, edits,
                                       snippet, versioned)

    async def on_hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        await self.drafts.engine_loaded()
        result = await self.drafts.result(params.text_document.uri)
        if result is None:
            return None
        at = self.positions.offset(result.document.lines, params.position)
        return features.hover(result, at, engine().rules_for(result.settings).rules)

    async def on_code_lens(self, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        await self.drafts.engine_loaded()
        uri = params.text_document.uri
        result = await self.drafts.result(uri)
        return features.code_lenses(uri, result, self.positions) if result is not None else []

    async def on_configuration(self, params: lsp.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and "answerlint" in settings:
            self.set_editor_values(settings["answerlint"])
            self.settings_changed()
        else:  # the client only says "something changed": ask for our section
            await self._pull_configuration()

    def on_watched_files(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        self.settings_changed()

    async def show_summary(self, *args: Any) -> str | None:
        """The code lens's command: the answer's summary, shown as a message by the server."""
        if len(args) != 2 or not isinstance(args[0], str) or not isinstance(args[1], int):
            return None
        result = await self.drafts.result(args[0])
        text = features.summary_text(result, args[1]) if result is not None else None
        if text is not None:
            self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Info,
                                                           text.replace("**", "")))
        return text

    async def apply_fix_all(self, *args: Any) -> bool:
        """A command the server carries out itself: every safe rewrite, as one edit."""
        if not args or not isinstance(args[0], str):
            return False
        uri = args[0]
        result = await self.drafts.result(uri)
        if result is None:
            return False
        edits = fix_all(result.findings, result.document.text)
        if not edits:
            return True
        response = await self.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(
            self._edit(uri, edits, False), label="answerlint: fix all"))
        return bool(response.applied)


def _plain(method: Any) -> Any:
    """A plain function around a bound method: pygls tags handlers with attributes."""
    if asyncio.iscoroutinefunction(method):
        async def call_async(*args: Any) -> Any:
            return await method(*args)
        return call_async

    def call(*args: Any) -> Any:
        return method(*args)
    return call


def serve(tcp: str | None = None, starter: Starter | None = None) -> int:
    """Run the server until `exit` or the end of its input; returns the exit code."""
    server = AnswerlintServer(starter)
    if tcp:
        host, _, port = tcp.rpartition(":")
        return transport.start_tcp(server, host or "127.0.0.1", int(port))
    return transport.start_io(server)
