"""`answerlint check --format sarif`: findings as SARIF 2.1.0, the format code-scanning
services (GitHub's among them) and SARIF viewers read.

Lines and columns are 1-based, columns in UTF-16 code units (SARIF's default, said
explicitly with `columnKind`), the same units the human and JSON output count in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from answerlint import __version__
from answerlint.docs import rule_page, summary_line
from answerlint.engine.findings import INVALID_CONFIG, TOO_LARGE, Finding
from answerlint.output import FileReport
from answerlint.rules.model import Rule
from answerlint.views import docs_url

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# The package's home as the README installs it (`pip install answerlint`).
INFORMATION_URI = "https://pypi.org/project/answerlint/"
LEVELS = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}
SOURCE_ROOT = "SRCROOT"  # paths under the current folder are given relative to it
# The engine's own notes have no rule file; they get a descriptor all the same, so every
# result's ruleIndex points at one.
NOTES = {
    INVALID_CONFIG: ("A setting in the draft's front matter is not valid, so the front "
                     "matter was ignored.", "error"),
    TOO_LARGE: ("Part of a long draft was left unchecked.", "info"),
}


def _descriptor(rule: Rule) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": summary_line(rule)},
        "fullDescription": {"text": rule.rationale},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "help": {"text": rule.rationale, "markdown": rule_page(rule)},
    }
    page = docs_url(rule.id)
    if page is not None:
        descriptor["helpUri"] = page
    return descriptor


def _note_descriptor(code: str) -> dict[str, Any]:
    text, severity = NOTES.get(code, (code, "info"))
    return {"id": code, "shortDescription": {"text": text},
            "fullDescription": {"text": text},
            "defaultConfiguration": {"level": LEVELS[severity]}}


def _artifact(path: str, root: Path) -> dict[str, Any]:
    """Where a draft is: relative to the current folder when under it (as code scanning
    wants), else an absolute file URI."""
    if path.startswith("<") or not path:  # standard input without --stdin-filename
        return {"uri": quote(path)}
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SOURCE_ROOT}


def _result(report: FileReport, finding: Finding, index: int, root: Path) -> dict[str, Any]:
    assert report.result is not None
    lines = report.result.document.lines
    start, end = lines.position(finding.start), lines.position(finding.end)
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": _artifact(report.path, root),
            "region": {"startLine": start.line + 1, "startColumn": start.character + 1,
                       "endLine": end.line + 1, "endColumn": end.character + 1},
        }}],
    }


def render_sarif(reports: list[FileReport], rules: dict[str, Rule],
                 root: Path | None = None) -> str:
    """One SARIF log with one run. `rules` are every rule the drafts were checked with;
    `root` is the folder relative paths start from (default: the current folder)."""
    root = Path(os.path.abspath(root or Path.cwd()))
    descriptors = [_descriptor(rules[rule_id]) for rule_id in sorted(rules)]
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    results = []
    notifications = []
    for report in reports:
        if report.error is not None:
            notifications.append({
                "level": "error", "message": {"text": report.error},
                "locations": [{"physicalLocation": {
                    "artifactLocation": _artifact(report.path, root)}}]})
            continue
        assert report.result is not None
        for finding in report.result.findings:
            if finding.rule not in index:
                index[finding.rule] = len(descriptors)
                descriptors.append(_note_descriptor(finding.rule))
            results.append(_result(report, finding, index[finding.rule], root))
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "answerlint", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI, "rules": descriptors}},
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "utf16CodeUnits",
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "results": results,
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]},
                      ensure_ascii=False)  # one line, as --format json (see output.py)
