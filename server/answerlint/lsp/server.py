"""The language server: a thin pygls layer over the engine.

Everything the coach knows lives in the engine, `fixes` and `views`; this module only
turns their offsets into protocol positions, and editor events into lints.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path

from answerlint import __version__
from answerlint.engine.findings import Finding
from answerlint.engine.positions import LineIndex, Position
from answerlint.fixes import Edit, Fix, disable_for_file, fix_all, insert_step, rewrites
from answerlint.lsp import wire
from answerlint.rules.loader import rules_at
from answerlint.settings import ConfigError, Settings, find_config, load_config, merge
from answerlint.views import answer_hover, docs_url, lens_title, rule_hover, spoken

if TYPE_CHECKING:
    from answerlint.engine.lint import AnswerCache, LintResult
    from answerlint.lsp.starter import Starter

log = logging.getLogger(__name__)


def _engine() -> Any:
    """The engine, imported on first use: it loads spaCy (about 0.7 s), and `initialize`
    should be answered before that, while the warm-up thread loads it."""
    import answerlint.engine.lint

    return answerlint.engine.lint

DEBOUNCE_SECONDS = 0.1  # after the last keystroke, before a pushed lint
MAX_CHARS = 2_000_000  # larger documents get one diagnostic instead of a lint
# While a draft is edited, answers past its first 500,000 characters (about 85,000 words,
# under a second to lint the first time) are left unchecked, with one diagnostic saying so.
ANSWER_BUDGET = 500_000
FIX_ALL_KIND = "source.fixAll.answerlint"
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information, "hint": lsp.DiagnosticSeverity.Hint}
# Editor setting names (camelCase in VS Code, either style elsewhere) -> config keys.
EDITOR_KEYS = {
    "target": "target", "wordsPerMinute": "words_per_minute", "words_per_minute": "words_per_minute",
    "disable": "disable", "disabledRules": "disable", "severity": "severity",
    "rulePaths": "rule_paths", "rule_paths": "rule_paths", "pipeline": "pipeline",
}
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")


class AnswerlintProtocol(LanguageServerProtocol):
    """Prefers UTF-8 positions whenever the client offers them; UTF-16 otherwise."""

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        # pygls 2.1 files the future of every notification its generator handlers take
        # (didOpen, didChange...) under a fresh id and never drops it: about 1 KB a
        # keystroke. A finished future can no longer be cancelled, so it can go.
        for key in [k for k, future in self._request_futures.items() if future.done()]:
            del self._request_futures[key]

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, Any]:
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = list(general.position_encodings)
            if lsp.PositionEncodingKind.Utf8 in offered:
                offered.remove(lsp.PositionEncodingKind.Utf8)
                general.position_encodings = [lsp.PositionEncodingKind.Utf8, *offered]
        return (yield from super().lsp_initialize(params))


@dataclass
class OpenDraft:
    cache: AnswerCache | None = None  # made on the first lint: the engine may be loading
    result: LintResult | None = None
    version: int | None = None  # the document version `result` is for
    generation: int = -1  # the settings generation `result` is for
    pending: asyncio.TimerHandle | None = None
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    by_answer: dict[tuple, list[lsp.Diagnostic]] = field(default_factory=dict)  # see diagnostics()
    result_id: str = ""


class AnswerlintServer(LanguageServer):
    def __init__(self, starter: Starter | None = None) -> None:
        super().__init__("answerlint", __version__, protocol_cls=AnswerlintProtocol,
                         converter_factory=wire.converter,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.drafts: dict[str, OpenDraft] = {}
        self.editor_values: dict[str, Any] = {}
        self.generation = 0  # bumped whenever settings, config or rule files change
        self.lock = threading.Lock()  # the engine runs one lint at a time
        self.engine_ready = threading.Event()  # set once the warm-up has loaded the engine
        self.warming_up = False  # the warm-up thread has started (at `initialize`)
        self.starter = starter  # lints the first drafts until then (see starter.py)
        self._settings_cache: dict[tuple[str, int], tuple[Settings, list[tuple[str, int, str]]]] = {}
        self._problem_uris: set[str] = set()
        self._register()

    # -- capabilities of the client -------------------------------------------------------

    @property
    def encoding(self) -> str:
        chosen = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return getattr(chosen, "value", chosen)

    def _client_has(self, *path: str) -> bool:
        node: Any = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                return False
        return bool(node)

    @property
    def pull_mode(self) -> bool:
        """Clients that pull diagnostics get no pushed ones (they would show twice)."""
        return self._client_has("text_document", "diagnostic")

    # -- settings ----------------------------------------------------------------------------

    def set_editor_values(self, values: Any) -> None:
        """Editor settings (the `answerlint` section), checked key by key; bad keys are reported."""
        if isinstance(values, dict) and isinstance(values.get("answerlint"), dict):
            values = values["answerlint"]
        if not isinstance(values, dict):
            values = {}
        accepted: dict[str, Any] = {}
        problems = []
        for name, value in values.items():
            key = EDITOR_KEYS.get(name)
            if key is None or value is None:
                continue  # client-side settings (server path, trace) are not ours
            try:
                merge(Settings(), {key: value}, "editor settings", base=self._root())
            except ConfigError as error:
                problems.append(f"answerlint.{name}: {error.reason}")
                continue
            accepted[key] = value
        self.editor_values = accepted
        self.generation += 1
        for problem in problems:
            self.window_show_message(lsp.ShowMessageParams(
                lsp.MessageType.Warning, f"answerlint: setting ignored: {problem}"))

    def _root(self) -> Path | None:
        root = self.workspace.root_path if self.protocol._workspace else None
        return Path(root) if root else None

    def settings_for(self, uri: str) -> tuple[Settings, list[tuple[str, int, str]]]:
        """Defaults <- .answerlint.yaml <- editor settings (front matter is applied by lint).

        Also returns problems found on the way: (file, 1-based line, message).
        """
        key = (uri, self.generation)
        if key in self._settings_cache:
            return self._settings_cache[key]
        problems: list[tuple[str, int, str]] = []
        settings = Settings()
        path = to_fs_path(uri)
        found = find_config(Path(path)) if path else None
        if found is None and self._root():
            found = find_config(self._root())  # an untitled draft uses the workspace's file
        if found is not None:
            try:
                settings = load_config(found)
            except ConfigError as error:
                problems.append((str(found), error.line or 1, f"{error.key}: {error.reason}"))
        if self.editor_values:
            settings = merge(settings, self.editor_values, "editor settings", base=self._root())
        problems.extend((e.path, e.line, e.reason) for e in rules_at(settings.rule_paths).errors)
        if len(self._settings_cache) > 256:
            self._settings_cache.clear()
        self._settings_cache[key] = (settings, problems)
        return settings, problems

    def settings_changed(self) -> None:
        """Settings, a config file or a rule file changed: re-lint every open draft."""
        self.generation += 1
        self._settings_cache.clear()
        if not self.pull_mode:  # pulling clients re-lint on their next pull (refresh below)
            for uri in list(self.drafts):
                self.publish_when_ready(uri)
        self.publish_problems()
        if self.pull_mode and self._client_has("workspace", "diagnostics", "refresh_support"):
            self.workspace_diagnostic_refresh(None)
        if self._client_has("workspace", "code_lens", "refresh_support"):
            self.workspace_code_lens_refresh(None)

    def publish_problems(self) -> None:
        """Diagnostics on broken config and rule files, at their broken lines."""
        by_uri: dict[str, list[lsp.Diagnostic]] = {}
        for uri in self.drafts:
            for path, line, message in self.settings_for(uri)[1]:
                diagnostic = lsp.Diagnostic(
                    self._line_range(path, max(line - 1, 0)), message,
                    severity=lsp.DiagnosticSeverity.Error, code="invalid-config",
                    source="answerlint")
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
        end = lines.position(lines.line_end(line), self.encoding)
        return lsp.Range(lsp.Position(line, 0), lsp.Position(line, end.character))

    # -- linting -------------------------------------------------------------------------------

    def current(self, uri: str) -> OpenDraft | None:
        """The draft's lint for its current version, computed only when something changed."""
        draft = self.drafts.get(uri)
        if draft is None:
            return None
        document = self.workspace.get_text_document(uri)
        if draft.result is not None and draft.version == document.version \
                and draft.generation == self.generation:
            return draft
        text = document.source
        settings, _ = self.settings_for(uri)
        if len(text) > MAX_CHARS:
            draft.result = None
            draft.diagnostics = [lsp.Diagnostic(
                lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                f"answerlint checks drafts up to {MAX_CHARS:,} characters; this one has "
                f"{len(text):,}, so it was not checked. Split it into smaller files.",
                severity=lsp.DiagnosticSeverity.Information, code="too-large", source="answerlint")]
        else:
            with self.lock:
                if draft.cache is None:
                    draft.cache = _engine().AnswerCache()
                draft.result = _engine().lint(text, settings, cache=draft.cache,
                                              budget=ANSWER_BUDGET)
            draft.diagnostics = self.diagnostics(draft, draft.result)
        draft.version, draft.generation = document.version, self.generation
        draft.result_id = self._result_id(text)
        return draft

    def _result_id(self, text: str) -> str:
        # The text and the settings decide the diagnostics, so they make the result id.
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8)
        digest.update(str(self.generation).encode())
        return digest.hexdigest()

    @property
    def starting(self) -> bool:
        """True while the starter lints in the engine's place."""
        return (self.starter is not None and not self.starter.closed
                and not self.engine_ready.is_set())

    async def _lint_by_starter(self, uri: str) -> int | None:
        """Fill in the draft's diagnostics from the starter's lint; returns the document
        version they are for, or None when the server must lint it itself (the starter is
        gone, or the text or the settings changed meanwhile)."""
        assert self.starter is not None
        document = self.workspace.get_text_document(uri)
        version, generation, text = document.version, self.generation, document.source
        if len(text) > MAX_CHARS:
            return None
        settings, _ = self.settings_for(uri)
        findings = await asyncio.to_thread(self.starter.lint, text, settings, ANSWER_BUDGET)
        draft = self.drafts.get(uri)
        if findings is None or draft is None or draft.result is not None \
                or document.version != version or self.generation != generation:
            return None
        lines = LineIndex(text)
        draft.diagnostics = [self.diagnostic(f, lines) for f in findings]
        draft.result_id = self._result_id(text)
        log.info("%s: first diagnostics from the starter", uri)
        return version

    def publish_when_ready(self, uri: str) -> None:
        """Publish now, or, while the engine loads, once the starter has linted the draft
        (the event loop meanwhile goes on with other messages)."""
        if self.starting:
            asyncio.get_running_loop().create_task(self._publish_first(uri))
        else:
            self.publish(uri)

    async def _engine_loaded(self) -> None:
        """While the starter stands in, a request that needs the engine's full result
        waits for the warm-up off the event loop, so that the starter's replies and other
        messages are handled meanwhile."""
        if self.starting and self.warming_up:
            await asyncio.to_thread(self.engine_ready.wait)

    async def _publish_first(self, uri: str) -> None:
        try:
            document = self.workspace.get_text_document(uri)
            asked = (document.version, self.generation)
            version = await self._lint_by_starter(uri)
            draft = self.drafts.get(uri)
            if draft is None:  # closed meanwhile: publish nothing
                return
            if version is not None:
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                    uri, draft.diagnostics, version=version))
            elif (document.version, self.generation) == asked:
                self.publish(uri)  # the server's own lint, once its engine is loaded
            # else the text or the settings changed meanwhile, and that change publishes
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)

    def diagnostics(self, draft: OpenDraft, result: LintResult) -> list[lsp.Diagnostic]:
        """The findings as diagnostics. An answer with the same text on the same line and
        the same findings as in the last lint keeps its diagnostics (and their JSON)."""
        text, lines = result.document.text, result.document.lines
        answers = {a.index: a for a in result.document.answers}
        groups: dict[int, list[Finding]] = {}
        for finding in result.findings:  # sorted by offset, so grouped answer by answer
            groups.setdefault(finding.answer, []).append(finding)
        out: list[lsp.Diagnostic] = []
        kept: dict[tuple, list[lsp.Diagnostic]] = {}
        for index, findings in groups.items():
            answer = answers.get(index)
            if answer is None:  # not in an answer (a broken front matter)
                out.extend(self.diagnostic(f, lines) for f in findings)
                continue
            key = (text[answer.start : answer.end], lines.line_of(answer.start), self.encoding,
                   tuple((f.rule, f.severity, f.message, f.start - answer.start,
                          f.end - answer.start) for f in findings))
            made = draft.by_answer.get(key)
            if made is None:
                made = [self.diagnostic(f, lines) for f in findings]
            kept[key] = made
            out.extend(made)
        draft.by_answer = kept
        return out

    def diagnostic(self, finding: Finding, lines: LineIndex) -> lsp.Diagnostic:
        href = docs_url(finding.rule)
        data: dict[str, Any] = {"rule": finding.rule}
        if finding.replacements:
            data["replacements"] = finding.replacements
        if "snippet" in finding.data:
            data["snippet"] = finding.data["snippet"]
        if "level" in finding.data:
            data["level"] = finding.data["level"]
        return wire.WireDiagnostic(
            self._range(lines, finding.start, finding.end), finding.message,
            severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Information),
            code=finding.rule, source="answerlint",
            code_description=lsp.CodeDescription(href) if href else None, data=data)

    def range(self, result: LintResult, start: int, end: int) -> lsp.Range:
        return self._range(result.document.lines, start, end)

    def _range(self, lines: LineIndex, start: int, end: int) -> lsp.Range:
        a, b = lines.position(start, self.encoding), lines.position(end, self.encoding)
        return lsp.Range(lsp.Position(a.line, a.character), lsp.Position(b.line, b.character))

    def offset(self, result: LintResult, position: lsp.Position) -> int:
        return result.document.lines.offset(Position(position.line, position.character),
                                            self.encoding)

    def publish(self, uri: str) -> None:
        draft = self.current(uri)
        if draft is None:
            return
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri, draft.diagnostics, version=draft.version))

    def schedule(self, uri: str) -> None:
        """Push diagnostics once typing pauses; a newer change cancels the pending run.
        The lint itself runs at once (when no newer change is waiting), so the push at the
        end of the pause only sends what is ready."""
        draft = self.drafts.get(uri)
        if draft is None:
            return
        if draft.pending is not None:
            draft.pending.cancel()
        loop = asyncio.get_running_loop()
        draft.pending = loop.call_later(DEBOUNCE_SECONDS, self._debounced, uri)
        loop.call_soon(self._lint_soon, uri)

    def _lint_soon(self, uri: str) -> None:
        if uri not in self.drafts or self.starting:  # the debounced publish asks the starter
            return
        try:
            self.current(uri)  # cached for this version; a later change lints afresh
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)

    def _debounced(self, uri: str) -> None:
        draft = self.drafts.get(uri)
        if draft is None:  # closed meanwhile: publish nothing
            return
        draft.pending = None
        try:
            self.publish_when_ready(uri)
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)

    # -- code actions ------------------------------------------------------------------------

    def fixes_for(self, uri: str, start: int, end: int, only: list[str] | None) -> list[Fix]:
        draft = self.current(uri)
        if draft is None or draft.result is None:
            return []
        result = draft.result
        wanted = (lambda kind: True) if not only else (
            lambda kind: any(kind == o or kind.startswith(o + ".") for o in only))
        found: list[Fix] = []
        if wanted(lsp.CodeActionKind.QuickFix):
            touching = [f for f in result.findings if f.rule != "level"
                        and f.start <= end and start <= f.end]
            snippets = self._client_has("workspace", "workspace_edit", "snippet_edit_support")
            for finding in touching:
                found.extend(rewrites(finding))
                step = insert_step(finding, result.document.text, snippets)
                if step is not None:
                    found.append(step)
            first_of_rule: dict[str, Finding] = {}
            for finding in touching:
                if finding.rule not in ("invalid-config", "too-large"):  # not rules
                    first_of_rule.setdefault(finding.rule, finding)
            for finding in first_of_rule.values():
                found.append(disable_for_file(finding, result.document))
        if wanted(FIX_ALL_KIND):
            edits = fix_all(result.findings)
            if edits:
                found.append(Fix("Fix all answerlint rewrites in this file", tuple(edits)))
        return found

    def workspace_edit(self, uri: str, edits: tuple[Edit, ...] | list[Edit], snippet: bool
                       ) -> lsp.WorkspaceEdit:
        draft = self.drafts[uri]
        assert draft.result is not None
        text_edits: list[lsp.TextEdit | lsp.SnippetTextEdit] = []
        for edit in edits:
            where = self.range(draft.result, edit.start, edit.end)
            text_edits.append(lsp.SnippetTextEdit(where, lsp.StringValue(edit.new_text))
                              if snippet else lsp.TextEdit(where, edit.new_text))
        if self._client_has("workspace", "workspace_edit", "document_changes"):
            identifier = lsp.OptionalVersionedTextDocumentIdentifier(uri, draft.version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(identifier, text_edits)])
        return lsp.WorkspaceEdit(changes={uri: text_edits})  # type: ignore[dict-item]

    # -- handlers -----------------------------------------------------------------------------

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
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False))(self.on_code_action)
        feature(lsp.TEXT_DOCUMENT_HOVER)(self.on_hover)
        feature(lsp.TEXT_DOCUMENT_CODE_LENS, lsp.CodeLensOptions(resolve_provider=False))(
            self.on_code_lens)
        feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)(self.on_configuration)
        feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)(self.on_watched_files)
        self.command("answerlint.showSummary")(_plain(self.show_summary))
        self.command("answerlint.fixAll")(_plain(self.apply_fix_all))

    def on_initialize(self, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            self.set_editor_values(options.get("settings", options))
        self.warming_up = True
        threading.Thread(target=self._warm_up, daemon=True).start()

    def _warm_up(self) -> None:
        """Build the NLP pipeline while the client is still opening its first draft."""
        with self.lock:
            try:
                _engine().prepare()
            except Exception:
                log.exception("warm-up failed")
            finally:
                self.engine_ready.set()
        if self.starter is not None:
            self.starter.close()

    async def on_initialized(self, params: lsp.InitializedParams) -> None:
        if self._client_has("workspace", "did_change_watched_files", "dynamic_registration"):
            watchers = [lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in
                        ("**/.answerlint.yaml", "**/.answerlint.yml", "**/*.yaml", "**/*.yml")]
            try:
                await self.client_register_capability_async(lsp.RegistrationParams([
                    lsp.Registration("answerlint-watch", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                     lsp.DidChangeWatchedFilesRegistrationOptions(watchers))]))
            except Exception:
                log.warning("client refused file watching; config edits need a reopen")
        await self._pull_configuration()

    async def _pull_configuration(self) -> None:
        if not self._client_has("workspace", "configuration"):
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
        self.drafts[item.uri] = OpenDraft()
        if not self.pull_mode:
            self.publish_when_ready(item.uri)
        self.publish_problems()

    def on_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        if not self.pull_mode:
            self.schedule(params.text_document.uri)

    def on_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if Path(to_fs_path(uri) or "").name.startswith(".answerlint.") or uri.endswith(".yaml"):
            self.settings_changed()  # a config or rule file saved in the editor

    def on_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        draft = self.drafts.pop(params.text_document.uri, None)
        if draft is None:
            return
        if draft.pending is not None:
            draft.pending.cancel()
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(params.text_document.uri, []))

    async def on_pull(self, params: lsp.DocumentDiagnosticParams
                      ) -> lsp.DocumentDiagnosticReport:
        uri = params.text_document.uri
        if uri not in self.drafts:
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        if not self.starting or await self._lint_by_starter(uri) is None:
            self.current(uri)
        draft = self.drafts.get(uri)
        if draft is None:  # closed while the starter worked
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        if params.previous_result_id == draft.result_id:
            return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=draft.result_id)
        return lsp.RelatedFullDocumentDiagnosticReport(items=draft.diagnostics,
                                                       result_id=draft.result_id)

    async def on_code_action(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        await self._engine_loaded()
        uri = params.text_document.uri
        draft = self.current(uri)
        if draft is None or draft.result is None:
            return []
        start = self.offset(draft.result, params.range.start)
        end = self.offset(draft.result, params.range.end)
        only = [str(kind) for kind in params.context.only] if params.context.only else None
        actions = []
        for fix in self.fixes_for(uri, start, end, only):
            diagnostics = None
            kind = FIX_ALL_KIND
            if fix.finding is not None:
                kind = lsp.CodeActionKind.QuickFix
                diagnostics = [self.diagnostic(fix.finding, draft.result.document.lines)]
            actions.append(lsp.CodeAction(
                fix.title, kind=kind, diagnostics=diagnostics,
                is_preferred=fix.preferred or None,
                edit=self.workspace_edit(uri, fix.edits, fix.snippet)))
        return actions

    async def on_hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        await self._engine_loaded()
        uri = params.text_document.uri
        draft = self.current(uri)
        if draft is None or draft.result is None:
            return None
        result = draft.result
        at = self.offset(result, params.position)
        line = result.document.lines.line_of(at)
        parts = []
        for summary in result.summaries:
            if result.document.lines.line_of(summary.start) == line:
                level = next((f for f in result.findings if f.rule == "level"
                              and f.answer == summary.answer), None)
                parts.append(answer_hover(summary, level.message if level else ""))
        rules = _engine().rules_for(result.settings).rules
        here = [f for f in result.findings if f.rule in rules and f.rule != "level"
                and f.start <= at <= f.end]
        for finding in sorted(here, key=lambda f: f.end - f.start):  # the most specific first
            parts.append(rule_hover(rules[finding.rule], finding.message))
        if not parts:
            return None
        return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))

    async def on_code_lens(self, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        await self._engine_loaded()
        uri = params.text_document.uri
        draft = self.current(uri)
        if draft is None or draft.result is None:
            return []
        lenses = []
        for summary in draft.result.summaries:
            spot = self.range(draft.result, summary.start, summary.start)
            lenses.append(lsp.CodeLens(spot, lsp.Command(
                lens_title(summary), "answerlint.showSummary", arguments=[uri, summary.answer]),
                data={"answer": summary.answer, "level": summary.level,
                      "levelName": summary.level_name, "spoken": spoken(summary.spoken_seconds),
                      "words": summary.words, "shares": summary.shares}))
        return lenses

    async def on_configuration(self, params: lsp.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and "answerlint" in settings:
            self.set_editor_values(settings["answerlint"])
            self.settings_changed()
        else:  # the client only says "something changed": ask for our section
            await self._pull_configuration()

    def on_watched_files(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        self.settings_changed()

    def show_summary(self, *args: Any) -> str | None:
        """The code lens's command: the answer's summary, shown as a message by the server."""
        if len(args) != 2 or not isinstance(args[0], str) or not isinstance(args[1], int):
            return None
        draft = self.current(args[0])
        if draft is None or draft.result is None:
            return None
        for summary in draft.result.summaries:
            if summary.answer == args[1]:
                text = answer_hover(summary).replace("```text\n", "").replace("\n```", "")
                self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Info,
                                                               text.replace("**", "")))
                return text
        return None

    async def apply_fix_all(self, *args: Any) -> bool:
        """A command the server carries out itself: every safe rewrite, as one edit."""
        if not args or not isinstance(args[0], str):
            return False
        uri = args[0]
        draft = self.current(uri)
        if draft is None or draft.result is None:
            return False
        edits = fix_all(draft.result.findings)
        if not edits:
            return True
        response = await self.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(
            self.workspace_edit(uri, edits, False), label="answerlint: fix all"))
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


def serve(tcp: str | None = None, starter: Starter | None = None) -> None:
    server = AnswerlintServer(starter)
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io()
