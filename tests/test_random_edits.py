"""Random incremental edits through the real server: after each seeded sequence, the pulled
diagnostics are those `lint` gives for the text the client ended with."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_server
from answerlint.engine.lint import lint
from test_server import open_draft, pull, pull_capabilities, start

client = test_server.client  # the fixture that starts the server and shuts it down

START = ("# Tell me about a difficult customer\n\nThe customer was furious. I was told to wait."
         "\r\n\r\n- I just apologized.\r- I fixed the invoice template.\n\nResult: churn fell.\n")
PIECES = ["I was told to wait. ", "The customer was furious. ", "I fixed the invoice template. ",
          "I think I kind of fixed it. ", "Result: ", "## Answer\n", "- ", "\n", "\n\n", "\r\n",
          "\r", "\u2028", "\U0001F600", "e\u0301", "x", " ", "**", "[it](https://x.io) ", ""]
BREAK = re.compile(r"\r\n|\r|\n")  # LSP's line breaks, and no others


def position(text: str, offset: int) -> lsp.Position:
    """The LSP (UTF-16) position of an offset, worked out here, not with the server's code."""
    starts = [0] + [m.end() for m in BREAK.finditer(text, 0, offset)]
    line_start = starts[-1]
    return lsp.Position(len(starts) - 1,
                        len(text[line_start:offset].encode("utf-16-le")) // 2)


def boundary(rng: random.Random, text: str) -> int:
    """A random offset not between the two characters of a \\r\\n (no position names that)."""
    while True:
        at = rng.randint(0, len(text))
        if not (0 < at < len(text) and text[at - 1] == "\r" and text[at] == "\n"):
            return at


def as_tuples(diagnostics: list[lsp.Diagnostic]) -> list[tuple]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character,
                   d.range.end.line, d.range.end.character) for d in diagnostics)


@pytest.mark.asyncio
async def test_random_edits_end_with_the_diagnostics_of_the_final_text(
        client: LanguageClient, tmp_path: Path):
    await start(client, pull_capabilities(), tmp_path)
    for seed in range(5):  # one server for all five: starting one takes seconds
        await edit_and_compare(client, tmp_path / f"draft{seed}.md", seed)


async def edit_and_compare(client: LanguageClient, path: Path, seed: int) -> None:
    rng = random.Random(seed)
    uri = open_draft(client, path, START)
    text = START
    for version in range(2, 42):
        a, b = sorted((boundary(rng, text), boundary(rng, text)))
        if rng.random() < 0.5:  # mostly short replacements, as typing makes
            b = min(b, a + rng.randint(0, 3))
            while 0 < b < len(text) and text[b - 1] == "\r" and text[b] == "\n":
                b += 1
        new = rng.choice(PIECES)
        change = lsp.TextDocumentContentChangePartial(
            lsp.Range(position(text, a), position(text, b)), new)
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
        text = text[:a] + new + text[b:]
        if version % 13 == 0:  # a pull now and then, while more edits follow
            await pull(client, uri)
    report = await pull(client, uri)
    expected = []
    for finding in lint(text).findings:
        expected.append((finding.rule, *(lambda s, e: (s.line, s.character, e.line, e.character))(
            position(text, finding.start), position(text, finding.end))))
    assert as_tuples(report.items) == sorted(expected), (seed, text)
