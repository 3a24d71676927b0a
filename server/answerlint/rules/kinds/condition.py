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
from answerlint.rules.kinds.rewrite import fix_all_option, flagged, swap_option
from answerlint.rules.model import Pattern

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    when: Condition | None = option("condition", "fire in answers where this holds", required=True)
    flag_role: str = option("role", "flag the hit that gave each sentence this role", "")
    swap: list[Pattern] = swap_option()
    fix_all: bool = fix_all_option()


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences or options.when is None or not options.when(context.counts):
        return []
    role = options.flag_role
    flagged_sentences = model.role_sentences(role) if role else []
    if not flagged_sentences:
        start, end = answer_anchor(model, context.lines)
        return [make(rule, model, start, end, rule.message.format(match=""))]
    hits = [s.roles[role] for s in flagged_sentences]
    return [flagged(rule, model, hit.start, hit.end, rule.message.format(match=hit.text),
                    options.fix_all)
            for hit in hits]


KIND = Kind(
    name="condition",
    summary="fires when a condition over the answer holds",
    fires="when `when` holds; on each `flag_role` sentence's hit, or on the answer",
    reads="the answer's roles and the other rules' findings",
    options=Options,
    placeholders=("match",),
    check=check,
)
