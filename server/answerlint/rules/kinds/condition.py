"""condition: a finding when a condition over the answer's roles and findings holds.

The finding covers each sentence of `flag_role` (for example the hypothetical sentences),
or the answer's heading or last line when the rule names no role.
"""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, answer_anchor, make
from answerlint.rules.model import Rule


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences or rule.condition is None or not rule.condition(context.facts):
        return []
    role = rule.options.get("flag_role")
    flagged = model.role_sentences(role) if role else []
    if not flagged:
        start, end = answer_anchor(model, context.lines)
        return [make(rule, model, start, end, rule.message.format(match=""))]
    return [
        make(rule, model, s.roles[role].start, s.roles[role].end,
             rule.message.format(match=s.roles[role].text))
        for s in flagged
    ]
