"""What every kind of rule declares, in its own module (as Vale's definition.go does): its
options with their types and defaults, the placeholders its message may use, what it reads,
and its check. The loader validates a rule file against these declarations, the docs print
them, and the engine runs the check: a new kind is one module and one line in the registry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from answerlint.rules.conditions import Condition
from answerlint.rules.model import Level, Pattern

if TYPE_CHECKING:  # the analysis loads spaCy; the rules load without it
    from answerlint.engine.analysis import AnswerModel
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule

# How an option's YAML value is read and checked (see loader.OPTION_READERS), and what the
# loader says it must be when it is not.
OPTION_TYPES = {
    "patterns": "a list of patterns",
    "swap": "a list of patterns with 'replace'",
    "unless": "a list of patterns",
    "condition": "a condition, such as 'not result and action'",
    "role": "a role name",
    "roles": "a list of role names",
    "flag": "true or false",
    "count": "a whole number",
    "share": "a number between 0 and 1",
    "number": "a number",
    "seconds": "a number of seconds",
    "text": "a sentence to insert",
    "part": "a STAR part: situation, task, action, result, follow-up or reflection",
    "levels": "a list of levels",
}
PATTERN_TYPES = ("patterns", "swap")  # hits the analyzer keeps for the rule, by option name
LIST_TYPES = ("patterns", "swap", "unless", "roles", "levels")


def option(type: str, doc: str, default: Any = None, *, required: bool = False) -> Any:
    """One key of a kind's options: its type (one of OPTION_TYPES), what it does, its default."""
    if type not in OPTION_TYPES:
        raise ValueError(f"unknown option type {type!r}")
    meta = {"type": type, "doc": doc, "required": required}
    if type in LIST_TYPES:
        return dataclasses.field(default_factory=list, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclass(frozen=True)
class OptionSpec:
    key: str
    type: str
    doc: str
    required: bool
    default: Any  # None for lists (empty) and for options with no default


class KindOptions:
    """The base of every kind's options class (a frozen dataclass of `option(...)` fields)."""

    @classmethod
    def specs(cls) -> list[OptionSpec]:
        return [OptionSpec(f.name, f.metadata["type"], f.metadata["doc"], f.metadata["required"],
                           None if f.default is dataclasses.MISSING else f.default)
                for f in dataclasses.fields(cls)]  # type: ignore[arg-type]

    def _of_type(self, *types: str) -> list[tuple[str, Any]]:
        return [(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)  # type: ignore[arg-type]
                if f.metadata["type"] in types]

    def pattern_sets(self) -> dict[str, list[Pattern]]:
        """The patterns the analyzer matches for this rule, by option name."""
        return dict(self._of_type(*PATTERN_TYPES))

    def only_claims(self) -> bool:
        """Hits that are negated, hypothetical or only suggested do not count."""
        return bool(getattr(self, "claims_only", False))

    def only_outside_quotes(self) -> bool:
        return bool(getattr(self, "outside_quotes", False))

    def vetoes(self) -> list[Pattern]:
        """Patterns that, found in a sentence, veto the rule's hits there."""
        return [p for _, found in self._of_type("unless") for p in found]

    def conditions(self) -> list[Condition]:
        found = [c for _, c in self._of_type("condition") if c is not None]
        levels: list[Level] = [lv for _, some in self._of_type("levels") for lv in some]
        return (found + [lv.when for lv in levels if lv.when is not None]
                + [step.when for lv in levels for step in lv.steps])

    def roles(self) -> set[str]:
        """The role names the options refer to (each must be a known role)."""
        names = {name for _, name in self._of_type("role") if name}
        return names | {name for _, some in self._of_type("roles") for name in some}


Opts = TypeVar("Opts", bound=KindOptions)
Check = Callable[["Rule", Opts, "AnswerModel", "Context"], "list[Finding]"]


@dataclass(frozen=True)
class Kind(Generic[Opts]):
    name: str
    summary: str  # one line, for each rule's page: "flags the words where they occur"
    fires: str  # when and where it reports, for the table in docs/rules-format.md
    reads: str  # what the check reads besides its options
    options: type[Opts]
    placeholders: tuple[str, ...]
    check: Check[Opts]

    def run(self, rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
        return self.check(rule, rule.options, model, context)  # type: ignore[arg-type]
