"""ratio: one kind of words outnumbers another (\"we\" against \"I\" when telling the action)."""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, make
from answerlint.rules.kinds.existence import hits_in_roles
from answerlint.rules.model import Rule


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    hits = hits_in_roles(rule, model)
    against = hits_in_roles(rule, model, "against\t" + rule.id)
    if len(hits) < rule.options.get("min_count", 1):
        return []
    if len(hits) <= rule.options.get("max_ratio", 1.0) * len(against):
        return []
    return [
        make(rule, model, h.start, h.end,
             rule.message.format(match=h.text, count=len(hits), against=len(against)))
        for h in hits
    ]
