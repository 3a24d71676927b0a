"""The protocol object pygls talks through, with two changes of ours."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from lsprotocol import types as lsp
from pygls.protocol import LanguageServerProtocol, lsp_method


class AnswerlintProtocol(LanguageServerProtocol):
    """Prefers UTF-8 positions whenever the client offers them (UTF-16 otherwise), and drops
    finished notification futures."""

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
