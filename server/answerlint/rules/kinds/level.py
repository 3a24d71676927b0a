"""level: which of the three levels the answer reaches (Basic, Professional, Expert).

The first level whose condition holds wins; the last one is the fallback. The finding is
information, placed on the heading (or last line), and carries the grade (the level and the
story/action/result shares) that the summary, hover and code lens show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.findings import Grade, answer_anchor, make
from answerlint.rules.kind import Kind, KindOptions, option
from answerlint.rules.model import Level

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule

# The roles whose sentence shares the summary shows.
SHARES = {"story": "conflict", "action": "action", "result": "result"}


@dataclass(frozen=True)
class Options(KindOptions):
    levels: list[Level] = option(
        "levels", "each `level`, `name`, `when`, `reason`, `next` (and optional `steps`, each "
        "`when` and `say`, and `done`); the last has no `when`", required=True)


def classify(options: Options, context: Context) -> Level:
    for level in options.levels:
        if level.when is None or level.when(context.counts):
            return level
    return options.levels[-1]


def next_step(level: Level, context: Context) -> str:
    """What this answer lacks for the next level: the steps whose condition holds, joined
    after the lead; the level's `done` when none does (so Expert never asks for a number the
    answer already gives)."""
    if not level.steps:
        return level.next_step
    wanted = [step.text for step in level.steps if step.when(context.counts)]
    if not wanted:
        return level.done
    glue = "; " if any("," in text for text in wanted) else ", "  # steps with commas of their own
    joined = wanted[0] if len(wanted) == 1 else glue.join(wanted[:-1]) + glue.rstrip() + " and " + wanted[-1]
    return f"{level.next_step} {joined}."


def shares(model: AnswerModel) -> dict[str, float]:
    total = len(model.sentences) or 1
    return {name: len(model.role_sentences(role)) / total for name, role in SHARES.items()}


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences:
        return []
    level = classify(options, context)
    figures = shares(model)
    message = rule.message.format(
        level=level.number, name=level.name, reason=level.reason, next=next_step(level, context),
        **{k: f"{v:.0%}" for k, v in figures.items()},
    )
    start, end = answer_anchor(model, context.lines)
    grade = Grade(level.number, level.name, {k: round(v, 3) for k, v in figures.items()})
    return [make(rule, model, start, end, message, grade=grade)]


KIND = Kind(
    name="level",
    summary="one information finding per answer with its level",
    fires="once per answer, the first level whose `when` holds",
    reads="the answer's roles and the other rules' findings",
    options=Options,
    placeholders=("level", "name", "reason", "next", "story", "action", "result"),
    check=check,
)
