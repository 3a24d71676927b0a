"""The LSP-free core: text in, findings and per-answer summaries out.

The CLI, the language server and the starter all call `lint`; nothing here knows about them.
"""

from __future__ import annotations

import functools
import gc
from dataclasses import dataclass, field, replace
from pathlib import Path

from answerlint.engine.analysis import Analyzer, AnswerModel, BlockFacts
from answerlint.engine.cache import AnswerCache, Checked, Summary, placed, relative
from answerlint.engine.document import Answer, Document, parse
from answerlint.engine.findings import INVALID_CONFIG, TOO_LARGE, Context, Finding, note
from answerlint.engine.judge import answer_words, confidences
from answerlint.engine.nlp import DEFAULT_PIPELINE, PipelineError
from answerlint.engine.parallel import in_parallel
from answerlint.engine.suppression import is_suppressed, switches
from answerlint.engine.tokens import LONGEST_RUN, MAX_BLOCK, unread
from answerlint.rules.kinds import KINDS
from answerlint.rules.loader import cached_rules, file_stamps, rules_at
from answerlint.rules.model import TARGET_NUMBER, Rule, RuleSet
from answerlint.settings import ConfigError, Settings, front_matter_settings

__all__ = ["AnswerCache", "LintResult", "Summary", "lint", "prepare", "prime", "rules_for"]


@dataclass
class LintResult:
    document: Document
    settings: Settings
    findings: list[Finding]
    summaries: list[Summary] = field(default_factory=list)
    models: list[AnswerModel] = field(default_factory=list)

    def grade_of(self, answer: int) -> Finding | None:
        """The answer's level finding, when the level rule is on."""
        return next((f for f in self.findings if f.grade is not None and f.answer == answer),
                    None)


@functools.lru_cache(maxsize=8)
def _analyzer(paths: tuple[Path, ...], stamps: tuple[float, ...], pipeline: str) -> Analyzer:
    return Analyzer(cached_rules(paths, stamps), pipeline)


def rules_for(settings: Settings) -> RuleSet:
    """The rule set for these settings, loaded once and again only when a file changes."""
    return rules_at(settings.rule_paths)


def analyzer_for(settings: Settings) -> Analyzer:
    """The analyzer (rules and pipeline) for these settings, built once."""
    return _analyzer(settings.rule_paths, file_stamps(settings.rule_paths), settings.pipeline)


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
    return note(TOO_LARGE, "info", message, start, end)


def _unread(document: Document, count: int) -> Finding | None:
    """One note where the first `count` answers hold text the tokenizer is not given (see
    tokens.readable): at the first of it, saying how much was left and why."""
    places = [(block.start + found[0], found[1], found[2]) for answer in document.answers[:count]
              for block in answer.blocks if (found := unread(block.text)) is not None]
    if not places:
        return None
    start = places[0][0]
    in_runs, past = sum(p[1] for p in places), sum(p[2] for p in places)
    why = []
    if in_runs:
        why.append(f"{in_runs:,} characters in runs of {LONGEST_RUN} or more with no space "
                   f"(no words to coach)")
    if past:
        why.append(f"{past:,} characters of paragraphs past their first {MAX_BLOCK:,}")
    message = (f"answerlint left {' and '.join(why)} unchecked, the first of them here. Break "
               f"them up with spaces or blank lines to have them checked.")
    return note(TOO_LARGE, "info", message, start,
                min(start + 1, document.lines.line_end(document.lines.line_of(start))))


def _checked_answers(analyzer: Analyzer, document: Document, settings: Settings,
                     cache: AnswerCache | None, count: int, jobs: int = 1
                     ) -> tuple[list[Finding], list[Summary], list[AnswerModel]]:
    """Raw findings and summaries for the first `count` answers, from the cache where the
    answer is unchanged; a long draft without a cache is checked in `jobs` processes."""
    answers = document.answers[:count]
    keys = [AnswerCache.key(document, a, analyzer, settings) for a in answers]
    kept = {key: cache.entry(key) for key in keys} if cache is not None else {}
    todo = [a for a, k in zip(answers, keys, strict=True) if kept.get(k) is None]
    known: dict[str, BlockFacts] = cache.blocks_for(analyzer) if cache is not None else {}

    def check(some: list[Answer]) -> list[tuple[int, Checked]]:
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
    entries: dict[tuple, Checked] = {}
    for answer, key in zip(answers, keys, strict=True):
        entry = kept.get(key)
        if entry is None:
            found, summary = fresh[answer.index]
            entries[key] = relative((found, summary), answer)
        else:
            entries[key] = entry
            found, summary = placed(entry, answer)
        findings.extend(found)
        summaries.extend(summary)
    if cache is not None:
        cache.keep(entries, answers, known, analyzer, len(todo))
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


def prime(text: str, settings: Settings | None = None, *, cache: AnswerCache,
          budget: int | None = None, chars: int = 20_000) -> bool:
    """Tokenize and match about `chars` characters of the draft's blocks not yet in `cache`;
    True when none is left. The language server calls it in steps before `lint`, which then
    only runs the rules, so that other drafts' lints get turns in between (see drafts.py)."""
    settings = settings or Settings()
    document = parse(text, cache.sections)
    try:
        settings = front_matter_settings(settings, document.front_matter)
        analyzer = analyzer_for(settings)
    except (ConfigError, PipelineError):  # `lint` reports it and chooses what to do
        return True
    known = cache.warm(analyzer)
    count = len(document.answers) - len(_over_budget(document, budget))
    todo = list({b.text: None for a in document.answers[:count] for b in a.blocks
                 if b.text not in known})
    taken, size = [], 0
    for block in todo:
        if size >= chars:
            break
        taken.append(block)
        size += len(block)
    analyzer.analyze_blocks(taken, known)
    return len(taken) == len(todo)


def lint(text: str, settings: Settings | None = None, *, cache: AnswerCache | None = None,
         budget: int | None = None, jobs: int = 1) -> LintResult:
    """Findings for one draft, with its front matter laid over `settings` (except the
    keys the settings pin, such as the command line's --target).

    With a `cache` (one per open document), unchanged answers are not analysed again.
    With a `budget` (characters), answers past it are left unchecked and one note,
    `too-large`, says so where they begin. With `jobs`, a long draft's answers are checked
    in that many processes (see parallel.py).
    """
    settings = settings or Settings()
    document = parse(text, cache.sections if cache is not None else None, jobs)
    findings: list[Finding] = []
    first_line = document.lines.line_end(0)
    if document.front_matter_error:
        findings.append(note(INVALID_CONFIG, "error", document.front_matter_error, 0, first_line))
    try:
        settings = front_matter_settings(settings, document.front_matter)
    except ConfigError as error:
        findings.append(note(INVALID_CONFIG, "error", str(error), 0, first_line))
    try:
        analyzer = analyzer_for(settings)
    except PipelineError as error:  # settings check the name; loading can fail even so
        findings.append(note(INVALID_CONFIG, "error", f"'pipeline': {error}; checked with the "
                             "default pipeline instead", 0, first_line))
        settings = replace(settings, pipeline=DEFAULT_PIPELINE)
        analyzer = analyzer_for(settings)
    left = _over_budget(document, budget)
    if left:
        findings.append(_unchecked(document, left))
    unread_note = _unread(document, len(document.answers) - len(left))
    if unread_note is not None:
        findings.append(unread_note)
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


def _defer_to_judge(rules: RuleSet, model: AnswerModel, counts: dict[str, float]) -> None:
    """Where the classifier is sure, its verdict on a judged role stands over the sentences':
    told (one, when none was read as it) or not told (none, whatever was read as it)."""
    judged = [(role.name, role.judged) for role in rules.roles.values() if role.judged]
    if not judged or not model.sentences:
        return
    sure = confidences(answer_words(model))
    for name, judgement in judged:
        told = sure.get(judgement.label)
        if told is None:
            continue
        if not counts[name] and told >= judgement.told_above:
            counts[name] = 1
        elif counts[name] and told < judgement.missing_below:
            counts[name] = 0


def _check_answer(rules: RuleSet, model: AnswerModel, settings: Settings, document: Document
                  ) -> Checked:
    """Every rule, in dependency order, on one answer; its summary from the level finding."""
    counts: dict[str, float] = {"words": model.words, "sentences": len(model.sentences),
                                "target": TARGET_NUMBER[settings.target]}
    for role in rules.roles:
        counts[role] = len(model.role_sentences(role))
    if settings.judge:
        _defer_to_judge(rules, model, counts)
    context = Context(settings.target, settings.words_per_minute, document.lines, counts)
    findings: list[Finding] = []
    summaries: list[Summary] = []
    for rule in rules.order:
        found = KINDS[rule.kind].run(rule, model, context)
        counts[rule.id] = len(found)
        findings.extend(found)
        for finding in found:
            if finding.grade is not None:
                answer = model.answer
                summaries.append(Summary(
                    answer.index, answer.title, answer.start, answer.end, finding.grade.level,
                    finding.grade.name, model.words,
                    round(model.words * 60 / settings.words_per_minute, 1),
                    dict(finding.grade.shares)))
    return findings, summaries

