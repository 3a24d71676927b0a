"""The LSP-free core: text in, findings and per-answer summaries out.

The CLI and the language server both call `Linter.lint`; nothing here knows about either.
"""

from __future__ import annotations

import functools
import gc
from dataclasses import dataclass, field, replace
from pathlib import Path

from answerlint.engine.analysis import Analyzer, AnswerModel, BlockFacts
from answerlint.engine.document import Answer, Document, Parsed, parse
from answerlint.engine.findings import Context, Finding
from answerlint.engine.parallel import in_parallel
from answerlint.engine.suppression import is_suppressed, switches
from answerlint.rules.kinds.level import classify, shares
from answerlint.rules.kinds import CHECKS
from answerlint.rules.loader import cached_rules, file_stamps, rules_at
from answerlint.rules.model import TARGET_NUMBER, Rule, RuleSet
from answerlint.settings import KEYS, ConfigError, Settings, merge

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


@functools.lru_cache(maxsize=8)
def _analyzer(paths: tuple[Path, ...], stamps: tuple[float, ...], pipeline: str) -> Analyzer:
    return Analyzer(cached_rules(paths, stamps), pipeline)


def rules_for(settings: Settings) -> RuleSet:
    """The rule set for these settings, loaded once and again only when a file changes."""
    return rules_at(settings.rule_paths)


def _analyzer_for(settings: Settings) -> Analyzer:
    return _analyzer(settings.rule_paths, file_stamps(settings.rule_paths), settings.pipeline)


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


class AnswerCache:
    """Each answer's raw findings from the last lint of one document, so that an edit
    re-analyses only the answers (heading sections) it touched.

    Entries are stored relative to the answer's start and keyed by the answer's text,
    its prose blocks, the analyzer and the settings that shape raw findings; severity,
    `disable` and inline switches are applied afresh on every lint.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple, tuple[list[Finding], list[Summary]]] = {}
        self.analysed = 0  # answers analysed (not taken from the cache) by the last lint
        # Within a changed answer, its unchanged blocks (paragraphs) are not tokenized and
        # matched again either: their facts, by text, for this analyzer.
        self._blocks: dict[str, BlockFacts] = {}
        self._blocks_analyzer: Analyzer | None = None
        self.sections: dict[str, Parsed] = {}  # Markdown parses by section (see parse)

    @staticmethod
    def key(document: Document, answer: Answer, analyzer: Analyzer, settings: Settings) -> tuple:
        first = answer.blocks[0].paragraph if answer.blocks else 0
        blocks = tuple((b.start - answer.start, b.paragraph - first, b.text) for b in answer.blocks)
        heading = (None if answer.heading is None
                   else (answer.heading[0] - answer.start, answer.heading[1] - answer.start))
        return (analyzer, settings.target, settings.words_per_minute, answer.title, heading,
                document.text[answer.start : answer.end], blocks)


def _shifted(finding: Finding, delta: int, index: int) -> Finding:
    data = finding.data
    if "insert_at" in data:
        data = {**data, "insert_at": data["insert_at"] + delta}
    # made directly, not with dataclasses.replace: an answer bank shifts hundreds per edit
    return Finding(finding.rule, finding.severity, finding.message, finding.start + delta,
                   finding.end + delta, index, finding.replacements, data)


def _over_budget(document: Document, budget: int | None) -> list[Answer]:
    """The answers past the first `budget` characters of answers (none without a budget)."""
    if budget is None:
        return []
    used = 0
    for n, answer in enumerate(document.answers):
        used += answer.end - answer.start
        if used > budget:
            return document.answers[n:]
    return []


def _unchecked(document: Document, left: list[Answer]) -> Finding:
    first = left[0]
    start, end = first.heading or (first.start, document.lines.line_end(
        document.lines.line_of(first.start)))
    size = sum(a.end - a.start for a in left)
    checked = len(document.answers) - len(left)
    done = ("none of the answers" if not checked else "the first answer" if checked == 1
            else f"the first {checked:,} answers")
    rest = "the answer" if len(left) == 1 else f"the {len(left):,} answers"
    message = (f"answerlint checked {done} of this file while you edit it; {rest} from here "
               f"on ({size:,} characters) were left unchecked to keep typing fast. Split the "
               f"file, or run `answerlint check` on it.")
    return Finding("too-large", "info", message, start, end, -1)


def _checked_answers(analyzer: Analyzer, document: Document, settings: Settings,
                     cache: AnswerCache | None, count: int, jobs: int = 1
                     ) -> tuple[list[Finding], list[Summary], list[AnswerModel]]:
    """Raw findings and summaries for the first `count` answers, from the cache where the
    answer is unchanged; a long draft without a cache is checked in `jobs` processes."""
    answers = document.answers[:count]
    keys = [AnswerCache.key(document, a, analyzer, settings) for a in answers]
    kept = cache._entries if cache is not None else {}
    todo = [a for a, k in zip(answers, keys, strict=True) if k not in kept]
    known: dict[str, BlockFacts] = {}
    if cache is not None and cache._blocks_analyzer is analyzer:
        known = cache._blocks

    def check(some: list[Answer]) -> list[tuple[int, tuple[list[Finding], list[Summary]]]]:
        found = analyzer.analyze(some, known)
        models.extend(found)
        return [(m.answer.index, _check_answer(analyzer.rules, m, settings, document))
                for m in found]

    models: list[AnswerModel] = []  # kept only when the answers are checked here
    done = None if cache is not None else in_parallel(
        check, todo, [a.end - a.start for a in todo], jobs)
    fresh = dict(done if done is not None else check(todo))
    findings: list[Finding] = []
    summaries: list[Summary] = []
    entries: dict[tuple, tuple[list[Finding], list[Summary]]] = {}
    for answer, key in zip(answers, keys, strict=True):
        if answer.index in fresh:
            raw, summary = fresh[answer.index]
            entries[key] = ([_shifted(f, -answer.start, -1) for f in raw],
                            [replace(s, start=s.start - answer.start, end=s.end - answer.start)
                             for s in summary])
            findings.extend(raw)
            summaries.extend(summary)
            continue
        entries[key] = kept[key]
        relative, summary = kept[key]
        findings.extend(_shifted(f, answer.start, answer.index) for f in relative)
        summaries.extend(replace(s, answer=answer.index, start=s.start + answer.start,
                                 end=s.end + answer.start) for s in summary)
    if cache is not None:
        cache._entries = entries  # only this document's current answers and blocks stay
        cache._blocks = {b.text: known[b.text] for a in answers for b in a.blocks
                         if b.text in known}
        cache._blocks_analyzer = analyzer
        cache.analysed = len(todo)
    return findings, summaries, models


def prepare(settings: Settings | None = None) -> None:
    """Build the pipeline and rules for these settings ahead of the first draft, then set
    Python's garbage collector aside from them.

    Everything built so far lives as long as the process, yet every full collection walked
    it again: a third of a 300,000-word lint went there. `gc.freeze` moves it out of the
    collector's sight, and rarer young collections spare the many short-lived objects a
    lint makes. For the command line and the server, which own their process."""
    lint("Warm up. I fixed it.", settings)
    gc.freeze()  # no collection first: it would take 70 ms of the start-up for little
    gc.set_threshold(10_000, 10, 10)


def lint(text: str, settings: Settings | None = None,
         overrides: dict[str, object] | None = None,
         cache: AnswerCache | None = None, budget: int | None = None,
         jobs: int = 1) -> LintResult:
    """Findings for one draft. `overrides` (from the command line) beat its front matter.

    With a `cache` (one per open document), unchanged answers are not analysed again.
    With a `budget` (characters), answers past it are left unchecked and one finding,
    `too-large`, says so where they begin. With `jobs`, a long draft's answers are checked
    in that many processes (see parallel.py).
    """
    settings = settings or Settings()
    document = parse(text, cache.sections if cache is not None else None, jobs)
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
    left = _over_budget(document, budget)
    if left:
        findings.append(_unchecked(document, left))
    raw, summaries, models = _checked_answers(analyzer, document, settings, cache,
                                              len(document.answers) - len(left), jobs)
    found_switches = switches(document.comments)
    for finding in raw:
        severity = _severity(analyzer.rules.rules[finding.rule], settings)
        if severity is None or finding.rule in settings.disable:
            continue
        if is_suppressed(finding.rule, finding.start, found_switches):
            continue
        finding.severity = severity  # a fresh object: cached findings are copied out
        findings.append(finding)
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
