"""requirement: the answer must hold a sentence of a role, else one finding for the answer."""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, answer_anchor, make
from answerlint.rules.model import Rule


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    if model.role_sentences(rule.options["role"]):
        return []
    if rule.condition is not None and not rule.condition(context.facts):
        return []
    start, end = answer_anchor(model, context.lines)
    return [make(rule, model, start, end, rule.message,
                 insert_at=_insert_at(rule, model, end), snippet=rule.snippet)]


def _insert_at(rule: Rule, model: AnswerModel, fallback: int) -> int:
    """Where the missing step reads best: after the step it follows, else at the answer's end."""
    for role in rule.options.get("insert_after", []):
        found = model.role_sentences(role)
        if found:
            return found[-1].end
    return model.sentences[-1].end if model.sentences else fallback
