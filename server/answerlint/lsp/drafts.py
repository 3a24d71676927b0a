"""The open drafts: their text and version (kept by the workspace, see text.py), their
last lint and its diagnostics, the per-answer cache that makes re-linting after a
keystroke cheap, and the schedule of pushed diagnostics while the user types.

A draft is linted only when its text or the settings changed since its last lint
(`current`). Lints run off the event loop, on one engine thread (the engine is not made
for two lints at once), in steps: a long draft's paragraphs are tokenized some 20,000
characters at a time (`prime`), and each step is queued behind whatever other drafts asked
for meanwhile, so a hover on a short draft is answered between the steps of a long one.
Between steps a lint whose text is no longer the draft's is dropped: only the newest text
is linted to the end, and nothing older is published.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from lsprotocol import types as lsp

from answerlint.engine.findings import TOO_LARGE
from answerlint.engine.positions import LineIndex
from answerlint.lsp.convert import note_diagnostic

if TYPE_CHECKING:
    from answerlint.engine.cache import AnswerCache
    from answerlint.engine.lint import LintResult
    from answerlint.lsp.server import AnswerlintServer

log = logging.getLogger(__name__)
T = TypeVar("T")

DEBOUNCE_SECONDS = 0.1  # after the last keystroke, before a pushed lint
MAX_CHARS = 2_000_000  # larger documents get one diagnostic instead of a lint
# While a draft is edited, answers past its first 500,000 characters (about 85,000 words,
# under a second to lint the first time) are left unchecked, with one diagnostic saying so.
ANSWER_BUDGET = 500_000
STEP_CHARS = 20_000  # of paragraphs tokenized per engine step: about 0.2 s


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
    job: asyncio.Task[bool] | None = None  # the lint under way
    job_for: tuple[str, int] | None = None  # the (text, settings generation) it lints


class Drafts:
    def __init__(self, server: AnswerlintServer) -> None:
        self.server = server
        self.open: dict[str, OpenDraft] = {}
        self.lock = threading.Lock()  # the engine runs one lint at a time
        self.engine_ready = threading.Event()  # set once the warm-up has loaded the engine
        # One thread, first come first served: the steps of different drafts' lints take
        # turns on it in the order they were asked for.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="answerlint-lint")

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
        return True  # a lint under way sees the draft is gone and is dropped

    # -- linting ---------------------------------------------------------------------------

    def linted(self, uri: str) -> OpenDraft | None:
        """The draft when its last lint is of its current text and settings, else None."""
        draft = self.open.get(uri)
        if draft is None:
            return None
        document = self.server.workspace.get_text_document(uri)
        # The text, not its version, says whether the last lint still holds: a client may
        # send a version twice or go back to an older one.
        if draft.text == document.source and draft.generation == self.server.generation:
            draft.version = document.version
            return draft
        return None

    async def current(self, uri: str) -> OpenDraft | None:
        """The draft with a lint of its current text and settings: the last one when
        neither changed, else the one under way or a new one. When the text changes while
        waiting, the newer text's. None when the draft is not open."""
        while True:
            draft = self.open.get(uri)
            if draft is None:
                return None
            if self.linted(uri) is not None:
                return draft
            document = self.server.workspace.get_text_document(uri)
            asked = (document.source, self.server.generation)
            if draft.job is None or draft.job.done() or draft.job_for != asked:
                draft.job = asyncio.get_running_loop().create_task(
                    self._lint(uri, draft, *asked, document.version))
                draft.job_for = asked
            # Shielded: a cancelled request must not cancel a lint others wait for.
            await asyncio.shield(draft.job)

    async def result(self, uri: str) -> LintResult | None:
        """The lint of the draft as it is now (None when not open or too large)."""
        draft = await self.current(uri)
        return draft.result if draft is not None else None

    async def _in_engine(self, work: Callable[[], T]) -> T:
        def locked() -> T:
            with self.lock:  # held by the warm-up while it loads the engine
                return work()
        return await asyncio.get_running_loop().run_in_executor(self.executor, locked)

    async def _lint(self, uri: str, draft: OpenDraft, text: str, generation: int,
                    version: int | None) -> bool:
        """Lint this text of the draft in steps; False when it was dropped (the text, the
        settings or the draft changed meanwhile, and a newer lint takes over)."""
        server = self.server
        document = server.workspace.get_text_document(uri)

        def stale() -> bool:
            return (self.open.get(uri) is not draft or document.source != text
                    or server.generation != generation)

        if stale():  # changed before this task began
            return False
        try:
            settings = server.settings_for(uri).settings
            if len(text) > MAX_CHARS:
                draft.result, draft.by_answer = None, {}
                draft.diagnostics = [note_diagnostic(
                    TOO_LARGE,
                    f"answerlint checks drafts up to {MAX_CHARS:,} characters; this one has "
                    f"{len(text):,}, so it was not checked. Split it into smaller files.",
                    lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                    lsp.DiagnosticSeverity.Information)]
            else:
                if draft.cache is None:
                    draft.cache = await self._in_engine(lambda: engine().AnswerCache())
                cache = draft.cache
                while not await self._in_engine(lambda: engine().prime(
                        text, settings, cache=cache, budget=ANSWER_BUDGET, chars=STEP_CHARS)):
                    if stale():
                        return False
                if stale():
                    return False
                result = await self._in_engine(lambda: engine().lint(
                    text, settings, cache=cache, budget=ANSWER_BUDGET))
                if stale():
                    return False
                draft.result = result
                draft.diagnostics, draft.by_answer = server.positions.diagnostics(
                    result, draft.by_answer)
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)
            draft.result, draft.diagnostics = None, []
        draft.text, draft.version, draft.generation = text, version, generation
        draft.result_id = self._result_id(text)
        return True

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
            return await self.current(uri)
        return self.open.get(uri)

    # -- pushed diagnostics ---------------------------------------------------------------

    def publish(self, uri: str) -> None:
        """Publish now, or, while the engine loads, once the starter has linted the draft
        (the event loop meanwhile goes on with other messages)."""
        loop = asyncio.get_running_loop()
        loop.create_task(self._publish_first(uri) if self.starting else self._publish_own(uri))

    async def _publish_own(self, uri: str) -> None:
        try:
            draft = await self.current(uri)
        except Exception:  # a bug must not take the editor's server down
            log.exception("lint failed for %s", uri)
            return
        # Only a lint of the text the draft has now: when it changed meanwhile, the change
        # publishes its own.
        if draft is None or self.linted(uri) is None:
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
                await self._publish_own(uri)  # the server's own lint, once its engine is loaded
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
        if not self.starting:  # else the debounced publish asks the starter
            loop.create_task(self._lint_soon(uri))

    async def _lint_soon(self, uri: str) -> None:
        try:
            await self.current(uri)  # kept for this version; a later change lints afresh
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
