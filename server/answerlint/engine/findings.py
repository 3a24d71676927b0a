"""A finding: what the engine reports, in document offsets, before any protocol sees it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the analysis would load spaCy, which the server defers
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.positions import LineIndex
    from answerlint.rules.model import Rule

_LINE_MARKERS = re.compile(r"[ \t>*+|#-]*(?:\d+[.)][ \t]+)?")

# The engine's own notes, which no rule makes: their codes, in diagnostics and output.
TOO_LARGE = "too-large"  # answers left unchecked to keep typing fast
INVALID_CONFIG = "invalid-config"  # a bad setting in front matter, a config or rule file


# ${1:text}, ${1|first,second|}, ${1} or $1 in a missing step's snippet (LSP snippet syntax)
PLACEHOLDER = re.compile(r"\$\{\d+:(?P<text>[^}]*)\}|\$\{\d+\|(?P<choice>[^,|]*)[^}]*\|\}|\$\{\d+\}|\$\d+")


@dataclass(frozen=True, slots=True)
class Insertion:
    """A missing step's sentence and where it reads best (a document offset)."""

    at: int
    snippet: str  # LSP snippet syntax: ${1:placeholder}


@dataclass(frozen=True, slots=True)
class Grade:
    """The answer's level, carried by the level finding."""

    level: int  # 1 Basic, 2 Professional, 3 Expert
    name: str
    shares: Mapping[str, float]  # story, action and result: their share of the sentences


@dataclass(slots=True)
class Finding:
    rule: str  # the rule id, or one of the notes above
    severity: str
    message: str
    start: int
    end: int
    answer: int  # the answer's index; -1 for notes about the whole file
    replacements: list[str] = field(default_factory=list)  # rewrites, the preferred first
    insertion: Insertion | None = None  # a missing step's sentence
    grade: Grade | None = None  # on the level finding
    note: bool = False  # the engine's own note, not a rule's finding
    in_fix_all: bool = True  # fix-all may apply the preferred rewrite

    def shifted(self, delta: int, answer: int) -> Finding:
        """The same finding `delta` characters on, in answer `answer` (for the cache)."""
        insertion = self.insertion
        if insertion is not None:
            insertion = Insertion(insertion.at + delta, insertion.snippet)
        # made directly, not with dataclasses.replace: an answer bank shifts hundreds per edit
        return Finding(self.rule, self.severity, self.message, self.start + delta,
                       self.end + delta, answer, self.replacements, insertion, self.grade,
                       self.note, self.in_fix_all)


def note(code: str, severity: str, message: str, start: int, end: int) -> Finding:
    """One of the engine's own notes (see TOO_LARGE and INVALID_CONFIG)."""
    return Finding(code, severity, message, start, end, -1, note=True)


@dataclass
class Context:
    """What a check may know besides the answer: settings and earlier checks' results."""

    target: str
    words_per_minute: float
    lines: LineIndex
    counts: dict[str, float]  # role and rule names (and words, sentences, target) -> counts


def make(rule: Rule, model: AnswerModel, start: int, end: int, message: str, *,
         replacements: list[str] | None = None, insertion: Insertion | None = None,
         grade: Grade | None = None, in_fix_all: bool = True) -> Finding:
    return Finding(rule.id, rule.severity, message, start, end, model.answer.index,
                   replacements or [], insertion, grade, in_fix_all=in_fix_all)


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
    # (a line that is only its marker, " 1. ", keeps the marker: its end is past the prose)
    return (marker.end() if marker and marker.end() < last.end else line_start), last.end
