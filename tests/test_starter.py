"""The starter: a forked helper that lints the first drafts while the server loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Run in a fresh process: the starter must be forked before any thread starts, and the
# test process has pytest's threads.
FORKED = r"""
import json, os, signal, sys
from dataclasses import asdict
from pathlib import Path
from answerlint.settings import Settings
from answerlint.lsp.starter import Starter

starter = Starter.fork()
doomed = Starter.fork()
from answerlint.engine import lint as engine  # after the forks, as the server does

out = {"same": [], "none_after_kill": None, "none_after_close": None, "reaped": None}
drafts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[1]).glob("*.md"))]
# odd Unicode an editor may send: a lone surrogate, emoji, CRLF, a NUL
drafts.append(("odd", "# Q\r\n\r\nI was told to wait \ud800 for 😀 the \x00 team.\r\n"))
for name, text in drafts:
    for settings in (Settings(), Settings(target="expert", disable=frozenset({"passive-talk"}))):
        by_starter = starter.lint(text, settings, 500_000)
        own = engine.lint(text, settings, budget=500_000).findings
        out["same"].append([name, len(own), [asdict(f) for f in by_starter] ==
                            [asdict(f) for f in own]])
os.kill(doomed.pid, signal.SIGKILL)
out["none_after_kill"] = doomed.lint("I fixed it.", Settings(), 500_000) is None
starter.close()
out["none_after_close"] = starter.lint("I fixed it.", Settings(), 500_000) is None
try:
    os.waitpid(starter.pid, os.WNOHANG)
    out["reaped"] = False
except ChildProcessError:
    out["reaped"] = True
print(json.dumps(out))
"""


def test_the_starter_finds_what_the_engine_finds_and_stops_cleanly():
    done = subprocess.run([sys.executable, "-c", FORKED, str(EXAMPLES)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert len(out["same"]) == 2 * (len(list(EXAMPLES.glob("*.md"))) + 1)
    for name, count, same in out["same"]:
        assert same, name
        assert count > 0, name
    assert out["none_after_kill"] and out["none_after_close"] and out["reaped"]


async def first_diagnostics(command: list[str], pull: bool, path: Path) -> list[lsp.Diagnostic]:
    """Start a server, open `path` at once (while the engine is still loading) and return
    the first diagnostics it pushes, or its answer to the first pull."""
    client: LanguageClient = await ClientServerConfig(server_command=command).start()
    caps = lsp.ClientCapabilities(text_document=lsp.TextDocumentClientCapabilities(
        publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True),
        diagnostic=lsp.DiagnosticClientCapabilities() if pull else None))
    try:
        await client.initialize_session(lsp.InitializeParams(capabilities=caps,
                                                             root_uri=path.parent.as_uri()))
        uri = path.as_uri()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri, "markdown", 1, path.read_text(encoding="utf-8"))))
        if pull:
            report = await client.text_document_diagnostic_async(lsp.DocumentDiagnosticParams(
                lsp.TextDocumentIdentifier(uri)))
            assert isinstance(report, lsp.RelatedFullDocumentDiagnosticReport)
            return list(report.items)
        while uri not in client.diagnostics:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])
    finally:
        await client.shutdown_session()


@pytest.mark.asyncio
@pytest.mark.parametrize("pull", [False, True], ids=["push", "pull"])
async def test_first_diagnostics_from_the_starter_equal_the_servers_own(tmp_path, pull):
    path = EXAMPLES / "professional.md"
    log = tmp_path / "server.log"
    server = [sys.executable, "-m", "answerlint", "lsp"]
    by_starter = await first_diagnostics([*server, "--log-file", str(log)], pull, path)
    own = await first_diagnostics([*server, "--no-starter"], pull, path)
    assert by_starter == own
    assert len(own) >= 3  # the level and two missing steps
    logged = log.read_text()
    assert f"{path.as_uri()}: first diagnostics from the starter" in logged
    # pygls's own chatter (every message it sends, in full) stays out of the log
    assert all(line.startswith(("INFO:answerlint", "WARNING:", "ERROR:"))
               for line in logged.splitlines() if line.startswith(("INFO:", "DEBUG:"))), logged
