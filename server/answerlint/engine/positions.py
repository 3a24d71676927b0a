"""Offsets in a text <-> (line, column) positions, in UTF-16 (the LSP default) or UTF-8/32.

The engine works on Python string offsets (code points). Editors count columns in
UTF-16 code units by default, so every finding is converted here and nowhere else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

ENCODINGS = ("utf-16", "utf-8", "utf-32")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NEWLINE = re.compile("\n")


def _units(char: str, encoding: str) -> int:
    code = ord(char)
    if encoding == "utf-16":
        return 2 if code > 0xFFFF else 1
    if encoding == "utf-8":
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 1


def _width(segment: str, encoding: str) -> int:
    """How many code units of `encoding` the segment takes (lone surrogates count as one)."""
    if encoding == "utf-32" or segment.isascii():
        return len(segment)
    if encoding == "utf-16":
        return len(segment.encode("utf-16-le", "surrogatepass")) // 2
    return len(segment.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class Position:
    line: int
    character: int


class LineIndex:
    """Maps offsets to positions and back. Lines end at \\n, \\r\\n or a lone \\r."""

    def __init__(self, text: str) -> None:
        self.text = text
        # `re` finds a lone "\n" many times faster than the three-way pattern
        breaks = _LINE_BREAK if "\r" in text else _NEWLINE
        self.line_starts = [0] + [m.end() for m in breaks.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_end(self, line: int) -> int:
        """Offset of the end of `line`'s content (before its line break)."""
        if line + 1 < len(self.line_starts):
            end = self.line_starts[line + 1]
            while end > self.line_starts[line] and self.text[end - 1] in "\r\n":
                end -= 1
            return end
        return len(self.text)

    def position(self, offset: int, encoding: str = "utf-16") -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.line_starts[line]
        return Position(line, _width(self.text[start:offset], encoding))

    def offset(self, position: Position, encoding: str = "utf-16") -> int:
        """The offset of a position; columns past the line's end clamp to it (as LSP asks)."""
        if position.line < 0:
            return 0
        if position.line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[position.line]
        end = self.line_end(position.line)
        units = 0
        i = start
        while i < end and units < position.character:
            units += _units(self.text[i], encoding)
            i += 1
        return i
