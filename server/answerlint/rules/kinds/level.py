"""level: which of the three levels the answer reaches (Basic, Professional, Expert).

The first level whose condition holds wins; the last one is the fallback. The finding is
information, placed on the heading (or last line), and carries the figures the summary,
hover and code lens show.
"""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, answer_anchor, make
from answerlint.rules.model import Level, Rule

# The roles whose sentence shares the summary shows.
SHARES = {"story": "conflict", "action": "action", "result": "result"}


def classify(rule: Rule, context: Context) -> Level:
    for level in rule.levels:
        if level.when is None or level.when(context.facts):
            return level
    return rule.levels[-1]


def shares(model: AnswerModel) -> dict[str, float]:
    total = len(model.sentences) or 1
    return {name: len(model.role_sentences(role)) / total for name, role in SHARES.items()}


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences:
        return []
    level = classify(rule, context)
    figures = shares(model)
    message = rule.message.format(
        level=level.number, name=level.name, reason=level.reason, next=level.next_step,
        **{k: f"{v:.0%}" for k, v in figures.items()},
    )
    start, end = answer_anchor(model, context.lines)
    return [make(rule, model, start, end, message, level=level.number, name=level.name,
                 shares={k: round(v, 3) for k, v in figures.items()})]
