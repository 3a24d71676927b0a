"""The language server end to end: a real client talks to `answerlint lsp` over stdio."""

from __future__ import annotations

import asyncio
import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.workspace import PositionCodec, TextDocument
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from cli_report import cli_findings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "answerlint", "lsp"])
NEOVIM = client_capabilities("neovim@v0.7.0")  # push only, UTF-16, no snippets


def pull_capabilities(utf8: bool = False, snippets: bool = False) -> lsp.ClientCapabilities:
    caps = copy.deepcopy(client_capabilities("visual-studio-code"))
    caps.text_document.diagnostic = lsp.DiagnosticClientCapabilities(
        dynamic_registration=False, related_document_support=True)
    caps.workspace.diagnostics = lsp.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    caps.workspace.workspace_edit.snippet_edit_support = snippets
    caps.general = lsp.GeneralClientCapabilities(
        position_encodings=[lsp.PositionEncodingKind.Utf16, lsp.PositionEncodingKind.Utf8]
        if utf8 else [lsp.PositionEncodingKind.Utf16])
    return caps


async def start(client: LanguageClient, caps: lsp.ClientCapabilities, root: Path,
                settings: dict | None = None) -> lsp.InitializeResult:
    if settings is not None:
        client.set_configuration(settings, section="answerlint")
    return await client.initialize_session(lsp.InitializeParams(
        capabilities=caps, root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(root.as_uri(), root.name)]))


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []
    lsp_client.lens_refreshes = 0

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    @lsp_client.feature(lsp.WORKSPACE_CODE_LENS_REFRESH)
    def refresh_lenses(params: None) -> None:
        lsp_client.lens_refreshes += 1

    yield
    await lsp_client.shutdown_session()


def open_draft(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri, "markdown", version, text if text is not None else path.read_text(encoding="utf-8"))))
    return uri


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None,
                          timeout: float = 20) -> list[lsp.Diagnostic]:
    """Wait until the server publishes diagnostics for `uri` (at `version`, when given)."""
    async def wait():
        while True:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if uri in client.diagnostics and (version is None or client.last_version == version):
                return list(client.diagnostics[uri])
    return await asyncio.wait_for(wait(), timeout)


def track_versions(client: LanguageClient) -> list[tuple[str, int | None, int]]:
    """Record (uri, version, count) of every publishDiagnostics the client receives."""
    seen: list[tuple[str, int | None, int]] = []

    def on_publish(params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.last_version = params.version
        seen.append((params.uri, params.version, len(params.diagnostics)))

    client.protocol.fm.features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish
    client.last_version = None
    return seen


def apply(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    """Apply edits the way an editor does (last first), with pygls's own text document."""
    document = TextDocument("file:///x.md", text, position_codec=PositionCodec(encoding))
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        new_text = edit.new_text if isinstance(edit, lsp.TextEdit) else edit.snippet.value
        document.apply_change(lsp.TextDocumentContentChangePartial(edit.range, new_text))
    return document.source


def edits_of(action: lsp.CodeAction, uri: str) -> list:
    edit = action.edit
    assert edit is not None and action.command is None  # a plain WorkspaceEdit, no client command
    if edit.document_changes:
        return [e for change in edit.document_changes for e in change.edits
                if change.text_document.uri == uri]
    return list(edit.changes[uri])


def cli_tuples(path: Path) -> list[tuple[str, int, int, int, int]]:
    return sorted((f["rule"], f["range"]["start"]["line"], f["range"]["start"]["character"],
                   f["range"]["end"]["line"], f["range"]["end"]["character"])
                  for f in cli_findings(path))


def as_tuples(diagnostics: list[lsp.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return sorted((str(d.code), d.range.start.line, d.range.start.character, d.range.end.line,
                   d.range.end.character) for d in diagnostics)


@pytest.mark.asyncio
async def test_push_diagnostics_match_the_cli_on_every_example(client: LanguageClient):
    track_versions(client)
    await start(client, NEOVIM, EXAMPLES)
    for path in sorted(EXAMPLES.glob("*.md")):
        uri = open_draft(client, path)
        diagnostics = await diagnostics_for(client, uri)
        assert as_tuples(diagnostics) == cli_tuples(path), path.name
        for d in diagnostics:
            assert d.source == "answerlint"
            assert d.code_description is not None
            assert d.code_description.href.endswith(f"/docs/rules/{d.code}.md")


@pytest.mark.asyncio
async def test_incremental_change_publishes_for_newest_version_only(client: LanguageClient):
    seen = track_versions(client)
    await start(client, NEOVIM, EXAMPLES)
    path = EXAMPLES / "basic.md"
    uri = open_draft(client, path)
    first = await diagnostics_for(client, uri, version=1)
    assert "passive-talk" in [d.code for d in first]
    # Three quick edits: "I was told to give" -> "I quickly decided to give".
    line = path.read_text().splitlines().index(next(
        x for x in path.read_text().splitlines() if "I was told to" in x))
    column = path.read_text().splitlines()[line].index("was told")
    for version, (first, last, typed) in enumerate(
            [(column, column + 3, "de"), (column + 2, column + 7, "cided"),
             (column, column, "quickly ")], start=2):
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangePartial(
                lsp.Range(lsp.Position(line, first), lsp.Position(line, last)), typed)]))
    final = await diagnostics_for(client, uri, version=4)
    assert "passive-talk" not in [d.code for d in final]
    versions = [v for u, v, _ in seen if u == uri]
    assert versions == sorted(versions)  # never an older version after a newer one
    assert 2 not in versions and 3 not in versions  # debounced: stale runs dropped
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_close_during_debounce_publishes_nothing_afterwards(client: LanguageClient):
    seen = track_versions(client)
    await start(client, NEOVIM, EXAMPLES)
    uri = open_draft(client, EXAMPLES / "basic.md")
    await diagnostics_for(client, uri, version=1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangeWholeDocument("I fixed it.")]))
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await asyncio.sleep(0.5)
    assert seen[-1] == (uri, None, 0)  # the clear on close is the last word


@pytest.mark.asyncio
async def test_pull_diagnostics_answer_unchanged_for_unchanged_text(client: LanguageClient):
    await start(client, pull_capabilities(), EXAMPLES)
    uri = open_draft(client, EXAMPLES / "basic.md")
    first = await pull(client, uri)
    assert first.kind == "full" and first.result_id
    assert {"passive-talk", "level"} <= {d.code for d in first.items}
    again = await client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(
        lsp.TextDocumentIdentifier(uri), previous_result_id=first.result_id))
    assert again.kind == "unchanged" and again.result_id == first.result_id
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangePartial(
            lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), "I fixed the bug. ")]))
    changed = await client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(
        lsp.TextDocumentIdentifier(uri), previous_result_id=first.result_id))
    assert changed.kind == "full" and changed.result_id != first.result_id
    assert uri not in client.diagnostics  # a pulling client gets nothing pushed


@pytest.mark.asyncio
async def test_edits_in_an_answer_bank_keep_every_answers_diagnostics_exact(
        client: LanguageClient, tmp_path):
    """Answers an edit leaves alone keep their diagnostics; after each edit (inside a line,
    a new line above, a heading removed) the full set still equals the CLI's."""
    await start(client, pull_capabilities(), tmp_path)
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(EXAMPLES.glob("*.md"))]
    text = "".join(f"## Answer {n}\n{body}\n" for n, body in enumerate(bodies))
    path = tmp_path / "bank.md"
    uri = open_draft(client, path, text)
    document = TextDocument(uri, text)
    first_line = text.split("\n").index(next(line for line in text.split("\n")[1:] if len(line) > 30))
    heading = text.split("\n").index("## Answer 2")
    changes = [
        lsp.Range(lsp.Position(first_line, 0), lsp.Position(first_line, 0)), "Quickly, ",
        lsp.Range(lsp.Position(first_line, 0), lsp.Position(first_line, 0)), "A new line.\n\n",
        lsp.Range(lsp.Position(heading + 2, 0), lsp.Position(heading + 2, 0)), "I was told to wait. ",
        lsp.Range(lsp.Position(heading, 0), lsp.Position(heading + 1, 0)), "",
    ]
    for version, (where, new) in enumerate(zip(changes[::2], changes[1::2], strict=True), start=2):
        change = lsp.TextDocumentContentChangePartial(where, new)
        document.apply_change(change)
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
        report = await pull(client, uri)
        path.write_text(document.source, encoding="utf-8")
        assert as_tuples(report.items) == cli_tuples(path), f"after edit {version - 1}"
        assert len({str(d.code) for d in report.items}) > 3


async def pull(client: LanguageClient, uri: str) -> lsp.DocumentDiagnosticReport:
    return await client.text_document_diagnostic_async(
        lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri)))


async def actions_at(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic,
                     only: list[str] | None = None) -> list[lsp.CodeAction]:
    return await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), diagnostic.range,
        lsp.CodeActionContext([diagnostic], only=only)))


@pytest.mark.asyncio
async def test_quick_fix_rewrites_exactly_the_flagged_words(client: LanguageClient):
    track_versions(client)
    await start(client, NEOVIM, EXAMPLES)
    path = EXAMPLES / "basic.md"
    text = path.read_text()
    uri = open_draft(client, path)
    passive = next(d for d in await diagnostics_for(client, uri) if d.code == "passive-talk")
    actions = [a for a in await actions_at(client, uri, passive) if a.kind == "quickfix"]
    titles = [a.title for a in actions]
    assert titles[0] == 'Rewrite as "I gave him a free drink"'
    assert actions[0].is_preferred and not any(a.is_preferred for a in actions[1:])
    assert "Disable passive-talk for this file" in titles
    fixed = apply(text, edits_of(actions[0], uri))
    assert fixed == text.replace("I was told to give him a free drink, so I did",
                                 "I gave him a free drink")


@pytest.mark.asyncio
async def test_missing_step_inserts_plain_text_or_a_snippet(client: LanguageClient):
    await start(client, pull_capabilities(snippets=True), EXAMPLES)
    path = EXAMPLES / "professional.md"
    text = path.read_text()
    uri = open_draft(client, path)
    report = await pull(client, uri)
    missing = next(d for d in report.items if d.code == "missing-scaling-fix")
    action = next(a for a in await actions_at(client, uri, missing)
                  if a.title.startswith("Add the missing scaling fix"))
    (edit,) = edits_of(action, uri)
    assert isinstance(edit, lsp.SnippetTextEdit)
    # a choice of fixes, then a blank to fill
    assert edit.snippet.value == (
        " To keep it from happening again, I ${1|added a step to our checklist,updated the FAQ,"
        "rewrote the email template|} so that ${2:no other customer would run into the same "
        "problem}.")
    # after what was done and before the Result part: the fix, then how it ended
    assert apply(text, [edit]) == text.replace(
        "sent her the receipt.", "sent her the receipt." + edit.snippet.value)


async def apply_action(client: LanguageClient, path: Path, code: str, title: str
                       ) -> tuple[str, str, str]:
    """As Neovim 0.7: open `path`, take the action starting with `title` on the first `code`
    diagnostic, and return (uri, text before, text after)."""
    track_versions(client)
    await start(client, NEOVIM, EXAMPLES)
    text = path.read_text()
    uri = open_draft(client, path)
    diagnostic = next(d for d in await diagnostics_for(client, uri) if d.code == code)
    action = next(a for a in await actions_at(client, uri, diagnostic)
                  if a.title.startswith(title))
    return uri, text, apply(text, edits_of(action, uri))


@pytest.mark.asyncio
async def test_missing_step_is_plain_text_without_snippet_support(client: LanguageClient):
    _, text, after = await apply_action(client, EXAMPLES / "professional.md",
                                        "missing-scaling-fix", "Add the missing scaling fix")
    assert after == text.replace(
        "sent her the receipt.", "sent her the receipt. To keep it from happening again, I added "
        "a step to our checklist so that no other customer would run into the same problem.")


@pytest.mark.asyncio
async def test_disable_for_file_writes_a_comment_that_silences_the_rule(client: LanguageClient):
    uri, text, after = await apply_action(client, EXAMPLES / "professional.md", "missing-follow-up",
                                          "Disable missing-follow-up for this file")
    assert after == text.replace("---\n\n", "---\n<!-- answerlint-disable missing-follow-up -->\n\n", 1)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangeWholeDocument(after)]))
    assert "missing-follow-up" not in [d.code for d in await diagnostics_for(client, uri, version=2)]


@pytest.mark.asyncio
async def test_fix_all_applies_every_safe_rewrite_in_one_edit(client: LanguageClient, tmp_path):
    track_versions(client)
    await start(client, NEOVIM, tmp_path)
    text = ("# Refund\n\nI passed it to my supervisor and we were able to refund the order. "
            "I just followed the procedure.\n")
    uri = open_draft(client, tmp_path / "draft.md", text)
    await diagnostics_for(client, uri)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        lsp.CodeActionContext([], only=[lsp.CodeActionKind.SourceFixAll])))
    (action,) = actions
    assert action.kind == "source.fixAll.answerlint"
    assert apply(text, edits_of(action, uri)) == (
        "# Refund\n\nI brought in my supervisor and we refunded the order. "
        "I applied the procedure.\n")


@pytest.mark.asyncio
async def test_hover_explains_a_finding_and_summarises_an_answer(client: LanguageClient):
    await start(client, pull_capabilities(), EXAMPLES)
    path = EXAMPLES / "basic.md"
    uri = open_draft(client, path)
    report = await pull(client, uri)
    passive = next(d for d in report.items if d.code == "passive-talk")
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), passive.range.start))
    assert hover.contents.value.startswith(
        "**passive-talk**: \"I was told to give him a free drink, so I did\"")
    assert "*Why:*" in hover.contents.value and "*Stronger:*" in hover.contents.value
    heading = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), lsp.Position(0, 3)))
    value = heading.contents.value
    assert value.startswith("**A rude customer at the café**: Level 1 · Basic")
    assert "0:25 spoken · 62 words" in value
    assert "story  ████" in value and "result " in value


@pytest.mark.asyncio
async def test_code_lens_per_answer(client: LanguageClient):
    await start(client, pull_capabilities(), EXAMPLES)
    uri = open_draft(client, EXAMPLES / "answer-bank.md")
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    assert [lens.range.start.line for lens in lenses] == [2, 6, 10]
    assert all(lens.command.command == "answerlint.showSummary" for lens in lenses)
    assert lenses[0].command.title.startswith("Level 1 · Basic · 0:")
    assert " spoken · story " in lenses[0].command.title
    assert lenses[0].data["level"] == 1 and lenses[0].data["levelName"] == "Basic"
    assert lenses[0].command.title.split(" · ")[2] == lenses[0].data["spoken"] + " spoken"
    shown = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        lenses[0].command.command, lenses[0].command.arguments))
    assert "Level 1 · Basic" in shown
    await asyncio.sleep(0.1)
    assert client.messages and "Level 1 · Basic" in client.messages[-1].message


async def configured(client: LanguageClient) -> None:
    """Wait until the server has read workspace/configuration: it then asks for a re-pull."""
    for _ in range(100):
        if client.diagnostic_refresh_count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the server never asked the client to re-pull after reading settings")


@pytest.mark.asyncio
async def test_configuration_change_relints(client: LanguageClient):
    await start(client, pull_capabilities(), EXAMPLES, settings={"target": "basic"})
    uri = open_draft(client, EXAMPLES / "basic.md")
    await configured(client)
    report = await pull(client, uri)
    assert "missing-value" not in {d.code for d in report.items}  # off at basic
    watched = [r for r in client.registrations
               if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert watched and "**/.answerlint.yaml" in [
        w["globPattern"] for w in watched[0].register_options["watchers"]]
    refreshes = client.diagnostic_refresh_count
    client.set_configuration({"target": "expert", "disabledRules": ["hedging"]},
                             section="answerlint")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    for _ in range(50):
        if client.diagnostic_refresh_count > refreshes:
            break
        await asyncio.sleep(0.1)
    assert client.diagnostic_refresh_count > refreshes
    report = await pull(client, uri)
    codes = {d.code for d in report.items}
    assert "missing-value" in codes and "hedging" not in codes


@pytest.mark.asyncio
async def test_bad_setting_is_reported_and_the_rest_kept(client: LanguageClient):
    await start(client, pull_capabilities(), EXAMPLES,
                settings={"target": "wizard", "disabledRules": ["level"]})
    uri = open_draft(client, EXAMPLES / "basic.md")
    await configured(client)
    report = await pull(client, uri)
    assert "level" not in {d.code for d in report.items}
    assert any("answerlint.target" in m.message for m in client.messages)


@pytest.mark.asyncio
async def test_broken_rule_file_gets_its_own_diagnostic(client: LanguageClient, tmp_path):
    track_versions(client)
    rules = tmp_path / "rules"
    rules.mkdir()
    broken = rules / "mine.yaml"
    broken.write_text("id: my-rule\nkind: existence\nlevel: warning\nmessage: x\n"
                      "rationale: y\nseed: z\npatterns:\n  - regex: \"(unclosed\"\n"
                      "examples: {bad: [refund now], good: [all fine]}\n")
    (tmp_path / ".answerlint.yaml").write_text("rule_paths: [rules]\n")
    await start(client, NEOVIM, tmp_path)
    draft = open_draft(client, tmp_path / "draft.md", "# A case\n\nI was told to refund it.\n")
    await diagnostics_for(client, draft)
    for _ in range(50):
        if broken.as_uri() in client.diagnostics:
            break
        await asyncio.sleep(0.1)
    (problem,) = client.diagnostics[broken.as_uri()]
    assert problem.range.start.line == 7 and problem.code == "invalid-config"
    assert problem.message.startswith("bad regular expression '(unclosed'")
    assert problem.range.end == lsp.Position(7, len('  - regex: "(unclosed"'))
    assert "passive-talk" in [d.code for d in client.diagnostics[draft]]  # built-ins still run
    broken.write_text("id: my-rule\nkind: existence\nlevel: warning\nmessage: Say it plainly\n"
                      "rationale: y\nseed: z\npatterns: [\"refund\"]\n"
                      "examples: {bad: [refund now], good: [all fine]}\n")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(broken.as_uri(), lsp.FileChangeType.Changed)]))
    for _ in range(50):
        if not client.diagnostics[broken.as_uri()] and "my-rule" in [
                d.code for d in client.diagnostics[draft]]:
            break
        await asyncio.sleep(0.1)
    assert list(client.diagnostics[broken.as_uri()]) == []
    assert "my-rule" in [d.code for d in client.diagnostics[draft]]


@pytest.mark.asyncio
async def test_broken_config_file_points_at_its_bad_line(client: LanguageClient, tmp_path):
    track_versions(client)
    config = tmp_path / ".answerlint.yaml"
    config.write_text("# team settings\ntarget: wizard\n")
    await start(client, NEOVIM, tmp_path)
    draft = open_draft(client, tmp_path / "draft.md", "# A case\n\nI was told to refund it.\n")
    assert "passive-talk" in [d.code for d in await diagnostics_for(client, draft)]
    for _ in range(50):
        if config.as_uri() in client.diagnostics:
            break
        await asyncio.sleep(0.1)
    (problem,) = client.diagnostics[config.as_uri()]
    assert problem.range.start.line == 1 and "must be one of" in problem.message


@pytest.mark.asyncio
@pytest.mark.parametrize("utf8", [False, True])
async def test_positions_with_emoji_cjk_and_crlf(client: LanguageClient, utf8: bool):
    result = await start(client, pull_capabilities(utf8=utf8), EXAMPLES)
    encoding = "utf-8" if utf8 else "utf-16"
    assert result.capabilities.position_encoding == encoding
    text = "# 客户 😀 case\r\n\r\nThe 😀 client 客户 yelled. We were able to refund it.\r\n"
    uri = open_draft(client, EXAMPLES / "unsaved-emoji.md", text)
    report = await pull(client, uri)
    passive = next(d for d in report.items if d.code == "passive-talk")
    prefix = "The 😀 client 客户 yelled. "
    column = len(prefix.encode("utf-16-le")) // 2 if not utf8 else len(prefix.encode())
    assert (passive.range.start.line, passive.range.start.character) == (2, column)
    actions = await actions_at(client, uri, passive)
    fixed = apply(text, edits_of(actions[0], uri), encoding)
    assert fixed == text.replace("We were able to refund", "We refunded")


@pytest.mark.asyncio
async def test_huge_document_gets_one_diagnostic_not_a_freeze(client: LanguageClient):
    track_versions(client)
    await start(client, NEOVIM, EXAMPLES)
    uri = open_draft(client, EXAMPLES / "huge.md", "I was told to wait. " * 120_000)
    (only,) = await diagnostics_for(client, uri)
    assert only.code == "too-large" and "was not checked" in only.message


@pytest.mark.asyncio
async def test_long_bank_is_checked_up_to_the_budget_and_says_where_it_stopped(
        client: LanguageClient, tmp_path):
    """A 700,000-character bank: the answers in its first 500,000 characters get the CLI's
    diagnostics, and one information diagnostic sits on the first heading past them."""
    await start(client, pull_capabilities(), tmp_path)
    body = (EXAMPLES / "basic.md").read_text(encoding="utf-8").split("\n", 1)[1]
    text = "".join(f"## Answer {n}\n{body} That was case {n}.\n\n" for n in range(
        700_000 // (len(body) + 40)))
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    uri = open_draft(client, path, text)
    report = await pull(client, uri)
    (note,) = [d for d in report.items if d.code == "too-large"]
    assert note.severity == lsp.DiagnosticSeverity.Information
    stopped = note.range.start.line
    assert text.split("\n")[stopped].startswith("## Answer ")
    assert "were left unchecked to keep typing fast" in note.message
    assert len(text[: sum(len(line) + 1 for line in text.split("\n")[:stopped])]) <= 500_000
    checked = [t for t in as_tuples(report.items) if t[0] != "too-large"]
    assert checked == [t for t in cli_tuples(path) if t[1] < stopped]
    assert all(t[1] < stopped for t in checked) and len(checked) > 100
    # nothing to fix or disable there (the file-wide fix-all is offered anywhere)
    assert not await actions_at(client, uri, note, only=[lsp.CodeActionKind.QuickFix])


def test_tcp_mode_answers_initialize(tmp_path):
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "answerlint", "lsp", "--tcp",
                               f"127.0.0.1:{port}"], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never listened"
                time.sleep(0.1)
        with connection:
            body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                               "params": {"processId": None, "rootUri": None,
                                          "capabilities": {}}}).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            data = b""
            while b"\r\n\r\n" not in data:
                data += connection.recv(4096)
            head, _, rest = data.partition(b"\r\n\r\n")
            length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
            while len(rest) < length:
                rest += connection.recv(4096)
            reply = json.loads(rest[:length])
        assert reply["id"] == 1
        assert reply["result"]["serverInfo"]["name"] == "answerlint"
        assert reply["result"]["capabilities"]["positionEncoding"] == "utf-16"
    finally:
        server.kill()
        server.wait()


def test_tcp_needs_host_and_port():
    done = subprocess.run([sys.executable, "-m", "answerlint", "lsp", "--tcp", "2087"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "HOST:PORT" in done.stderr
