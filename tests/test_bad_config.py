"""Config values that used to crash: a spaCy pipeline that is not there, and YAML nested
deeper than PyYAML can recurse. The command line names the key and the file (exit 2 for a
config file); the server keeps linting with the defaults and says so in a diagnostic."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_server
from answerlint.cli import main
from test_server import NEOVIM, diagnostics_for, open_draft, pull, pull_capabilities, start

client = test_server.client  # the fixture that starts the server and shuts it down

DRAFT = "# A case\n\nI was told to refund it.\n"
DEEP = "[" * 5000 + "]" * 5000


def check(tmp_path, capsys, text: str = DRAFT) -> tuple[int, str, str]:
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    code = main(["check", str(draft), "--color", "never"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("value", ["en_core_web_nope", "FOLDER"])
def test_missing_pipeline_in_config_is_a_config_error(tmp_path, capsys, value):
    value = str(tmp_path) if value == "FOLDER" else value  # a folder, but no pipeline in it
    config = tmp_path / ".answerlint.yaml"
    config.write_text(f"target: basic\npipeline: {value}\n", encoding="utf-8")
    code, out, err = check(tmp_path, capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"answerlint: {config}: 'pipeline': ") and value in err


def test_pipeline_in_front_matter_is_reported_and_the_draft_checked(tmp_path, capsys):
    code, out, _ = check(tmp_path, capsys, f"---\npipeline: {tmp_path}\n---\n{DRAFT}")
    assert code == 1
    assert f"draft.md:1:1: error invalid-config front matter: 'pipeline': '{tmp_path}'" in out
    assert "warning passive-talk" in out  # checked with the default pipeline


def test_installed_package_that_is_no_pipeline_falls_back_to_the_default(tmp_path, capsys):
    """PyYAML is installed, so the settings let it through; spaCy cannot load it."""
    code, out, _ = check(tmp_path, capsys, f"---\npipeline: pyyaml\n---\n{DRAFT}")
    assert code == 1
    assert "error invalid-config 'pipeline': spaCy cannot load the pipeline 'pyyaml'" in out
    assert "checked with the default pipeline instead" in out
    assert "warning passive-talk" in out


def test_deeply_nested_config_value_is_a_config_error(tmp_path, capsys):
    config = tmp_path / ".answerlint.yaml"
    config.write_text(f"target: basic\ndisable: {DEEP}\n", encoding="utf-8")
    code, out, err = check(tmp_path, capsys)
    assert (code, out) == (2, "")
    assert err == f"answerlint: {config}: 'disable': nested too deeply to read\n"


def test_deeply_nested_front_matter_is_reported_and_the_draft_checked(tmp_path, capsys):
    code, out, _ = check(tmp_path, capsys, f"---\ntarget: basic\ndisable: {DEEP}\n---\n{DRAFT}")
    assert code == 1
    assert ("draft.md:1:1: error invalid-config front matter line 3: 'disable': nested too "
            "deeply to read") in out
    assert "warning passive-talk" in out


def test_deeply_nested_rule_file_is_a_rule_file_error(tmp_path, capsys):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "mine.yaml").write_text(f"id: my-rule\npatterns: {DEEP}\n")
    (tmp_path / ".answerlint.yaml").write_text("rule_paths: [rules]\n")
    code, out, err = check(tmp_path, capsys)
    assert code == 2
    assert "mine.yaml:2: 'patterns' is nested too deeply to read" in err
    assert "warning passive-talk" in out  # the built-in rules still run


@pytest.mark.asyncio
async def test_server_lints_with_defaults_past_a_missing_pipeline(client: LanguageClient,
                                                                  tmp_path):
    config = tmp_path / ".answerlint.yaml"
    config.write_text("# team\npipeline: en_core_web_nope\n", encoding="utf-8")
    await start(client, pull_capabilities(), tmp_path)
    uri = open_draft(client, tmp_path / "draft.md", DRAFT)
    report = await pull(client, uri)  # was -32603
    assert "passive-talk" in {d.code for d in report.items}
    for _ in range(50):
        if config.as_uri() in client.diagnostics:
            break
        await asyncio.sleep(0.1)
    (problem,) = client.diagnostics[config.as_uri()]
    assert problem.code == "invalid-config" and problem.range.start.line == 1
    assert problem.message.startswith("pipeline: no spaCy pipeline 'en_core_web_nope'")
    assert problem.message.endswith("(until it is fixed, the file is ignored: defaults apply)")


@pytest.mark.asyncio
async def test_server_pushes_despite_bad_front_matter(client: LanguageClient, tmp_path):
    await start(client, NEOVIM, tmp_path)
    for name, front, said in [
            ("pipeline", f"pipeline: {tmp_path}", "is not a saved spaCy pipeline"),
            ("deep", f"disable: {DEEP}", "'disable': nested too deeply to read")]:
        uri = open_draft(client, tmp_path / f"{name}.md", f"---\n{front}\n---\n{DRAFT}")
        diagnostics = await diagnostics_for(client, uri)
        (note,) = [d for d in diagnostics if d.code == "invalid-config"]
        assert said in note.message and note.range.start == lsp.Position(0, 0)
        assert "passive-talk" in {d.code for d in diagnostics}
