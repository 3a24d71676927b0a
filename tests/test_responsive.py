"""A slow lint of one draft does not hold up requests on another (the engine's steps take
turns off the event loop), and a long draft's pushes are for its last version only."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_server
from test_server import NEOVIM, open_draft, start, track_versions

client = test_server.client  # the fixture that starts the server and shuts it down

SENTENCES = ["I was told to wait.", "The customer was furious.", "I fixed the invoice template.",
             "We just apologized and moved on.", "Result: churn fell by 12% in a quarter.",
             "I think maybe I could have asked my manager.", "She wanted a refund that day."]


def long_draft(chars: int, seed: int = 15) -> str:
    rng = random.Random(seed)
    paragraphs = []
    size = 0
    while size < chars:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(20))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "# Tell me about a difficult customer\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.mark.asyncio
async def test_hover_on_a_small_draft_is_answered_while_a_long_one_is_linted(
        client: LanguageClient, tmp_path: Path):
    seen = track_versions(client)
    await start(client, NEOVIM, tmp_path)
    small = open_draft(client, tmp_path / "small.md", "# Q\n\nI was told to wait.\n")
    await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS),
                           20)
    # A hover waits for the engine to load: from here the server lints, not its starter.
    await asyncio.wait_for(client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(small), lsp.Position(2, 4))), 20)
    text = long_draft(300_000)
    lines = text.count("\n")
    big = open_draft(client, tmp_path / "big.md", text)
    # Three more versions, each adding a sentence at the end: only the last is kept.
    for version in range(2, 5):
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=big, version=version),
            [lsp.TextDocumentContentChangePartial(
                lsp.Range(lsp.Position(lines, 0), lsp.Position(lines, 0)),
                "I was told to wait.\n")]))
        lines += 1
    # The small draft changes too, so the hover needs a lint of it, queued among the long
    # draft's steps.
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=small, version=2),
        [lsp.TextDocumentContentChangePartial(
            lsp.Range(lsp.Position(2, 19), lsp.Position(2, 19)), " I kind of fixed it.")]))
    asked = time.monotonic()
    hover = await asyncio.wait_for(client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(small), lsp.Position(2, 4))), 30)
    answered = time.monotonic() - asked
    assert hover is not None and "passive" in hover.contents.value.lower()
    assert answered < 5, f"hover took {answered:.1f} s behind the long draft"
    assert not [v for u, v, _ in seen if u == big], "hover came only after the long lint"

    async def last_push() -> list[lsp.Diagnostic]:
        while not [v for u, v, _ in seen if u == big]:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[big])
    diagnostics = await asyncio.wait_for(last_push(), 60)
    assert [v for u, v, _ in seen if u == big] == [4]  # no push for an older version
    # The last version's three added sentences are each flagged, on their own lines.
    told = {d.range.start.line for d in diagnostics if d.code == "passive-talk"
            and d.range.start.line >= lines - 3}
    assert told == {lines - 3, lines - 2, lines - 1}
