"""One module per rule kind; each has `check(rule, model, context) -> list[Finding]`."""

from __future__ import annotations

from collections.abc import Callable

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding
from answerlint.rules.kinds import (
    condition,
    existence,
    level,
    ratio,
    requirement,
    share,
    spoken_time,
    substitution,
)
from answerlint.rules.model import Rule

Check = Callable[[Rule, AnswerModel, Context], list[Finding]]

CHECKS: dict[str, Check] = {
    "existence": existence.check,
    "substitution": substitution.check,
    "requirement": requirement.check,
    "share": share.check,
    "ratio": ratio.check,
    "spoken-time": spoken_time.check,
    "condition": condition.check,
    "level": level.check,
}
