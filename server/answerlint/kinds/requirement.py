"""requirement: the answer must hold a sentence of a role, else one finding for the answer."""

from __future__ import annotations

from answerlint.analysis import AnswerModel
from answerlint.findings import Context, Finding, answer_anchor, make
from answerlint.rule_model import Rule


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    if model.role_sentences(rule.options["role"]):
        return []
    if rule.condition is not None and not rule.condition(context.facts):
        return []
    start, end = answer_anchor(model, context.lines)
    after = model.sentences[-1].end if model.sentences else end
    return [make(rule, model, start, end, rule.message, insert_at=after, snippet=rule.snippet)]
