"""The protocol object pygls talks through, with changes of ours."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Generator
from typing import Any

from cattrs import ClassValidationError, transform_error
from lsprotocol import types as lsp
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
)
from pygls.protocol import LanguageServerProtocol, lsp_method

from answerlint.lsp.text import DraftWorkspace

log = logging.getLogger(__name__)

_ID_VALUE = re.compile(r'\s*:\s*(-?\d+(?![.\deE])|"(?:[^"\\]|\\.)*")')


class AnswerlintProtocol(LanguageServerProtocol):
    """Prefers UTF-8 positions whenever the client offers them (UTF-16 otherwise), applies
    text changes by LSP's line rules (text.py), answers every request, even a broken one,
    and drops finished notification futures."""

    def receive(self, body: bytes) -> None:
        """Handle one message's body. pygls only logs a message it cannot read: a request
        must get an error back (JSON-RPC 2.0, section 5.1), or the client waits forever."""
        try:
            data = json.loads(body)
        except ValueError:
            log.error("message is not JSON: %.200r", body)
            self._reply_error(_guess_id(body), JsonRpcParseError())
            return
        if not isinstance(data, dict):  # a batch or a bare value: LSP has neither
            log.error("not a JSON-RPC message: %.200r", body)
            self._reply_error(None, JsonRpcInvalidRequest())
            return
        msg_id = data.get("id")
        if data.get("jsonrpc") != self.VERSION or not isinstance(data.get("method", ""), str) \
                or ("id" in data and not _is_id(msg_id)):
            log.error("not a JSON-RPC 2.0 message: %.200r", body)
            if "method" in data:  # a request or a notification: answer as if a request
                self._reply_error(msg_id if _is_id(msg_id) else None, JsonRpcInvalidRequest())
            return
        if "method" in data and self.get_message_type(data["method"]) is None:
            data.setdefault("params", None)  # pygls's stand-in type for unknown methods needs it
        try:
            message = self.structure_message(data)
        except Exception as error:  # the params do not fit the method's types
            cause = error.__cause__
            why = "; ".join(transform_error(cause) if isinstance(cause, ClassValidationError)
                            else [str(error)])
            log.error("bad params for %r: %s", data.get("method"), why)
            if "method" in data and "id" in data:
                self._reply_error(msg_id, JsonRpcInvalidParams(
                    message=f"Invalid params for {data['method']}: {why}"[:500]))
            return
        self.handle_message(message)

    def handle_message(self, message: Any) -> None:
        if self._shutdown and hasattr(message, "method") and hasattr(message, "id") \
                and message.method != lsp.EXIT:
            # pygls drops it unanswered; the spec asks for InvalidRequest
            self._reply_error(message.id, JsonRpcInvalidRequest(
                message=f"{message.method}: the server is shut down"))
            return
        super().handle_message(message)

    def _reply_error(self, msg_id: int | str | None, error: JsonRpcException) -> None:
        # a plain dict: pygls's converter would drop an `"id": null` the spec asks for
        self._send_data({"jsonrpc": self.VERSION, "id": msg_id,
                         "error": {"code": error.code, "message": error.message}})

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
        result = yield from super().lsp_initialize(params)
        made = self.workspace  # pygls's, with no draft opened yet: ours takes its place
        self._workspace = DraftWorkspace(made.root_uri, self._server._text_document_sync_kind,
                                         list(made.folders.values()), made.position_encoding)
        return result


def _is_id(value: Any) -> bool:
    return isinstance(value, str) or isinstance(value, int) and not isinstance(value, bool)


def _guess_id(body: bytes) -> int | str | None:
    """The id of a request whose JSON is broken, when its top-level object names one
    before the break (an "id" nested in the params is not it)."""
    text = body[:65536].decode("utf-8", "replace")
    depth, i = 0, 0
    while i < len(text):
        char = text[i]
        if char == '"':
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if depth == 1 and text[i : end + 1] == '"id"':
                value = _ID_VALUE.match(text, end + 1)
                if value is not None:  # the key, not a value that reads "id"
                    try:
                        found = json.loads(value.group(1))
                    except ValueError:
                        return None
                    return found if _is_id(found) else None
            i = end + 1
            continue
        depth += (char in "{[") - (char in "}]")
        i += 1
    return None
