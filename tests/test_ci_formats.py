"""`answerlint check --format github` and `--format sarif`: what a CI run shows."""

import json

import pytest

from answerlint.cli import main

PASSIVE = "A customer was upset. I was told to give her a refund, so I did.\n"
PASSIVE_MESSAGE = ('"I was told to give her a refund, so I did" hands the action to someone else '
                   "or to the rules. Say what you decided and did: I gave her a refund.")
# A user's rule whose message has every character a workflow command must escape.
ODD_RULE = """id: odd-message
kind: existence
level: info
message: "100% '{match}'\\r\\nnext: line, end"
rationale: Tests escaping.
seed: "000"
patterns: ["refund"]
examples: {bad: ["a refund"], good: ["fine"]}
"""


def github_lines(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["check", "--format", "github", *args])
    return code, capsys.readouterr().out.splitlines()


def test_github_annotation_per_finding_with_one_based_range(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(PASSIVE, encoding="utf-8")
    code, lines = github_lines(capsys, "draft.md")
    assert code == 1
    assert lines[0] == ("::warning file=draft.md,line=1,col=23,endLine=1,endColumn=64,"
                        f"title=passive-talk::{PASSIVE_MESSAGE}")
    commands = {line.split(" ", 1)[0]: line for line in lines}
    # info (level, missing-root-cause) and hint (missing-value) findings are notices
    assert "::notice" in commands and set(commands) == {"::warning", "::notice"}
    assert any(line.startswith("::notice file=draft.md,line=1,col=23,endLine=1,endColumn=65,"
                               "title=missing-value::No value:") for line in lines)
    assert len(lines) == 8  # one line per finding, nothing else
    assert main(["check", "--format", "github", "--fail-level", "never", "draft.md"]) == 0


def test_github_severity_error_and_escaping(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "odd.yaml").write_text(ODD_RULE, encoding="utf-8")
    (tmp_path / ".answerlint.yaml").write_text(
        "rule_paths: [rules]\nseverity: {passive-talk: error}\n", encoding="utf-8")
    (tmp_path / "a,b:c%.md").write_text(PASSIVE, encoding="utf-8")
    code, lines = github_lines(capsys, "a,b:c%.md")
    assert code == 1
    assert lines[0].startswith("::error file=a%2Cb%3Ac%25.md,line=1,col=23,")
    assert ("::notice file=a%2Cb%3Ac%25.md,line=1,col=48,endLine=1,endColumn=54,"
            "title=odd-message::100%25 'refund'%0D%0Anext: line, end") in lines


def test_github_unreadable_file_is_an_error_annotation_and_exit_two(tmp_path, capsys,
                                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    code, lines = github_lines(capsys, "bin.md")
    assert code == 2
    assert lines == ["::error file=bin.md,title=answerlint::binary file, not a Markdown draft"]


# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that answerlint's
# log uses, with their required properties, enumerations and minimums as the schema states
# them. Written here so the test runs offline.
MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
           "properties": {"text": {"type": "string"}}}
MULTIFORMAT = {"type": "object", "required": ["text"],
               "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}}}
LEVEL = {"enum": ["none", "note", "warning", "error"]}
ARTIFACT_LOCATION = {"type": "object", "properties": {
    "uri": {"type": "string", "format": "uri-reference"}, "uriBaseId": {"type": "string"}}}
REGION = {"type": "object", "properties": {
    key: {"type": "integer", "minimum": 1}
    for key in ("startLine", "startColumn", "endLine", "endColumn")}}
PHYSICAL_LOCATION = {"type": "object",
                     "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
                     "properties": {"artifactLocation": ARTIFACT_LOCATION, "region": REGION}}
LOCATION = {"type": "object", "properties": {"physicalLocation": PHYSICAL_LOCATION}}
SARIF_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {
                    "driver": {"type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string"},
                        "version": {"type": "string"},
                        "informationUri": {"type": "string", "format": "uri"},
                        "rules": {"type": "array", "uniqueItems": True, "items": {
                            "type": "object", "required": ["id"], "properties": {
                                "id": {"type": "string"},
                                "shortDescription": MULTIFORMAT,
                                "fullDescription": MULTIFORMAT,
                                "help": MULTIFORMAT,
                                "helpUri": {"type": "string", "format": "uri"},
                                "defaultConfiguration": {"type": "object", "properties": {
                                    "level": LEVEL}},
                            }}},
                    }}}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "originalUriBaseIds": {"type": "object", "additionalProperties": ARTIFACT_LOCATION},
                "invocations": {"type": "array", "items": {
                    "type": "object", "required": ["executionSuccessful"], "properties": {
                        "executionSuccessful": {"type": "boolean"},
                        "toolExecutionNotifications": {"type": "array", "items": {
                            "type": "object", "required": ["message"], "properties": {
                                "message": MESSAGE, "level": LEVEL,
                                "locations": {"type": "array", "items": LOCATION}}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"], "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": LEVEL,
                        "message": MESSAGE,
                        "locations": {"type": "array", "items": LOCATION}}}},
            }}},
    },
}


def sarif_log(capsys, *args: str) -> tuple[int, dict]:
    code = main(["check", "--format", "sarif", *args])
    log = json.loads(capsys.readouterr().out)
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extras")
    jsonschema.validate(log, SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return code, log


def test_sarif_log_has_rules_results_and_utf16_regions(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    # the emoji takes two UTF-16 code units, so the finding starts at column 1 + 2 + 1 + 22
    (tmp_path / "drafts" / "a.md").write_text("😀 " + PASSIVE, encoding="utf-8")
    code, log = sarif_log(capsys, "drafts")
    assert code == 1
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    driver = run["tool"]["driver"]
    assert driver["name"] == "answerlint" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    passive = next(r for r in run["results"] if r["ruleId"] == "passive-talk")
    assert rules[passive["ruleIndex"]]["id"] == "passive-talk"
    assert passive["level"] == "warning" and passive["message"]["text"] == PASSIVE_MESSAGE
    location = passive["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "drafts/a.md", "uriBaseId": "SRCROOT"}
    assert location["region"] == {"startLine": 1, "startColumn": 26,
                                  "endLine": 1, "endColumn": 67}
    hint = next(r for r in run["results"] if r["ruleId"] == "missing-value")
    assert hint["level"] == "note" and rules[hint["ruleIndex"]]["id"] == "missing-value"
    doormat = next(r for r in rules if r["id"] == "doormat")
    assert doormat["defaultConfiguration"] == {"level": "warning"}
    assert doormat["fullDescription"]["text"].startswith("Being calm, nice or patient")
    assert doormat["helpUri"].startswith("file://") and doormat["helpUri"].endswith("/doormat.md")
    assert "## Why it matters" in doormat["help"]["markdown"]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_describes_a_users_rules_and_reports_unreadable_files(tmp_path, capsys,
                                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "odd.yaml").write_text(ODD_RULE, encoding="utf-8")
    (tmp_path / ".answerlint.yaml").write_text("rule_paths: [rules]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(PASSIVE, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"\x00binary")
    code, log = sarif_log(capsys, "a.md", "b.md")
    assert code == 2
    run = log["runs"][0]
    odd = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "odd-message")
    assert "helpUri" not in odd  # a user's rule has no page
    assert odd["defaultConfiguration"] == {"level": "note"}
    assert any(r["ruleId"] == "odd-message" for r in run["results"])
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "binary file, not a Markdown draft"
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.md"


def test_sarif_front_matter_error_has_a_descriptor(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("---\ntarget: wizard\n---\n" + PASSIVE, encoding="utf-8")
    code, log = sarif_log(capsys, "a.md")
    run = log["runs"][0]
    bad = next(r for r in run["results"] if r["ruleId"] == "invalid-config")
    assert bad["level"] == "error" and "'target'" in bad["message"]["text"]
    assert run["tool"]["driver"]["rules"][bad["ruleIndex"]]["id"] == "invalid-config"
    assert code == 1


def test_the_readmes_annotation_sample_is_what_the_tool_prints(root, capsys, monkeypatch):
    readme = (root / "README.md").read_text(encoding="utf-8")
    samples = [line for line in readme.splitlines() if line.startswith("::")]
    assert samples
    monkeypatch.chdir(root)
    main(["check", "--format", "github", "examples/basic.md"])
    printed = capsys.readouterr().out.splitlines()
    for line in samples:
        assert line in printed
