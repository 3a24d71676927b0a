"""A forked helper that lints the first drafts while the language server is still loading.

A cold server spends about half a second importing pygls and lsprotocol and more than that
importing spaCy and building the rules, one after the other. Neither needs the other, and
the machine has more than one core: `answerlint lsp` forks this starter before importing
either. The starter loads the engine and lints the drafts the editor opens meanwhile; the
server, once it has loaded the engine too, closes the pipe and the starter exits.

The starter sends back plain findings: the server turns them into diagnostics itself, so
the first diagnostics are the ones its own lint would have made. Anything that goes wrong
here (no fork on this system, the starter dead, an unpicklable value) makes `lint` return
None, and the server lints in-process as it would without a starter.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from answerlint.engine.findings import Finding
    from answerlint.settings import Settings


class Starter:
    def __init__(self, pid: int, requests: int, replies: int) -> None:
        self.pid = pid
        self._requests = os.fdopen(requests, "wb")
        self._replies = os.fdopen(replies, "rb")
        self._lock = threading.Lock()  # one request in flight at a time
        self._closed = False
        self._released = False

    @classmethod
    def fork(cls) -> Starter | None:
        """Fork the starter. Call before any thread starts. None where there is no fork,
        or only one CPU to run on: there the two would only take turns."""
        if not hasattr(os, "fork") or _cpus() < 2:
            return None
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (to_child, from_parent, to_parent, from_child):
                os.close(fd)
            return None
        if pid == 0:  # the child never returns
            os.close(from_parent)
            os.close(to_parent)
            _serve(to_child, from_child)
        os.close(to_child)
        os.close(from_child)
        return cls(pid, from_parent, to_parent)

    @property
    def closed(self) -> bool:
        return self._closed

    def lint(self, text: str, settings: Settings, budget: int) -> list[Finding] | None:
        """The findings of `engine.lint(text, settings, budget=budget)`, made by the starter
        (blocking: call from a worker thread), or None if the starter cannot make them."""
        with self._lock:
            if self._closed:
                return None
            try:
                pickle.dump((text, settings, budget), self._requests,
                            protocol=pickle.HIGHEST_PROTOCOL)
                self._requests.flush()
                findings = pickle.load(self._replies)
            except Exception:  # the starter died or sent something unreadable
                self._release()
                return None
            return findings

    def close(self) -> None:
        """Stop the starter and reap it; later `lint` calls return None. A request in
        flight ends with the starter (and returns None)."""
        self._closed = True
        try:
            os.kill(self.pid, signal.SIGTERM)  # it may still be loading: no need to wait
        except OSError:
            pass
        with self._lock:
            self._release()

    def _release(self) -> None:
        if self._released:
            return
        self._released = self._closed = True
        try:
            os.kill(self.pid, signal.SIGTERM)
        except OSError:
            pass
        for stream in (self._requests, self._replies):
            try:
                stream.close()
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _serve(requests_fd: int, replies_fd: int) -> None:
    """The child: load the engine, answer requests until the pipe closes, then exit."""
    status = 0
    try:
        # The editor's pipes are the server's: the starter neither reads nor writes them,
        # so that the editor sees the server's end of them close when the server exits.
        quiet = os.open(os.devnull, os.O_RDWR)
        os.dup2(quiet, 0)
        os.dup2(quiet, 1)
        from answerlint.engine import lint as engine

        engine.prepare()
        with os.fdopen(requests_fd, "rb") as requests, os.fdopen(replies_fd, "wb") as replies:
            while True:
                try:
                    text, settings, budget = pickle.load(requests)
                except EOFError:
                    break
                try:
                    findings = engine.lint(text, settings, budget=budget).findings
                except Exception:  # the server lints this one itself and logs the error
                    findings = None
                pickle.dump(findings, replies, protocol=pickle.HIGHEST_PROTOCOL)
                replies.flush()
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # never the parent's atexit handlers or buffered output
