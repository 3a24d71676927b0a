"""The LSP-free core: text in, findings and per-answer summaries out.

The CLI and the language server both call `Linter.lint`; nothing here knows about either.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from answerlint.analysis import Analyzer, AnswerModel
from answerlint.config import KEYS, ConfigError, Settings, merge
from answerlint.document import Document, parse
from answerlint.findings import Context, Finding
from answerlint.kinds import CHECKS
from answerlint.kinds.level import classify, shares
from answerlint.rule_loader import expand_rule_paths, load_rules
from answerlint.rule_model import TARGET_NUMBER, Rule, RuleSet
from answerlint.suppression import is_suppressed, switches

# Rules of these kinds read other rules' results, so they run after the rest.
LATE_KINDS = ("condition", "level")


@dataclass
class Summary:
    """One answer at a glance: for the hover, the code lens and the CLI's JSON."""

    answer: int
    title: str | None
    start: int
    end: int
    level: int
    level_name: str
    words: int
    spoken_seconds: float
    shares: dict[str, float]


@dataclass
class LintResult:
    document: Document
    settings: Settings
    findings: list[Finding]
    summaries: list[Summary] = field(default_factory=list)
    models: list[AnswerModel] = field(default_factory=list)


def _mtimes(paths: tuple[Path, ...]) -> tuple[float, ...]:
    out = []
    for path in expand_rule_paths(paths):
        try:
            out.append(os.stat(path).st_mtime)
        except OSError:
            out.append(-1.0)
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _rules(paths: tuple[Path, ...], _stamp: tuple[float, ...]) -> RuleSet:
    return load_rules(paths)


@functools.lru_cache(maxsize=8)
def _analyzer(paths: tuple[Path, ...], stamp: tuple[float, ...], pipeline: str) -> Analyzer:
    return Analyzer(_rules(paths, stamp), pipeline)


def rules_for(settings: Settings) -> RuleSet:
    """The rule set for these settings, loaded once and again only when a file changes."""
    return _rules(settings.rule_paths, _mtimes(settings.rule_paths))


def _analyzer_for(settings: Settings) -> Analyzer:
    return _analyzer(settings.rule_paths, _mtimes(settings.rule_paths), settings.pipeline)


def _ordered(rules: RuleSet) -> list[Rule]:
    """Early kinds first, then condition rules in the order their names need, then levels."""
    early = [r for r in rules.rules.values() if r.kind not in LATE_KINDS]
    pending = [r for r in rules.rules.values() if r.kind == "condition"]
    done = {r.id for r in early}
    ordered = list(early)
    while pending:
        ready = [r for r in pending
                 if not (r.condition.names & {p.id for p in pending if p is not r})]
        if not ready:  # a cycle: run the rest as they come
            ready = pending
        for rule in ready:
            ordered.append(rule)
            done.add(rule.id)
        pending = [r for r in pending if r not in ready]
    return ordered + [r for r in rules.rules.values() if r.kind == "level"]


def lint(text: str, settings: Settings | None = None,
         overrides: dict[str, object] | None = None) -> LintResult:
    """Findings for one draft. `overrides` (from the command line) beat its front matter."""
    settings = settings or Settings()
    document = parse(text)
    findings: list[Finding] = []
    if document.front_matter_error:
        findings.append(Finding("invalid-config", "error", document.front_matter_error, 0,
                                document.lines.line_end(0), -1))
    own = {k: v for k, v in document.front_matter.items() if k in KEYS and k != "rule_paths"}
    try:
        settings = merge(settings, own, "front matter")
    except ConfigError as error:
        findings.append(Finding("invalid-config", "error", str(error), 0,
                                document.lines.line_end(0), -1))
    if overrides:
        settings = merge(settings, overrides, "command line")
    analyzer = _analyzer_for(settings)
    models = analyzer.analyze(document.answers)
    found_switches = switches(document.comments)
    summaries = []
    for model in models:
        raw, summary = _check_answer(analyzer.rules, model, settings, document)
        summaries.extend(summary)
        for finding in raw:
            severity = _severity(analyzer.rules.rules[finding.rule], settings)
            if severity is None or finding.rule in settings.disable:
                continue
            if is_suppressed(finding.rule, finding.start, found_switches):
                continue
            findings.append(replace(finding, severity=severity))
    findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return LintResult(document, settings, findings, summaries, models)


def _severity(rule: Rule, settings: Settings) -> str | None:
    if rule.id in settings.severity:
        chosen = settings.severity[rule.id]
        return None if chosen == "off" else chosen
    return rule.severity_for(settings.target)


def _check_answer(rules: RuleSet, model: AnswerModel, settings: Settings, document: Document
                  ) -> tuple[list[Finding], list[Summary]]:
    facts: dict[str, float] = {"words": model.words, "sentences": len(model.sentences),
                               "target": TARGET_NUMBER[settings.target]}
    for role in rules.roles:
        facts[role] = len(model.role_sentences(role))
    context = Context(settings.target, settings.words_per_minute, document.lines, facts)
    findings: list[Finding] = []
    summaries: list[Summary] = []
    for rule in _ordered(rules):
        found = CHECKS[rule.kind](rule, model, context)
        facts[rule.id] = len(found)
        findings.extend(found)
        if rule.kind == "level" and model.sentences:
            level = classify(rule, context)
            answer = model.answer
            summaries.append(Summary(
                answer.index, answer.title, answer.start, answer.end, level.number, level.name,
                model.words, round(model.words * 60 / settings.words_per_minute, 1),
                {k: round(v, 3) for k, v in shares(model).items()},
            ))
    return findings, summaries
