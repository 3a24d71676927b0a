"""existence: flag every place where one of the rule's patterns occurs."""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel, Hit
from answerlint.engine.findings import Context, Finding, make
from answerlint.rules.model import Rule


def hits_in_roles(rule: Rule, model: AnswerModel, key: str | None = None) -> list[Hit]:
    """The rule's hits, kept to sentences of `in_roles` when the rule names any."""
    hits = model.rule_hits.get(key or rule.id, [])
    roles = set(rule.options.get("in_roles", []))
    if roles:
        hits = [h for h in hits if h.sentence is not None and roles & set(h.sentence.roles)]
    return hits


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    if rule.condition is not None and not rule.condition(context.facts):
        return []
    return [
        make(rule, model, hit.start, hit.end, rule.message.format(match=hit.text))
        for hit in hits_in_roles(rule, model)
    ]
