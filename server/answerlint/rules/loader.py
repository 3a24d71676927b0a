"""Reads rule files (YAML, safe loading only), validates them and reports `file:line: reason`.

A broken file is skipped with an error and every other file still loads. Three shapes of
file: a rule (`id:` at the top), sentence roles (`roles:`) and word classes (`vocabulary:`).
A rule's own keys are checked against its kind's declared options (see kind.py), so this
module knows no kind by name.
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from answerlint.engine.document import PARTS
from answerlint.engine.inflect import FORMS as VERB_FORMS
from answerlint.engine.inflect import unknown_forms
from answerlint.engine.judge import LABELS
from answerlint.engine.regex_search import finder
from answerlint.rules.conditions import Condition, ExpressionError, parse_condition
from answerlint.rules.kind import OPTION_TYPES, Kind
from answerlint.rules.kinds import KINDS
from answerlint.rules.model import (
    SEVERITIES,
    TARGETS,
    Judgement,
    Level,
    Pattern,
    Role,
    Rule,
    RuleFileError,
    RuleSet,
    Step,
)
from answerlint.rules.order import dependency_order, role_order
from answerlint.rules.patterns import (
    PatternError,
    check_one_word,
    compile_pattern,
    vocabulary_lemmas,
)
from answerlint.rules.regex_safety import unbounded_backtracking
from answerlint.rules.yaml_lines import Invalid, expect, line_of, read_yaml
from answerlint.shipped import rules_folder

# Names a condition may use besides roles and rule ids: counts of the answer and the target
# level (1 basic, 2 professional, 3 expert).
BUILTIN_COUNTS = {"words", "sentences", "target"}
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
COMMON_KEYS = {
    "id", "kind", "severity", "level", "message", "rationale", "seed", "examples",
    "severity_by_target", "better", "coaching",
}


def _patterns(
    data: Any, key: str, vocabulary: dict[str, list[str]], replacements: bool = False
) -> list[Pattern]:
    entries = expect(data, key, list, "a list of patterns", required=False) or []
    out: list[Pattern] = []
    lines = getattr(entries, "item_lines", None)
    for n, entry in enumerate(entries):
        line = lines[n] if lines else line_of(data, key)
        replace: list[str] = []
        if isinstance(entry, str):
            if replacements:
                raise Invalid(line, f"each '{key}' entry needs 'pattern' or 'regex' and 'replace'")
            source, is_regex = entry, False
        elif isinstance(entry, dict):
            unknown = set(entry) - {"pattern", "regex", "replace"}
            if unknown:
                raise Invalid(line, f"unknown key '{sorted(unknown)[0]}' in a pattern entry")
            if ("pattern" in entry) == ("regex" in entry):
                raise Invalid(line, "a pattern entry needs exactly one of 'pattern' or 'regex'")
            is_regex = "regex" in entry
            source = entry["regex"] if is_regex else entry["pattern"]
            if not isinstance(source, str):
                raise Invalid(line, "a pattern must be a string")
            raw = entry.get("replace", [])
            replace = [raw] if isinstance(raw, str) else raw
            if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
                raise Invalid(line, "'replace' must be a string or a list of strings")
            if replacements and not replace:
                raise Invalid(line, "a substitution needs at least one 'replace'")
            for template in replace:
                for form in unknown_forms(template):
                    raise Invalid(line, f"unknown verb form {{{form}:...}} in "
                                  f"{template!r} (known: {', '.join(VERB_FORMS)})")
        else:
            raise Invalid(line, "a pattern must be a string or a mapping")
        if is_regex:
            try:
                compiled = re.compile(source, re.I)
            except re.error as error:
                raise Invalid(line, f"bad regular expression {source!r}: {error}") from None
            risk = unbounded_backtracking(source)
            if risk:
                raise Invalid(line, f"regular expression {source!r} can take unbounded time "
                              f"on some text: {risk}. Bound the outer repeat or put a "
                              f"character between its turns that the inner one cannot match")
            out.append(Pattern(source, regex=compiled, finder=finder(source),
                               replacements=replace))
        else:
            anchored = source.startswith("^")
            try:
                tokens = compile_pattern(source.removeprefix("^"), vocabulary)
            except PatternError as error:
                raise Invalid(line, f"bad pattern {source!r}: {error}") from None
            out.append(Pattern(source, tokens=tokens, replacements=replace, anchored=anchored))
    return out


def _condition(data: Any, key: str, required: bool = False) -> Condition | None:
    source = expect(data, key, str, OPTION_TYPES["condition"], required)
    if source is None:
        return None
    try:
        return parse_condition(source)
    except ExpressionError as error:
        raise Invalid(line_of(data, key), str(error)) from None


def _role_names(data: Any, key: str, what: str) -> list[str]:
    names = expect(data, key, list, what)
    if not all(isinstance(n, str) for n in names):
        raise Invalid(line_of(data, key), f"'{key}' must be {what}")
    return list(names)


def _part(data: Any, key: str, what: str) -> str:
    part = expect(data, key, str, what)
    if part not in set(PARTS.values()):
        raise Invalid(line_of(data, key), f"'{key}' must be {what}")
    return part


def _share(data: Any, key: str, what: str) -> float:
    value = expect(data, key, (int, float), what)
    if not 0 <= value <= 1:
        raise Invalid(line_of(data, key), f"'{key}' must be {what}")
    return value


Vocabulary = dict[str, list[str]]
# How each type of option (kind.OPTION_TYPES) is read from a rule's mapping.
OPTION_READERS: dict[str, Callable[[Any, str, str, Vocabulary], Any]] = {
    "patterns": lambda data, key, what, vocabulary: _patterns(data, key, vocabulary),
    "unless": lambda data, key, what, vocabulary: _patterns(data, key, vocabulary),
    "swap": lambda data, key, what, vocabulary: _patterns(data, key, vocabulary, True),
    "condition": lambda data, key, what, vocabulary: _condition(data, key),
    "role": lambda data, key, what, vocabulary: expect(data, key, str, what),
    "roles": lambda data, key, what, vocabulary: _role_names(data, key, what),
    "flag": lambda data, key, what, vocabulary: expect(data, key, bool, what),
    "count": lambda data, key, what, vocabulary: expect(data, key, int, what),
    "share": lambda data, key, what, vocabulary: _share(data, key, what),
    "number": lambda data, key, what, vocabulary: expect(data, key, (int, float), what),
    "seconds": lambda data, key, what, vocabulary: expect(data, key, (int, float), what),
    "text": lambda data, key, what, vocabulary: expect(data, key, str, what),
    "part": lambda data, key, what, vocabulary: _part(data, key, what),
    "levels": lambda data, key, what, vocabulary: _levels(data),
}


def _check_message(data: Any, kind: Kind[Any]) -> str:
    message = expect(data, "message", str, "the text of a finding")
    allowed = kind.placeholders
    for _, name, _, _ in string.Formatter().parse(message):
        if name is not None and name not in allowed:
            hint = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
            raise Invalid(
                line_of(data, "message"), f"unknown placeholder {{{name}}} (this kind has: {hint})"
            )
    return message


def _severity(data: Any) -> str:
    """`severity:` (called `level:` in rule files before 0.2, still read)."""
    if "severity" in data and "level" in data:
        raise Invalid(line_of(data, "level"), "give 'severity' only ('level' is its older name)")
    key = "level" if "level" in data and "severity" not in data else "severity"
    severity = expect(data, key, str, "one of " + ", ".join(SEVERITIES))
    if severity not in SEVERITIES:
        raise Invalid(line_of(data, key), f"'{key}' must be one of {', '.join(SEVERITIES)}")
    return severity


def _options(data: Any, kind: Kind[Any], vocabulary: Vocabulary) -> Any:
    values = {}
    for spec in kind.options.specs():
        if spec.key in data:
            what = OPTION_TYPES[spec.type]
            values[spec.key] = OPTION_READERS[spec.type](data, spec.key, what, vocabulary)
    return kind.options(**values)


def _rule(data: Any, path: str, vocabulary: Vocabulary) -> Rule:
    rule_id = expect(data, "id", str, "a kebab-case rule id")
    if not RULE_ID.match(rule_id):
        raise Invalid(line_of(data, "id"), f"rule id '{rule_id}' must be kebab-case")
    kind_name = expect(data, "kind", str, "one of " + ", ".join(KINDS))
    if kind_name not in KINDS:
        known = ", ".join(KINDS)
        raise Invalid(line_of(data, "kind"), f"unknown kind '{kind_name}' (known: {known})")
    kind = KINDS[kind_name]
    specs = kind.options.specs()
    unknown = set(data) - COMMON_KEYS - {s.key for s in specs}
    if unknown:
        key = sorted(unknown)[0]
        raise Invalid(line_of(data, key), f"unknown key '{key}' for a rule of kind '{kind_name}'")
    for spec in specs:
        if spec.required and spec.key not in data:
            raise Invalid(line_of(data), f"a rule of kind '{kind_name}' needs '{spec.key}'")
    severity = _severity(data)
    message = _check_message(data, kind)
    rationale = expect(data, "rationale", str, "the why, in a few sentences")
    seed = expect(data, "seed", str, "where the advice comes from")
    examples = expect(data, "examples", dict, "a mapping with 'bad' and 'good' lists")
    bad = expect(examples, "bad", list, "a list of texts the rule must flag")
    good = expect(examples, "good", list, "a list of texts the rule must accept")
    if not bad or not good or not all(isinstance(t, str) for t in bad + good):
        raise Invalid(line_of(data, "examples"), "examples need at least one bad and one good text")
    by_target = expect(data, "severity_by_target", dict, "a mapping of target to level", False)
    severity_by_target: dict[str, str | None] = {}
    for target, value in (by_target or {}).items():
        if value is False:  # YAML 1.1 reads a bare `off` as false
            value = "off"
        if target not in TARGETS:
            raise Invalid(line_of(by_target, target), f"unknown target '{target}'")
        if value not in (*SEVERITIES, "off"):
            raise Invalid(line_of(by_target, target), "a target's level must be a level or 'off'")
        severity_by_target[target] = None if value == "off" else value
    return Rule(
        id=rule_id, kind=kind_name, severity=severity, message=message,
        rationale=rationale.strip(), seed=seed, bad=bad, good=good,
        options=_options(data, kind, vocabulary), severity_by_target=severity_by_target,
        better=(expect(data, "better", str, "a stronger example sentence", False) or "").strip(),
        coaching=(expect(data, "coaching", str, "the ideas of docs/coaching.md it applies", False)
                  or "").strip(),
        origin=f"{path}:{line_of(data)}",
    )


def _levels(data: Any) -> list[Level]:
    entries = expect(data, "levels", list, "a list of levels")
    levels = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise Invalid(line_of(data, "levels"), "each level must be a mapping")
        number = expect(entry, "level", int, "1, 2 or 3")
        name = expect(entry, "name", str, "the level's name")
        reason = expect(entry, "reason", str, "why an answer is at this level")
        next_step = expect(entry, "next", str, "what reaches the next level")
        when = _condition(entry, "when", required=False)
        steps = []
        for step in expect(entry, "steps", list, "a list of {when, say} steps", False) or []:
            if not isinstance(step, dict) or set(step) - {"when", "say"}:
                raise Invalid(line_of(entry, "steps"), "each step is a mapping of 'when' and 'say'")
            condition = _condition(step, "when", required=True)
            assert condition is not None
            steps.append(Step(condition, expect(step, "say", str, "what to add").strip()))
        done = (expect(entry, "done", str, "what to say when no step applies", False) or "").strip()
        levels.append(Level(number, name, when, reason.strip(), next_step.strip(), steps, done))
    if not levels or levels[-1].when is not None:
        raise Invalid(line_of(data, "levels"), "the last level must have no 'when' (the fallback)")
    return levels


MARKS = ("occasion", "habit")  # what a role's sentences show about the whole answer (see Role)


def _role(name: str, data: Any, path: str, vocabulary: dict[str, list[str]]) -> Role:
    if not isinstance(data, dict):
        raise Invalid(1, f"role '{name}' must be a mapping")
    unknown = set(data) - {
        "description", "patterns", "unless", "claims_only", "first_person", "past_only",
        "in_parts", "not_with", "after", "since", "next_to", "includes", "with", "marks",
        "judged",
    }
    if unknown:
        key = sorted(unknown)[0]
        raise Invalid(line_of(data, key), f"unknown key '{key}' in role '{name}'")
    lists = {key: _role_names(data, key, "a list of role names") if key in data else []
             for key in ("not_with", "after", "since", "next_to", "includes")}
    lists["with_"] = _role_names(data, "with", "a list of role names") if "with" in data else []
    parts = _role_names(data, "in_parts", "a list of STAR parts") if "in_parts" in data else []
    wrong = sorted(set(parts) - set(PARTS.values()))
    if wrong:
        known = ", ".join(sorted(set(PARTS.values())))
        raise Invalid(line_of(data, "in_parts"), f"unknown STAR part '{wrong[0]}' (known: {known})")
    marks = expect(data, "marks", str, "occasion or habit", False) or ""
    if marks not in ("", *MARKS):
        raise Invalid(line_of(data, "marks"),
                      f"role '{name}': marks must be one of {', '.join(MARKS)}, not '{marks}'")
    return Role(
        name=name,
        description=expect(data, "description", str, "what the role means"),
        patterns=_patterns(data, "patterns", vocabulary),  # none: a role read from context
        unless=_patterns(data, "unless", vocabulary),
        claims_only=bool(expect(data, "claims_only", bool, "true or false", False)),
        first_person=bool(expect(data, "first_person", bool, "true or false", False)),
        past_only=bool(expect(data, "past_only", bool, "true or false", False)),
        in_parts=parts, **lists, marks=marks,
        judged=_judgement(name, data) if "judged" in data else None,
        origin=f"{path}:{line_of(data)}",
    )


def _judgement(name: str, role: Any) -> Judgement:
    data = role["judged"]
    if not isinstance(data, dict):
        raise Invalid(line_of(role, "judged"), f"role '{name}': 'judged' must be a mapping "
                                               "of label, told_above and missing_below")
    unknown = set(data) - {"label", "told_above", "missing_below"}
    if unknown:
        key = sorted(unknown)[0]
        raise Invalid(line_of(data, key), f"unknown key '{key}' in role '{name}': judged")
    told = _share(data, "told_above", "a number from 0 to 1")
    missing = _share(data, "missing_below", "a number from 0 to 1")
    if missing > told:
        raise Invalid(line_of(data, "missing_below"),
                      f"role '{name}': missing_below must not be above told_above")
    label = expect(data, "label", str, "one of " + ", ".join(LABELS))
    if label not in LABELS:
        raise Invalid(line_of(data, "label"),
                      f"role '{name}': unknown label '{label}' (known: {', '.join(LABELS)})")
    return Judgement(label, told, missing)


def builtin_rule_files() -> list[Path]:
    return sorted(p for p in rules_folder().iterdir() if p.name.endswith((".yaml", ".yml")))


def expand_rule_paths(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        else:
            out.append(path)
    return out


def load_rules(extra: Iterable[Path] = ()) -> RuleSet:
    """The built-in rules plus the user's files; broken files are reported and skipped."""
    paths = builtin_rule_files() + expand_rule_paths(extra)
    errors: list[RuleFileError] = []
    parsed: list[tuple[str, Any]] = []
    for path in paths:
        try:
            data = read_yaml(path)
            if not isinstance(data, dict):
                raise Invalid(1, "a rule file must be a mapping (id:, roles: or vocabulary:)")
            parsed.append((str(path), data))
        except Invalid as error:
            errors.append(RuleFileError(str(path), error.line, error.reason))

    vocabulary: Vocabulary = {}
    for name, data in parsed:
        if "vocabulary" in data:
            try:
                classes = expect(data, "vocabulary", dict, "a mapping of class name to words")
            except Invalid as error:
                errors.append(RuleFileError(name, error.line, error.reason))
                continue
            for class_name, words in classes.items():  # a broken class spoils no other
                try:
                    _add_class(vocabulary, classes, class_name, words)
                except Invalid as error:
                    errors.append(RuleFileError(name, error.line, error.reason))

    roles: dict[str, Role] = {}
    rules: dict[str, Rule] = {}
    for name, data in parsed:
        try:
            if "roles" in data:
                table = expect(data, "roles", dict, "a mapping of role name to its patterns")
                for role_name, body in table.items():
                    try:
                        roles[role_name] = _role(role_name, body, name, vocabulary)
                    except Invalid as error:
                        errors.append(RuleFileError(name, error.line, error.reason))
            elif "id" in data:
                rule = _rule(data, name, vocabulary)
                rules[rule.id] = rule  # a user's rule of the same id replaces the built-in one
            elif "vocabulary" not in data:
                raise Invalid(1, "a rule file needs 'id:' (a rule), 'roles:' or 'vocabulary:'")
        except Invalid as error:
            errors.append(RuleFileError(name, error.line, error.reason))

    for role in list(roles.values()):
        missing = sorted(role.names() - set(roles))
        if missing:
            origin, line = role.origin.rsplit(":", 1)
            errors.append(RuleFileError(origin, int(line),
                                        f"unknown role '{missing[0]}' in role '{role.name}'"))
            del roles[role.name]
    ordered_roles, role_cycles = role_order(roles)
    errors.extend(role_cycles)
    roles = {role.name: role for role in ordered_roles}
    known = set(roles) | set(rules) | BUILTIN_COUNTS
    for rule in list(rules.values()):
        missing = sorted(n for n in rule.options.roles() if n not in roles)
        unknown = sorted(n for c in rule.options.conditions() for n in c.names if n not in known)
        if missing or unknown:
            origin, line = rule.origin.rsplit(":", 1)
            what = f"unknown role '{missing[0]}'" if missing else f"unknown name '{unknown[0]}'"
            errors.append(RuleFileError(origin, int(line), f"{what} in rule '{rule.id}'"))
            del rules[rule.id]
    order, cycles = dependency_order(rules)
    errors.extend(cycles)
    runnable = {rule.id for rule in order}
    rules = {rule_id: rule for rule_id, rule in rules.items() if rule_id in runnable}
    return RuleSet(rules, roles, vocabulary, errors, order)


def _add_class(vocabulary: Vocabulary, classes: Any, name: str, words: Any) -> None:
    if not isinstance(words, list) or not all(
        isinstance(w, str) and w and " " not in w for w in words
    ):
        odd = next((w for w in words if not isinstance(w, str)), None) \
            if isinstance(words, list) else None
        hint = (f" (YAML read {odd!r} as {type(odd).__name__}: quote it)"
                if isinstance(odd, bool | int | float) or (odd is None and isinstance(words, list)
                                                            and None in words) else "")
        raise Invalid(line_of(classes, name), f"@{name} must be a list of single words{hint}")
    for word in words:
        try:
            check_one_word(word)
        except PatternError as error:
            raise Invalid(line_of(classes, name), f"@{name}: {error}") from None
    known = set(vocabulary.get(name, []))
    # "-forms" classes list word forms as written; the others match by lemma
    if name.endswith("-forms"):
        members = {w.lower() for w in words}
    else:
        members = set(vocabulary_lemmas(words))
    vocabulary[name] = sorted(known | members)


def file_stamps(paths: tuple[Path, ...]) -> tuple[float, ...]:
    """The modification times of the user's rule files: a new stamp means a reload."""
    out = []
    for path in expand_rule_paths(paths):
        try:
            out.append(os.stat(path).st_mtime)
        except OSError:
            out.append(-1.0)
    return tuple(out)


@functools.lru_cache(maxsize=8)
def cached_rules(paths: tuple[Path, ...], _stamps: tuple[float, ...]) -> RuleSet:
    return load_rules(paths)


def rules_at(paths: tuple[Path, ...]) -> RuleSet:
    """The built-in rules plus these paths, loaded once and again only when a file changes."""
    return cached_rules(paths, file_stamps(paths))
