"""A finding: what the engine reports, in document offsets, before any protocol sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing the analysis would load spaCy, which the server defers
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.positions import LineIndex
    from answerlint.rules.model import Rule

_LINE_MARKERS = re.compile(r"[ \t>*+|#-]*(?:\d+[.)][ \t]+)?")


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    start: int
    end: int
    answer: int
    replacements: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What a check may know besides the answer: settings and earlier checks' results."""

    target: str
    words_per_minute: float
    lines: LineIndex
    facts: dict[str, float]  # role and rule names -> counts, for conditions


def make(rule: Rule, model: AnswerModel, start: int, end: int, message: str,
         **extra: Any) -> Finding:
    replacements = extra.pop("replacements", [])
    return Finding(rule.id, rule.severity, message, start, end, model.answer.index,
                   replacements, extra)


def answer_anchor(model: AnswerModel, lines: LineIndex) -> tuple[int, int]:
    """Where an answer-level finding goes: the heading, else the answer's last line of prose."""
    if model.answer.heading:
        return model.answer.heading
    if not model.sentences:
        return model.answer.start, model.answer.start
    last = model.sentences[-1]
    line_start = lines.line_starts[lines.line_of(last.end - 1)]
    if line_start <= last.start:
        return last.start, last.end
    marker = _LINE_MARKERS.match(lines.text, line_start)
    return (marker.end() if marker else line_start), last.end
