"""Engine offsets to protocol positions and findings to diagnostics, in the position
encoding the client and server agreed on (UTF-8 where offered, else UTF-16)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from answerlint.engine.positions import LineIndex, Position
from answerlint.lsp import wire
from answerlint.views import docs_url

if TYPE_CHECKING:
    from answerlint.engine.findings import Finding
    from answerlint.engine.lint import LintResult

SOURCE = "answerlint"
SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "info": lsp.DiagnosticSeverity.Information, "hint": lsp.DiagnosticSeverity.Hint}


@dataclass(frozen=True)
class Positions:
    encoding: str  # "utf-8", "utf-16" or "utf-32"

    def range(self, lines: LineIndex, start: int, end: int) -> lsp.Range:
        a, b = lines.position(start, self.encoding), lines.position(end, self.encoding)
        return lsp.Range(lsp.Position(a.line, a.character), lsp.Position(b.line, b.character))

    def offset(self, lines: LineIndex, position: lsp.Position) -> int:
        return lines.offset(Position(position.line, position.character), self.encoding)

    def diagnostic(self, finding: Finding, lines: LineIndex) -> lsp.Diagnostic:
        href = docs_url(finding.rule)
        data: dict[str, Any] = {"rule": finding.rule}
        if finding.replacements:
            data["replacements"] = finding.replacements
        if finding.insertion is not None:
            data["snippet"] = finding.insertion.snippet
        if finding.grade is not None:
            data["level"] = finding.grade.level
        return wire.WireDiagnostic(
            self.range(lines, finding.start, finding.end), finding.message,
            severity=SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Information),
            code=finding.rule, source=SOURCE,
            code_description=lsp.CodeDescription(href) if href else None, data=data)

    def diagnostics(self, result: LintResult, last: dict[tuple, list[lsp.Diagnostic]]
                    ) -> tuple[list[lsp.Diagnostic], dict[tuple, list[lsp.Diagnostic]]]:
        """The findings as diagnostics. An answer with the same text on the same line and the
        same findings as in the `last` lint keeps its diagnostics (and their JSON); returns
        them with the memo for the next lint."""
        text, lines = result.document.text, result.document.lines
        answers = {a.index: a for a in result.document.answers}
        groups: dict[int, list[Finding]] = {}
        for finding in result.findings:  # sorted by offset, so grouped answer by answer
            groups.setdefault(finding.answer, []).append(finding)
        out: list[lsp.Diagnostic] = []
        kept: dict[tuple, list[lsp.Diagnostic]] = {}
        for index, findings in groups.items():
            answer = answers.get(index)
            if answer is None:  # not in an answer (a broken front matter)
                out.extend(self.diagnostic(f, lines) for f in findings)
                continue
            key = (text[answer.start : answer.end], lines.line_of(answer.start), self.encoding,
                   tuple((f.rule, f.severity, f.message, f.start - answer.start,
                          f.end - answer.start) for f in findings))
            made = last.get(key)
            if made is None:
                made = [self.diagnostic(f, lines) for f in findings]
            kept[key] = made
            out.extend(made)
        return out, kept


def note_diagnostic(code: str, message: str, where: lsp.Range,
                    severity: lsp.DiagnosticSeverity) -> lsp.Diagnostic:
    """A diagnostic of the server's own (a draft too large, a broken config file)."""
    return lsp.Diagnostic(where, message, severity=severity, code=code, source=SOURCE)
