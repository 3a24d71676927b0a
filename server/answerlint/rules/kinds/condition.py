"""condition: a finding when a condition over the answer's roles and findings holds.

The finding covers each sentence of `flag_role` (for example the hypothetical sentences),
or the answer's heading or last line when the rule names no role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.findings import answer_anchor, make
from answerlint.rules.conditions import Condition
from answerlint.rules.kind import Kind, KindOptions, option

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    when: Condition | None = option("condition", "fire in answers where this holds", required=True)
    flag_role: str = option("role", "flag the hit that gave each sentence this role", "")


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences or options.when is None or not options.when(context.counts):
        return []
    role = options.flag_role
    flagged = model.role_sentences(role) if role else []
    if not flagged:
        start, end = answer_anchor(model, context.lines)
        return [make(rule, model, start, end, rule.message.format(match=""))]
    return [
        make(rule, model, s.roles[role].start, s.roles[role].end,
             rule.message.format(match=s.roles[role].text))
        for s in flagged
    ]


KIND = Kind(
    name="condition",
    summary="fires when a condition over the answer holds",
    fires="when `when` holds; on each `flag_role` sentence's hit, or on the answer",
    reads="the answer's roles and the other rules' findings",
    options=Options,
    placeholders=("match",),
    check=check,
)
