"""What a loaded rule file becomes: rules, sentence roles and word classes, all plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from answerlint.rules.conditions import Condition

if TYPE_CHECKING:
    from answerlint.rules.kind import KindOptions

SEVERITIES = ("error", "warning", "info", "hint")
TARGETS = ("basic", "professional", "expert")
TARGET_NUMBER = {"basic": 1, "professional": 2, "expert": 3}


@dataclass
class Pattern:
    """A token pattern (compiled for spaCy's Matcher) or a regular expression."""

    source: str
    tokens: list[dict[str, Any]] | None = None
    regex: Any = None  # re.Pattern, for regex entries
    finder: Any = None  # its fast finder (see regex_search.py), when one could be made
    replacements: list[str] = field(default_factory=list)
    anchored: bool = False  # "^" in front: only at the start of a sentence


@dataclass(frozen=True)
class Judgement:
    """How a role defers to the answer classifier (engine/judge.py) for the answer as a whole."""

    label: str  # the labels.tsv column the classifier learned (result, root_cause...)
    told_above: float  # this sure it is told: the answer has the role though no sentence was read as it
    missing_below: float  # this sure it is not: the answer lacks it though a sentence was read as it


@dataclass
class Role:
    """A kind of sentence (conflict, action, result...), decided by patterns."""

    name: str
    description: str
    patterns: list[Pattern]
    unless: list[Pattern] = field(default_factory=list)  # the sentence does not count if any hits
    claims_only: bool = False  # ignore hits that are negated, hypothetical or only suggested
    first_person: bool = False  # the sentence must be about the speaker (I, my, me)
    past_only: bool = False  # the sentence must tell a past event (a verb in the simple past)
    # Roles read from the answer around the sentence, applied in this order once every
    # sentence has its roles from patterns (roles that name others come after them): the
    # sentences are those of its patterns, its parts and the roles it includes, then kept
    # only where the other conditions hold.
    in_parts: list[str] = field(default_factory=list)  # any sentence told in these STAR parts
    includes: list[str] = field(default_factory=list)  # every sentence of these roles too
    not_with: list[str] = field(default_factory=list)  # not in a sentence with these roles
    after: list[str] = field(default_factory=list)  # only after the first sentence of these
    since: list[str] = field(default_factory=list)  # only from the first sentence of these on
    next_to: list[str] = field(default_factory=list)  # only right after a sentence of these
    with_: list[str] = field(default_factory=list)  # `with:` only if it has one of these
    # "occasion": a past sentence of this role shows the case really happened once, so a
    # case told mostly in the present still counts as told in the past; "habit": a sentence
    # of this role tells a rule or plan, and shows no such occasion
    marks: str = ""
    judged: Judgement | None = None
    origin: str = ""  # file:line, for messages

    def names(self) -> set[str]:
        """The other roles this one reads."""
        return (set(self.not_with) | set(self.after) | set(self.since) | set(self.next_to)
                | set(self.includes) | set(self.with_))


@dataclass
class Step:
    """One thing an answer lacks to reach the next level, said when `when` holds."""

    when: Condition
    text: str


@dataclass
class Level:
    number: int
    name: str
    when: Condition | None  # None: the fallback level
    reason: str
    next_step: str  # the lead ("To reach Expert,") or, without steps, the whole advice
    steps: list[Step] = field(default_factory=list)  # what this answer lacks, in order
    done: str = ""  # said when no step applies


@dataclass
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    rationale: str
    seed: str
    bad: list[str]
    good: list[str]
    options: KindOptions  # the kind's own keys, typed (see rules/kinds/)
    severity_by_target: dict[str, str | None] = field(default_factory=dict)
    better: str = ""  # a stronger sentence to show in explanations and hovers
    # The ideas of docs/coaching.md the rule applies, by name: what users are shown as the
    # source (`seed` is the developer's trace to documents users do not have).
    coaching: str = ""
    origin: str = ""  # file:line

    def severity_for(self, target: str) -> str | None:
        """The severity at this target level; None when the rule is off there."""
        if target in self.severity_by_target:
            return self.severity_by_target[target]
        return self.severity


@dataclass
class RuleSet:
    rules: dict[str, Rule]
    roles: dict[str, Role]
    vocabulary: dict[str, list[str]]
    errors: list[RuleFileError]
    order: list[Rule] = field(default_factory=list)  # each rule after the rules it reads


@dataclass
class RuleFileError:
    path: str
    line: int  # 1-based
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"
