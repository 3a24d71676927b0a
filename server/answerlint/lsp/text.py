"""The open drafts' text as the client has it: changes applied by LSP's rules.

pygls splits lines with `str.splitlines`, which also breaks at U+2028, U+2029, \\x0b, \\x0c,
\\x1c-\\x1e and \\x85, and it places a column past a line's end one character early. LSP
breaks lines only at \\n, \\r\\n and \\r, and a position past the end of a line means that
line's end (past the last line, the document's end). The engine's LineIndex keeps exactly
those rules, so a change is applied through it.
"""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.workspace import TextDocument, Workspace

from answerlint.engine.positions import LineIndex, Position


class DraftText(TextDocument):
    def _apply_incremental_change(self, change: lsp.TextDocumentContentChangePartial) -> None:
        source = self.source
        lines = LineIndex(source)
        encoding = str(getattr(self.position_codec.encoding, "value", self.position_codec.encoding)
                       or "utf-16")
        start, end = (lines.offset(Position(p.line, p.character), encoding)
                      for p in (change.range.start, change.range.end))
        if end < start:  # a reversed range still names the same stretch of text
            start, end = end, start
        self._source = source[:start] + change.text + source[end:]


class DraftWorkspace(Workspace):
    """pygls's workspace, holding DraftText documents."""

    def _create_text_document(self, doc_uri: str, source: str | None = None,
                              version: int | None = None,
                              language_id: str | None = None) -> TextDocument:
        return DraftText(doc_uri, source=source, version=version, language_id=language_id,
                         sync_kind=self._sync_kind, position_codec=self.position_codec)
