"""The server over real stdio, fed raw bytes: lying headers, broken messages, bad params,
requests after shutdown, and the exit codes LSP asks for. After each bad message the
server must still answer the next good one."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from answerlint.lsp.transport import Framer

ROOT = Path(__file__).resolve().parent.parent
DRAFT = (ROOT / "examples" / "basic.md").as_uri()
WAIT = 30  # seconds: generous, for a loaded machine


def frame(message: Any, lie: int = 0) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % (len(body) + lie) + body


class RawServer:
    """`answerlint lsp` as a child process, with its replies read off stdout by a thread."""

    def __init__(self, log: Path) -> None:
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "answerlint", "lsp", "--no-starter"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        self.replies: queue.Queue[dict] = queue.Queue()
        self.early: dict[Any, dict] = {}  # replies read while waiting for another one
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        framer = Framer()
        assert self.process.stdout is not None
        while data := self.process.stdout.read1(65536):
            for body in framer.feed(data):
                self.replies.put(json.loads(body))

    def send(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def reply(self, msg_id: Any) -> dict:
        """The reply to request `msg_id` (notifications from the server are passed over)."""
        while msg_id not in self.early:
            message = self.replies.get(timeout=WAIT)
            if "method" not in message:
                assert message.get("id") not in self.early, f"two replies: {message}"
                self.early[message.get("id")] = message
        return self.early.pop(msg_id)

    def request(self, msg_id: Any, method: str, params: Any = None, lie: int = 0) -> dict:
        self.send(frame({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params},
                        lie))
        return self.reply(msg_id)

    def hover(self, msg_id: int) -> dict:
        return self.request(msg_id, "textDocument/hover", {
            "textDocument": {"uri": DRAFT}, "position": {"line": 0, "character": 3}})

    def close(self) -> int:
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except BrokenPipeError:
            pass
        code = self.process.wait(timeout=WAIT)
        self.log.close()
        return code


def answered(reply: dict) -> bool:
    return "result" in reply and reply["result"]["contents"]["value"].startswith("**")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> RawServer:
    server = RawServer(tmp_path_factory.mktemp("protocol") / "server.log")
    assert "result" in server.request(0, "initialize", {
        "processId": None, "rootUri": None, "capabilities": {}})
    server.send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    server.send(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": DRAFT, "languageId": "markdown", "version": 1,
                         "text": (ROOT / "examples" / "basic.md").read_text()}}}))
    assert answered(server.hover(1))
    yield server
    server.process.kill()
    server.close()


def hover_request(msg_id: int) -> dict:
    return {"jsonrpc": "2.0", "id": msg_id, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": DRAFT}, "position": {"line": 0, "character": 3}}}


def test_content_length_too_short_is_a_parse_error_then_reading_resumes(server):
    server.send(frame(hover_request(10), lie=-20))
    assert server.reply(10)["error"]["code"] == -32700
    assert answered(server.hover(11))


def test_content_length_too_long_ends_at_the_next_header(server):
    # the lying message is cut where the next one's header starts: both are answered
    server.send(frame(hover_request(12), lie=60) + frame(hover_request(13)))
    assert answered(server.reply(12)) and answered(server.reply(13))


def test_content_length_too_long_before_a_short_message(server):
    """The next message is shorter than the missing bytes: both are answered at once."""
    short = {"jsonrpc": "2.0", "id": 15, "method": "x"}
    assert len(frame(short)) < 100
    server.send(frame(hover_request(14), lie=100) + frame(short))
    assert answered(server.reply(14))
    assert server.reply(15)["error"]["code"] == -32601


def test_huge_content_length_is_refused_and_the_next_message_answered(server):
    server.send(b"Content-Length: 99999999999\r\n\r\n{\"jsonrpc\": \"2.0\"}")
    assert answered(server.hover(16))
    assert server.process.poll() is None


def test_a_message_arriving_byte_by_byte_is_read_whole(server):
    for byte in frame(hover_request(17)):
        server.send(bytes([byte]))
    assert answered(server.reply(17))


@pytest.mark.parametrize("params", [
    {"textDocument": 5, "position": {"line": 0, "character": 0}},
    {"textDocument": {"uri": DRAFT}, "position": {"line": -1, "character": 0}},
    None,
])
def test_hover_with_invalid_params_is_invalid_params(server, params):
    assert server.request(20, "textDocument/hover", params)["error"]["code"] == -32602
    assert answered(server.hover(21))


def test_code_action_without_context_is_invalid_params(server):
    reply = server.request(22, "textDocument/codeAction", {
        "textDocument": {"uri": DRAFT},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}})
    assert reply["error"]["code"] == -32602
    assert reply["error"]["message"].endswith("required field missing @ $.params.context")


def test_malformed_json_with_an_id_is_a_parse_error_for_that_id(server):
    server.send(frame(b'{"jsonrpc": "2.0", "id": 23, "method": "textDocument/hover", "par'))
    assert server.reply(23)["error"]["code"] == -32700
    server.send(frame(b"not json at all"))
    assert server.reply(None)["error"]["code"] == -32700
    assert answered(server.hover(24))


def test_not_a_json_rpc_request_is_invalid_request(server):
    server.send(frame({"id": 25, "method": "textDocument/hover"}))  # no "jsonrpc"
    assert server.reply(25)["error"]["code"] == -32600
    server.send(frame({"jsonrpc": "2.0", "id": {"no": 1}, "method": "shutdown"}))
    assert server.reply(None)["error"]["code"] == -32600
    server.send(frame([hover_request(26)]))  # a batch: LSP has none
    assert server.reply(None)["error"]["code"] == -32600
    assert answered(server.hover(27))


def test_unknown_request_is_method_not_found_and_unknown_notification_ignored(server):
    assert server.request(28, "answerlint/nothing", {})["error"]["code"] == -32601
    server.send(frame({"jsonrpc": "2.0", "method": "answerlint/nothing", "params": {}}))
    server.send(frame({"jsonrpc": "2.0", "method": "$/nothing", "params": {}}))
    assert answered(server.hover(29))
    assert not server.early  # no reply to the notifications came before the hover's


def test_zz_after_shutdown_requests_are_invalid_and_exit_gives_0(server):
    """Last in this module: it shuts the shared server down."""
    assert server.request(30, "shutdown") == {"jsonrpc": "2.0", "id": 30, "result": None}
    assert server.hover(31)["error"]["code"] == -32600
    server.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert server.process.wait(timeout=WAIT) == 0


def test_exit_without_shutdown_exits_1(tmp_path):
    server = RawServer(tmp_path / "server.log")
    assert "result" in server.request(0, "initialize", {
        "processId": None, "rootUri": None, "capabilities": {}})
    server.send(frame({"jsonrpc": "2.0", "method": "exit"}))  # stdin stays open
    assert server.process.wait(timeout=WAIT) == 1
    server.close()


def test_framer_reads_a_stream_however_it_is_cut(caplog):
    messages = [hover_request(n) for n in range(3)]
    stream = b"".join(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
                      + frame(m) for m in messages)
    for size in (1, 7, len(stream)):
        framer = Framer()
        bodies = [body for start in range(0, len(stream), size)
                  for body in framer.feed(stream[start:start + size])]
        assert [json.loads(b) for b in bodies] == messages
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # nothing was skipped


def test_exit_over_tcp_gives_the_same_codes(tmp_path):
    import socket
    import time

    for shutdown, expected in [(False, 1), (True, 0)]:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = subprocess.Popen([sys.executable, "-m", "answerlint", "lsp", "--no-starter",
                                    "--tcp", f"127.0.0.1:{port}"], stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + WAIT
            while True:
                try:
                    connection = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
                    break
                except OSError:
                    assert time.monotonic() < deadline, "the server never listened"
                    time.sleep(0.1)
            with connection:
                if shutdown:
                    connection.sendall(frame({"jsonrpc": "2.0", "id": 1, "method": "shutdown"}))
                    assert connection.recv(4096).startswith(b"Content-Length: ")
                connection.sendall(frame({"jsonrpc": "2.0", "method": "exit"}))
                assert process.wait(timeout=WAIT) == expected
            assert process.stderr is not None
            assert b"Traceback" not in process.stderr.read()
        finally:
            process.kill()
            process.wait()
