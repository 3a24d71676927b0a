"""The open drafts: their text and version (kept by the workspace, see text.py), their
last lint and its diagnostics, the per-answer cache that makes re-linting after a
keystroke cheap, and the schedule of pushed diagnostics while the user types.

A draft is linted only when its text or the settings changed since its last lint
(`lint_now`); the engine runs one lint at a time.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from answerlint.engine.findings import TOO_LARGE
from answerlint.engine.positions import LineIndex
from answerlint.lsp.convert import note_diagnostic

if TYPE_CHECKING:
    from answerlint.engine.cache import AnswerCache
    from answerlint.engine.lint import LintResult
    from answerlint.lsp.server import AnswerlintServer

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.1  # after the last keystroke, before a pushed lint
MAX_CHARS = 2_000_000  # larger documents get one diagnostic instead of a lint
# While a draft is edited, answers past its first 500,000 characters (about 85,000 words,
# under a second to lint the first time) are left unchecked, with one diagnostic saying so.
ANSWER_BUDGET = 500_000


def engine() -> ModuleType:
    """`answerlint.engine.lint`, imported on first use: it loads spaCy (about 0.7 s), and
    `initialize` should be answered before that, while the warm-up thread loads it."""
    import answerlint.engine.lint

    return answerlint.engine.lint


@dataclass
class OpenDraft:
    cache: AnswerCache | None = None  # made on the first lint: the engine may be loading
    result: LintResult | None = None
    text: str | None = None  # the text `result` and `diagnostics` are for
    version: int | None = None  # the client's version of that text, to label a push with
    generation: int = -1  # the settings generation `result` is for
    pending: asyncio.TimerHandle | None = None
    diagnostics: list[lsp.Diagnostic] = field(default_factory=list)
    by_answer: dict[tuple, list[lsp.Diagnostic]] = field(default_factory=dict)  # see convert
    result_id: str = ""


class Drafts:
    def __init__(self, server: AnswerlintServer) -> None:
        self.server = server
        self.open: dict[str, OpenDraft] = {}
        self.lock = threading.Lock()  # the engine runs one lint at a time
        self.engine_ready = threading.Event()  # set once the warm-up has loaded the engine

    def __contains__(self, uri: str) -> bool:
        return uri in self.open

    def add(self, uri: str) -> None:
        self.open[uri] = OpenDraft()

    def close(self, uri: str) -> bool:
        """Forget the draft; False when it was not open."""
        draft = self.open.pop(uri, None)
        if draft is None:
            return False
        if draft.pending is not None:
            draft.pending.cancel()
        return True

    # -- linting ---------------------------------------------------------------------------

    def lint_now(self, uri: str) -> OpenDraft | None:
        """The draft with a lint of its current text and settings: the last one when
        neither changed, else a new one (which runs the engine, so call it where a lint
        may run). None when the draft is not open."""
        draft = self.open.get(uri)
        if draft is None:
            return None
        server = self.server
        document = server.workspace.get_text_document(uri)
        text = document.source
        # The text, not its version, says whether the last lint still holds: a client may
        # send a version twice or go back to an older one.
        if draft.text == text and draft.generation == server.generation:
            draft.version = document.version
            return draft
        settings = server.settings_for(uri).settings
        if len(text) > MAX_CHARS:
            draft.result = None
            draft.diagnostics = [note_diagnostic(
                TOO_LARGE,
                f"answerlint checks drafts up to {MAX_CHARS:,} characters; this one has "
                f"{len(text):,}, so it was not checked. Split it into smaller files.",
                lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                lsp.DiagnosticSeverity.Information)]
        else:
            with self.lock:
                if draft.cache is None:
                    draft.cache = engine().AnswerCache()
                draft.result = engine().lint(text, settings, cache=draft.cache,
                                             budget=ANSWER_BUDGET)
            draft.diagnostics, draft.by_answer = server.positions.diagnostics(
                draft.result, draft.by_answer)
        draft.text, draft.version, draft.generation = text, document.version, server.generation
        draft.result_id = self._result_id(text)
        return draft

    def result(self, uri: str) -> LintResult | None:
        """The lint of the draft as it is now (None when not open or too large)."""
        draft = self.lint_now(uri)
        return draft.result if draft is not None else None

    def _result_id(self, text: str) -> str:
        # The text and the settings decide the diagnostics, so they make the result id.
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8)
        digest.update(str(self.server.generation).encode())
        return digest.hexdigest()

    # -- while the engine loads: the starter's lint ---------------------------------------

    @property
    def starting(self) -> bool:
        """True while the starter lints in the engine's place."""
        starter = self.server.starter
        return starter is not None and not starter.closed and not self.engine_ready.is_set()

    async def lint_by_starter(self, uri: str) -> int | None:
        """Fill in the draft's diagnostics from the starter's lint; returns the document
        version they are for, or None when the server must lint it itself (the starter is
        gone, or the text or the settings changed meanwhile)."""
        server = self.server
        assert server.starter is not None
        document = server.workspace.get_text_document(uri)
        generation, text = server.generation, document.source
        if len(text) > MAX_CHARS:
            return None
        settings = server.settings_for(uri).settings
        findings = await asyncio.to_thread(server.starter.lint, text, settings, ANSWER_BUDGET)
        draft = self.open.get(uri)
        if findings is None or draft is None or draft.result is not None \
                or document.source != text or server.generation != generation:
            return None
        lines = LineIndex(text)
        draft.diagnostics = [server.positions.diagnostic(f, lines) for f in findings]
        draft.result_id = self._result_id(text)
        log.info("%s: first diagnostics from the starter", uri)
        return document.version  # the text is as it was: label it with its version now

    async def engine_loaded(self) -> None:
        """While the starter stands in, a request that needs the engine's full result
        waits for the warm-up off the event loop, so that the starter's replies and other
        messages are handled meanwhile."""
        if self.starting and self.server.warming_up:
            await asyncio.to_thread(self.engine_ready.wait)

    async def pull(self, uri: str) -> OpenDraft | None:
        """The draft with diagnostics for its text, from the starter while it stands in."""
        if not self.starting or await self.lint_by_starter(uri) is None:
            self.lint_now(uri)
        return self.open.get(uri)

    # -- pushed diagnostics ---------------------------------------------------------------

    def publish(self, uri: str) -> None:
        """Publish now, or, while the engine loads, once the starter has linted the draft
        (the event loop meanwhile goes on with other messages)."""
        if self.starting:
            asyncio.get_running_loop().create_task(self._publish_first(uri))
        else:
            self._publish_own(uri)

    def _publish_own(self, uri: str) -> None:
        draft = self.lint_now(uri)
        if draft is None:
            return
        self.server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri, draft.diagnostics, version=draft.version))

    async def _publish_first(self, uri: str) -> None:
        try:
            document = self.server.workspace.get_text_document(uri)
            asked = (document.source, self.server.generation)
            version = await self.lint_by_starter(uri)
            draft = self.open.get(uri)
            if draft is None:  # closed meanwhile: publish nothing
                return
            if version is not None:
                self.server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                    uri, draft.diagnostics, version=version))
            elif (document.source, self.server.generation) == asked:
                self._publish_own(uri)  # the server's own lint, once its engine is loaded
            # else the text or the settings changed meanwhile, and that change publishes
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)

    def schedule(self, uri: str) -> None:
        """Push diagnostics once typing pauses; a newer change cancels the pending run.
        The lint itself runs at once (when no newer change is waiting), so the push at the
        end of the pause only sends what is ready."""
        draft = self.open.get(uri)
        if draft is None:
            return
        if draft.pending is not None:
            draft.pending.cancel()
        loop = asyncio.get_running_loop()
        draft.pending = loop.call_later(DEBOUNCE_SECONDS, self._debounced, uri)
        loop.call_soon(self._lint_soon, uri)

    def _lint_soon(self, uri: str) -> None:
        if uri not in self.open or self.starting:  # the debounced publish asks the starter
            return
        try:
            self.lint_now(uri)  # kept for this version; a later change lints afresh
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)

    def _debounced(self, uri: str) -> None:
        draft = self.open.get(uri)
        if draft is None:  # closed meanwhile: publish nothing
            return
        draft.pending = None
        try:
            self.publish(uri)
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)
