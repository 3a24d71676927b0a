"""How the CLI prints findings: human lines like ruff and Vale, or a stable JSON document."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from answerlint.engine.findings import Finding
from answerlint.engine.lint import LintResult

COLOURS = {"error": "31", "warning": "33", "info": "36", "hint": "2"}
SEVERITY_RANK = {"hint": 0, "info": 1, "warning": 2, "error": 3}
JSON_SCHEMA_VERSION = 1


@dataclass
class FileReport:
    path: str
    result: LintResult | None
    error: str | None = None  # a file that could not be read or configured


def _range(result: LintResult, finding: Finding) -> dict[str, Any]:
    start = result.document.lines.position(finding.start)
    end = result.document.lines.position(finding.end)
    return {
        "start": {"line": start.line, "character": start.character},
        "end": {"line": end.line, "character": end.character},
    }


def finding_json(path: str, result: LintResult, finding: Finding) -> dict[str, Any]:
    item: dict[str, Any] = {
        "path": path,
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "range": _range(result, finding),
        "answer": finding.answer,
    }
    if finding.replacements:
        item["replacements"] = finding.replacements
    if finding.grade is not None:
        item["level"] = finding.grade.level
        item["level_name"] = finding.grade.name
        item["shares"] = dict(finding.grade.shares)
    return item


def render_json(reports: list[FileReport]) -> str:
    files = []
    for report in reports:
        entry: dict[str, Any] = {"path": report.path}
        if report.error:
            entry["error"] = report.error
            entry["findings"] = []
        elif report.result is not None:
            entry["findings"] = [finding_json(report.path, report.result, f)
                                 for f in report.result.findings]
            entry["answers"] = [
                {"answer": s.answer, "title": s.title, "level": s.level,
                 "level_name": s.level_name, "words": s.words,
                 "spoken_seconds": s.spoken_seconds, "shares": s.shares}
                for s in report.result.summaries
            ]
        files.append(entry)
    # one line, by json's C encoder: indenting runs the pure-Python one, which took longer
    # than linting a thousand drafts in parallel (pipe through `jq .` to read it)
    return json.dumps({"version": JSON_SCHEMA_VERSION, "files": files}, ensure_ascii=False)


def render_human(reports: list[FileReport], colour: bool) -> str:
    def paint(code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if colour else text

    lines: list[str] = []
    counts = {"error": 0, "warning": 0, "info": 0, "hint": 0}
    files_with = 0
    for report in reports:
        if report.error:
            lines.append(f"{report.path}: {paint('31', 'error')} {report.error}")
            counts["error"] += 1
            continue
        assert report.result is not None
        if report.result.findings:
            files_with += 1
            lines.append(paint("1", report.path))
        for finding in report.result.findings:
            start = report.result.document.lines.position(finding.start)
            severity = paint(COLOURS[finding.severity], finding.severity)
            lines.append(f"{report.path}:{start.line + 1}:{start.character + 1}: {severity} "
                         f"{paint('1', finding.rule)} {finding.message}")
        if report.result.findings:
            lines.append("")
    for report in reports:
        for finding in report.result.findings if report.result else []:
            counts[finding.severity] += 1
    total = sum(counts.values())
    parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n]
    checked = f"{len(reports)} file{'s' if len(reports) != 1 else ''}"
    if total:
        lines.append(f"Found {', '.join(parts)} in {files_with} of {checked}.")
    else:
        lines.append(f"All clear: {checked} checked.")
    return "\n".join(lines)


# GitHub workflow commands: https://docs.github.com/actions (workflow commands). A finding's
# severity picks the command; info and hint have no command of their own and are notices.
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def _github_data(text: str) -> str:
    """A workflow command's message, with the characters that would end or break it escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A property value: as a message, and also its separators, ':' and ','."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[FileReport]) -> str:
    """One workflow command per finding (1-based lines and columns, as the human lines), so
    a GitHub Actions run shows each on the changed file; a file that could not be read is
    an error on the file."""
    lines: list[str] = []
    for report in reports:
        path = _github_property(report.path)
        if report.error:
            lines.append(f"::error file={path},title=answerlint::{_github_data(report.error)}")
            continue
        assert report.result is not None
        positions = report.result.document.lines
        for finding in report.result.findings:
            start, end = positions.position(finding.start), positions.position(finding.end)
            lines.append(
                f"::{GITHUB_COMMANDS[finding.severity]} file={path},line={start.line + 1},"
                f"col={start.character + 1},endLine={end.line + 1},"
                f"endColumn={end.character + 1},title={_github_property(finding.rule)}::"
                f"{_github_data(finding.message)}")
    return "\n".join(lines)
