"""Keeping the server's copy of a draft equal to the client's: LSP's line breaks, positions
past a line's end, and versions that repeat or go back."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_server
from answerlint.engine.positions import LineIndex, Position
from test_server import (
    NEOVIM,
    diagnostics_for,
    open_draft,
    pull,
    pull_capabilities,
    start,
    track_versions,
)

client = test_server.client  # the fixture that starts the server and shuts it down

# str.splitlines breaks at these too; LSP does not
NOT_BREAKS = ["\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"]


def change(client: LanguageClient, uri: str, version: int, line: int, character: int,
           text: str, end: tuple[int, int] | None = None) -> None:
    end_line, end_character = end or (line, character)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangePartial(lsp.Range(
            lsp.Position(line, character), lsp.Position(end_line, end_character)), text)]))


def spans(diagnostics: list[lsp.Diagnostic], code: str) -> list[tuple[int, int, int, int]]:
    return [(d.range.start.line, d.range.start.character, d.range.end.line,
             d.range.end.character) for d in diagnostics if d.code == code]


def test_engine_lines_break_only_where_lsp_does():
    for char in NOT_BREAKS:
        lines = LineIndex(f"One{char}two\r\nthree\rfour\nfive")
        assert lines.line_starts == [0, 9, 15, 20], repr(char)
        assert lines.offset(Position(0, 4)) == 4  # the character after `char`, same line


@pytest.mark.asyncio
async def test_edit_after_a_character_python_counts_as_a_line_break(
        client: LanguageClient, tmp_path):
    await start(client, pull_capabilities(), tmp_path)
    for n, char in enumerate(NOT_BREAKS):
        uri = open_draft(client, tmp_path / f"draft{n}.md", f"One{char}two\nI stayed calm.\n")
        change(client, uri, 2, 1, 0, "I was told to wait. ")
        report = await pull(client, uri)
        assert spans(report.items, "passive-talk") == [(1, 0, 1, 13)], repr(char)


@pytest.mark.asyncio
async def test_edit_past_the_end_of_a_line_or_of_the_document(client: LanguageClient, tmp_path):
    await start(client, pull_capabilities(), tmp_path)
    uri = open_draft(client, tmp_path / "draft.md", "# Q1\nI stayed calm")
    change(client, uri, 2, 1, 500, ". I was told to wait.")  # the line's end
    assert spans((await pull(client, uri)).items, "passive-talk") == [(1, 15, 1, 28)]
    change(client, uri, 3, 40, 2, " I was told to go.")  # the document's end
    assert spans((await pull(client, uri)).items, "passive-talk") == [
        (1, 15, 1, 28), (1, 35, 1, 48)]
    change(client, uri, 4, 1, 14, "", end=(1, 900))  # a range ending past the line's end
    assert spans((await pull(client, uri)).items, "passive-talk") == []


@pytest.mark.asyncio
async def test_a_repeated_version_does_not_bring_back_old_diagnostics(
        client: LanguageClient, tmp_path):
    await start(client, pull_capabilities(), tmp_path)
    text = "# Q1\nI was told to wait.\n"
    uri = open_draft(client, tmp_path / "draft.md", text)
    assert spans((await pull(client, uri)).items, "passive-talk") == [(1, 0, 1, 13)]
    change(client, uri, 2, 1, 0, "Then ", end=(1, 13))  # "Then wait."
    assert spans((await pull(client, uri)).items, "passive-talk") == []
    change(client, uri, 2, 1, 0, "I was told to", end=(1, 4))  # undone, the same version
    assert spans((await pull(client, uri)).items, "passive-talk") == [(1, 0, 1, 13)]


@pytest.mark.asyncio
async def test_pushes_describe_the_text_of_the_version_they_carry(
        client: LanguageClient, tmp_path):
    """Versions 2, 4, 3, then 3 again: each push is for the text just sent, labelled with
    its version."""
    seen = track_versions(client)
    await start(client, NEOVIM, tmp_path)
    uri = open_draft(client, tmp_path / "draft.md", "# Q1\nI was told to wait.\n")
    assert spans(await diagnostics_for(client, uri, version=1), "passive-talk")
    # a hover waits for the engine: from then on the server lints itself (not the starter)
    await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), lsp.Position(0, 0)))
    steps = [(2, "Then ", (1, 13), False), (4, "I was told to", (1, 4), True),
             (3, "Then ", (1, 13), False), (3, "I was told to", (1, 4), True)]
    for version, typed, end, passive in steps:
        before = len(seen)
        change(client, uri, version, 1, 0, typed, end=end)
        diagnostics = await diagnostics_for(client, uri, version=version)
        assert bool(spans(diagnostics, "passive-talk")) == passive, (version, typed)
        assert {v for _, v, _ in seen[before:]} == {version}
    # sent at once: whichever pushes come, each describes the text its version names
    texts = {5: ("Then ", (1, 13), False), 7: ("I was told to", (1, 4), True),
             6: ("Then ", (1, 13), False)}
    passive_at: list[tuple[int | None, bool]] = []
    client.protocol.fm.features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = lambda params: (
        passive_at.append((params.version, bool(spans(params.diagnostics, "passive-talk")))),
        client.diagnostics.__setitem__(params.uri, params.diagnostics))
    for version, (typed, end, _) in texts.items():
        change(client, uri, version, 1, 0, typed, end=end)
    for _ in range(200):  # the last change's push, within a generous 20 s
        if passive_at and passive_at[-1][0] == 6:
            break
        await asyncio.sleep(0.1)
    assert passive_at and passive_at[-1] == (6, False)
    assert all(texts[version][2] == passive for version, passive in passive_at), passive_at


@pytest.mark.asyncio
async def test_edit_columns_count_in_the_agreed_encoding(client: LanguageClient, tmp_path):
    """A UTF-8 client: the column after "😀 客户 " is 4 + 1 + 6 + 1 bytes."""
    result = await start(client, pull_capabilities(utf8=True), tmp_path)
    assert result.capabilities.position_encoding == "utf-8"
    uri = open_draft(client, tmp_path / "draft.md", "# Q\u20281\n😀 客户 calm.\n")
    change(client, uri, 2, 1, 12, "I was told to wait. ")
    report = await pull(client, uri)
    assert spans(report.items, "passive-talk") == [(1, 12, 1, 25)]
