"""share: too many sentences of one role (the 20% rule for conflict); covers their paragraphs."""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, make
from answerlint.rules.model import Rule


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences:
        return []
    if rule.condition is not None and not rule.condition(context.facts):
        return []
    flagged = model.role_sentences(rule.options["role"])
    count, total = len(flagged), len(model.sentences)
    share = count / total
    if count < rule.options.get("min_sentences", 1) or share < rule.options.get("min_share", 0):
        return []
    paragraphs = {s.paragraph for s in flagged}
    covered = [s for s in model.sentences if s.paragraph in paragraphs]
    limit = rule.options.get("min_share", 0)
    message = rule.message.format(
        count=count, total=total, share=f"{share:.0%}", limit=f"{limit:.0%}"
    )
    return [make(rule, model, covered[0].start, covered[-1].end, message,
                 share=round(share, 3), count=count, total=total)]
