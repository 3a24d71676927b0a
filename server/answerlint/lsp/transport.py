"""Reading messages off stdio or a socket, with framing that survives a lying header.

pygls's reader trusts `Content-Length`: a body 20 bytes short or 60 long shifts every later
message and the server goes deaf, and a huge one is read whole (MemoryError). Here reading
resumes at the next `Content-Length` header whatever came before it, a body longer than
MAX_BODY is skipped, and the process exits with `exit`'s code (0 after `shutdown`, else 1),
which pygls's runner swallows.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING

from pygls.io_ import StdoutWriter

if TYPE_CHECKING:
    from pygls.lsp.server import LanguageServer

    from answerlint.lsp.protocol import AnswerlintProtocol

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024  # one message; a draft is at most 2 MB (drafts.MAX_CHARS)
CHUNK = 65536
_HEADER = re.compile(rb"content-length[ \t]*:[ \t]*(\d{1,20})[ \t]*\r\n", re.I)
_FIELD = re.compile(rb"[!-9;-~]+[ \t]*:[^\r\n]*\r\n")  # another header line (Content-Type)
_KEEP = 64  # bytes kept of a long unframed line: the start of a header may be among them
_LINE = 1024  # longer header lines are not waited for


class Framer:
    """Splits a byte stream into message bodies. A body ends after `Content-Length` bytes,
    or earlier where another message's header begins inside it: a header line (its CR LF
    raw) cannot occur in JSON, so one there means the length was too long."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self._scanned = 0  # how far the current partial body has been searched for a header

    def feed(self, data: bytes) -> Iterator[bytes]:
        self.buffer += data
        while (body := self._next()) is not None:
            yield body

    def _next(self) -> bytes | None:
        buffer = self.buffer
        while True:
            header = _HEADER.search(buffer)
            if header is None:  # keep the line still arriving: a header may begin it
                cut = buffer.rfind(b"\n") + 1
                self._skip(cut if len(buffer) - cut <= _LINE else len(buffer) - _KEEP)
                return None
            length = int(header.group(1))
            self._skip(header.start())
            start = header.end() - header.start()
            while not buffer.startswith(b"\r\n", start):  # the rest of the header block
                field = _FIELD.match(buffer, start)
                if field is not None:
                    start = field.end()
                elif buffer.find(b"\r\n", start) < 0 and len(buffer) - start < _LINE:
                    return None  # the line is still arriving
                else:
                    break
            else:
                start += 2
                if length <= MAX_BODY:
                    return self._body(start, length)
                log.error("message of %d bytes refused (at most %d); reading on at the "
                          "next header", length, MAX_BODY)
                del buffer[:start]  # its header; its body goes as bytes before the next one
                continue
            log.error("malformed header block: %.80r", bytes(buffer[:start + 80]))
            self._skip(1)  # and look for the next header past this one

    def _body(self, start: int, length: int) -> bytes | None:
        buffer = self.buffer
        end = start + length
        inside = _HEADER.search(buffer, max(start, self._scanned - _KEEP),
                                min(len(buffer), end + _KEEP))
        if inside is not None and inside.start() < end:
            log.error("Content-Length %d is longer than the message; reading on at the "
                      "next header", length)
            end = inside.start()
        elif len(buffer) < end:
            self._scanned = len(buffer)
            return None
        body = bytes(buffer[start:end])
        del buffer[:end]
        self._scanned = 0
        return body

    def _skip(self, count: int) -> None:
        if count <= 0:
            return
        dropped = bytes(self.buffer[:count])
        if dropped.strip() and not _only_fields(dropped):
            log.error("skipped %d bytes that are not a message: %.80r", count, dropped)
        del self.buffer[:count]
        self._scanned = 0


def _only_fields(data: bytes) -> bool:
    position = 0
    while position < len(data):
        field = _FIELD.match(data, position)
        if field is None:
            return False
        position = field.end()
    return True


async def _pump(protocol: AnswerlintProtocol, read: Callable[[], Awaitable[bytes]],
                stop: threading.Event) -> None:
    framer = Framer()
    while not stop.is_set():
        data = await read()
        if not data:
            log.info("the client closed the connection")
            return
        for body in framer.feed(data):
            try:
                protocol.receive(body)
            except Exception:  # a bug in one message must not stop the reading
                log.exception("failed to handle a message")
        await asyncio.sleep(0)  # let handlers run between chunks


def _stdin_reader() -> Callable[[], Awaitable[bytes]]:
    """Chunks of stdin, read by a daemon thread (an executor's thread, blocked in a read,
    would keep the process from exiting after `exit`). os.read: a daemon thread holding
    the buffered reader's lock at exit makes Python abort."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    fd = sys.stdin.fileno()

    def read_all() -> None:
        while True:
            try:
                data = os.read(fd, CHUNK)
            except OSError:
                data = b""
            try:
                loop.call_soon_threadsafe(queue.put_nowait, data)
            except RuntimeError:  # the loop is closed: the server has stopped
                return
            if not data:
                return

    threading.Thread(target=read_all, name="stdin", daemon=True).start()
    return queue.get


def _exit_code(done: SystemExit) -> int:
    return done.code if isinstance(done.code, int) else 0


def start_io(server: LanguageServer) -> int:
    """Serve over stdin and stdout; returns the exit code."""
    stop = server._stop_event = threading.Event()
    protocol: AnswerlintProtocol = server.protocol  # type: ignore[assignment]
    protocol.set_writer(StdoutWriter(sys.stdout.buffer))

    async def main() -> None:
        await _pump(protocol, _stdin_reader(), stop)

    try:
        asyncio.run(main())
    except SystemExit as done:  # `exit`
        return _exit_code(done)
    except BrokenPipeError:
        log.error("the client has gone; stopping")
    finally:
        server.shutdown()
    return 0


def start_tcp(server: LanguageServer, host: str, port: int) -> int:
    """Serve one client at a time on a TCP port; returns the exit code."""
    stop = server._stop_event = threading.Event()
    protocol: AnswerlintProtocol = server.protocol  # type: ignore[assignment]

    code = 0

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal code
        protocol.set_writer(writer)
        try:
            await _pump(protocol, lambda: reader.read(CHUNK), stop)
        except SystemExit as done:  # `exit`: raised in a callback, asyncio would log it
            code = _exit_code(done)
        server.shutdown()  # closes the listening socket: serve_forever ends

    async def main() -> None:
        server._server = await asyncio.start_server(connection, host, port)
        log.info("listening on %s:%s", host, port)
        async with server._server:
            await server._server.serve_forever()

    try:
        asyncio.run(main())
    except asyncio.CancelledError:
        pass
    return code
