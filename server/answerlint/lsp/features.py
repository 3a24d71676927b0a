"""What the editor shows besides squiggles, built from a draft's lint: code actions,
hovers and code lenses. The edits and texts come from fixes.py and views.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from answerlint.fixes import Edit, Fix, disable_for_file, fix_all, insert_step, rewrites
from answerlint.views import answer_hover, lens_title, rule_hover, spoken

if TYPE_CHECKING:
    from answerlint.engine.findings import Finding
    from answerlint.engine.lint import LintResult
    from answerlint.lsp.convert import Positions
    from answerlint.rules.model import Rule

FIX_ALL_KIND = "source.fixAll.answerlint"
SHOW_SUMMARY = "answerlint.showSummary"


def fixes(result: LintResult, start: int, end: int, only: list[str] | None,
          snippets: bool) -> list[Fix]:
    """The fixes for the findings touching [start, end], of the kinds asked for."""
    def wanted(kind: str) -> bool:
        return not only or any(kind == o or kind.startswith(o + ".") for o in only)

    found: list[Fix] = []
    if wanted(lsp.CodeActionKind.QuickFix):
        touching = [f for f in result.findings if f.grade is None
                    and f.start <= end and start <= f.end]
        for finding in touching:
            found.extend(rewrites(finding, result.document.text))
            step = insert_step(finding, result.document.text, snippets)
            if step is not None:
                found.append(step)
        first_of_rule: dict[str, Finding] = {}
        for finding in touching:
            if not finding.note:  # the engine's notes are no rule to disable
                first_of_rule.setdefault(finding.rule, finding)
        for finding in first_of_rule.values():
            found.append(disable_for_file(finding, result.document))
    if wanted(FIX_ALL_KIND):
        edits = fix_all(result.findings, result.document.text)
        if edits:
            found.append(Fix("Fix all answerlint rewrites in this file", tuple(edits)))
    return found


def workspace_edit(uri: str, version: int | None, result: LintResult, positions: Positions,
                   edits: Sequence[Edit], snippet: bool, versioned: bool) -> lsp.WorkspaceEdit:
    text_edits: list[lsp.TextEdit | lsp.SnippetTextEdit] = []
    for edit in edits:
        where = positions.range(result.document.lines, edit.start, edit.end)
        text_edits.append(lsp.SnippetTextEdit(where, lsp.StringValue(edit.new_text))
                          if snippet else lsp.TextEdit(where, edit.new_text))
    if versioned:
        identifier = lsp.OptionalVersionedTextDocumentIdentifier(uri, version)
        return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(identifier, text_edits)])
    return lsp.WorkspaceEdit(changes={uri: text_edits})  # type: ignore[dict-item]


def code_action(fix: Fix, edit: lsp.WorkspaceEdit, result: LintResult,
                positions: Positions) -> lsp.CodeAction:
    if fix.finding is None:
        return lsp.CodeAction(fix.title, kind=FIX_ALL_KIND, edit=edit)
    diagnostic = positions.diagnostic(fix.finding, result.document.lines)
    return lsp.CodeAction(fix.title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                          is_preferred=fix.preferred or None, edit=edit)


def hover(result: LintResult, at: int, rules: dict[str, Rule]) -> lsp.Hover | None:
    """On an answer's first line: its summary. On a finding: why it matters."""
    line = result.document.lines.line_of(at)
    parts = []
    for summary in result.summaries:
        if result.document.lines.line_of(summary.start) == line:
            level = result.grade_of(summary.answer)
            parts.append(answer_hover(summary, level.message if level else ""))
    here = [f for f in result.findings if f.rule in rules and f.grade is None
            and f.start <= at <= f.end]
    for finding in sorted(here, key=lambda f: f.end - f.start):  # the most specific first
        parts.append(rule_hover(rules[finding.rule], finding.message))
    if not parts:
        return None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


def code_lenses(uri: str, result: LintResult, positions: Positions) -> list[lsp.CodeLens]:
    lenses = []
    for summary in result.summaries:
        spot = positions.range(result.document.lines, summary.start, summary.start)
        lenses.append(lsp.CodeLens(spot, lsp.Command(
            lens_title(summary), SHOW_SUMMARY, arguments=[uri, summary.answer]),
            data={"answer": summary.answer, "level": summary.level,
                  "levelName": summary.level_name, "spoken": spoken(summary.spoken_seconds),
                  "words": summary.words, "shares": summary.shares}))
    return lenses


def summary_text(result: LintResult, answer: int) -> str | None:
    """The code lens command's text: the answer's summary, as plain text."""
    for summary in result.summaries:
        if summary.answer == answer:
            return answer_hover(summary).replace("```text\n", "").replace("\n```", "")
    return None
