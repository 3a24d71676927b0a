"""Reads rule files (YAML, safe loading only), validates them and reports `file:line: reason`.

A broken file is skipped with an error and every other file still loads. Three shapes of
file: a rule (`id:` at the top), sentence roles (`roles:`) and word classes (`vocabulary:`).
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from answerlint.engine.regex_search import finder
from answerlint.rules.conditions import ExpressionError, parse_condition
from answerlint.rules.model import (
    SEVERITIES,
    TARGETS,
    Level,
    Pattern,
    Role,
    Rule,
    RuleFileError,
    RuleSet,
)
from answerlint.rules.patterns import PatternError, compile_pattern, vocabulary_lemmas
from answerlint.shipped import rules_folder

# Names a condition may use besides roles and rule ids.
FACT_NAMES = {"words", "sentences"}
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
COMMON_KEYS = {
    "id", "kind", "level", "message", "rationale", "seed", "examples",
    "severity_by_target", "better",
}
# Each kind's own keys, and the placeholders its message may use.
KIND_KEYS: dict[str, set[str]] = {
    "existence": {"patterns", "unless", "claims_only", "outside_quotes", "in_roles", "when"},
    "substitution": {"swap", "unless", "claims_only", "outside_quotes", "in_roles"},
    "requirement": {"role", "snippet", "insert_after", "when"},
    "share": {"role", "min_sentences", "min_share", "when"},
    "ratio": {"patterns", "against", "in_roles", "max_ratio", "min_count"},
    "spoken-time": {"max_seconds"},
    "condition": {"when", "flag_role"},
    "level": {"levels"},
}
PLACEHOLDERS: dict[str, set[str]] = {
    "existence": {"match"},
    "substitution": {"match", "replacement"},
    "requirement": set(),
    "share": {"count", "total", "share", "limit"},
    "ratio": {"match", "count", "against"},
    "spoken-time": {"spoken", "limit", "words", "wpm"},
    "condition": {"match"},
    "level": {"level", "name", "reason", "next", "story", "action", "result"},
}
REQUIRED_KIND_KEYS: dict[str, set[str]] = {
    "existence": {"patterns"},
    "substitution": {"swap"},
    "requirement": {"role"},
    "share": {"role"},
    "ratio": {"patterns", "against"},
    "spoken-time": set(),
    "condition": {"when"},
    "level": {"levels"},
}


class _Invalid(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class _LineDict(dict):
    """A mapping that remembers the line (1-based) of each key and of itself."""

    line = 1
    key_lines: dict[str, int]


# libyaml's parser when PyYAML has it (ten times faster: rules load at every start-up)
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    result = _LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise _Invalid(key_node.start_mark.line + 1, "mapping keys must be plain words")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


class _LineList(list):
    """A list that remembers the line (1-based) of each item."""

    item_lines: list[int]


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LineList:
    result = _LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _line(data: Any, key: str | None = None) -> int:
    if isinstance(data, _LineDict):
        return data.key_lines.get(key, data.line) if key else data.line
    return 1


def _read_yaml(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise _Invalid(1, f"cannot read the file: {error.strerror or error}") from None
    if b"\0" in raw[:8192]:
        raise _Invalid(1, "this is a binary file, not YAML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Invalid(1, f"not valid UTF-8 (byte {error.start})") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise _Invalid(line, f"invalid YAML: {problem}") from None


def _expect(data: Any, key: str, kind: type | tuple[type, ...], what: str, required: bool = True):
    if key not in data:
        if required:
            raise _Invalid(_line(data), f"missing '{key}' ({what})")
        return None
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool) and bool not in _as_tuple(kind):
        raise _Invalid(_line(data, key), f"'{key}' must be {what}")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _patterns(
    data: Any, key: str, vocabulary: dict[str, list[str]], replacements: bool = False
) -> list[Pattern]:
    entries = _expect(data, key, list, "a list of patterns", required=False) or []
    out: list[Pattern] = []
    lines = getattr(entries, "item_lines", None)
    for n, entry in enumerate(entries):
        line = lines[n] if lines else _line(data, key)
        replace: list[str] = []
        if isinstance(entry, str):
            if replacements:
                raise _Invalid(line, f"each '{key}' entry needs 'pattern' or 'regex' and 'replace'")
            source, is_regex = entry, False
        elif isinstance(entry, dict):
            unknown = set(entry) - {"pattern", "regex", "replace"}
            if unknown:
                raise _Invalid(line, f"unknown key '{sorted(unknown)[0]}' in a pattern entry")
            if ("pattern" in entry) == ("regex" in entry):
                raise _Invalid(line, "a pattern entry needs exactly one of 'pattern' or 'regex'")
            is_regex = "regex" in entry
            source = entry["regex"] if is_regex else entry["pattern"]
            if not isinstance(source, str):
                raise _Invalid(line, "a pattern must be a string")
            raw = entry.get("replace", [])
            replace = [raw] if isinstance(raw, str) else raw
            if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
                raise _Invalid(line, "'replace' must be a string or a list of strings")
            if replacements and not replace:
                raise _Invalid(line, "a substitution needs at least one 'replace'")
        else:
            raise _Invalid(line, "a pattern must be a string or a mapping")
        if is_regex:
            try:
                compiled = re.compile(source, re.I)
            except re.error as error:
                raise _Invalid(line, f"bad regular expression {source!r}: {error}") from None
            out.append(Pattern(source, regex=compiled, finder=finder(source),
                               replacements=replace))
        else:
            anchored = source.startswith("^")
            try:
                tokens = compile_pattern(source.removeprefix("^"), vocabulary)
            except PatternError as error:
                raise _Invalid(line, f"bad pattern {source!r}: {error}") from None
            out.append(Pattern(source, tokens=tokens, replacements=replace, anchored=anchored))
    return out


def _condition(data: Any, key: str, required: bool = False):
    source = _expect(data, key, str, "a condition, such as 'not result and action'", required)
    if source is None:
        return None
    try:
        return parse_condition(source)
    except ExpressionError as error:
        raise _Invalid(_line(data, key), str(error)) from None


def _check_message(data: Any, kind: str) -> str:
    message = _expect(data, "message", str, "the text of a finding")
    allowed = PLACEHOLDERS[kind]
    for _, name, _, _ in string.Formatter().parse(message):
        if name is not None and name not in allowed:
            hint = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
            raise _Invalid(
                _line(data, "message"), f"unknown placeholder {{{name}}} (this kind has: {hint})"
            )
    return message


def _rule(data: Any, path: str, vocabulary: dict[str, list[str]]) -> Rule:
    rule_id = _expect(data, "id", str, "a kebab-case rule id")
    if not RULE_ID.match(rule_id):
        raise _Invalid(_line(data, "id"), f"rule id '{rule_id}' must be kebab-case")
    kind = _expect(data, "kind", str, "one of " + ", ".join(KIND_KEYS))
    if kind not in KIND_KEYS:
        known = ", ".join(KIND_KEYS)
        raise _Invalid(_line(data, "kind"), f"unknown kind '{kind}' (known: {known})")
    unknown = set(data) - COMMON_KEYS - KIND_KEYS[kind]
    if unknown:
        key = sorted(unknown)[0]
        raise _Invalid(_line(data, key), f"unknown key '{key}' for a rule of kind '{kind}'")
    for key in REQUIRED_KIND_KEYS[kind]:
        if key not in data:
            raise _Invalid(_line(data), f"a rule of kind '{kind}' needs '{key}'")
    severity = _expect(data, "level", str, "one of " + ", ".join(SEVERITIES))
    if severity not in SEVERITIES:
        raise _Invalid(_line(data, "level"), f"level must be one of {', '.join(SEVERITIES)}")
    message = _check_message(data, kind)
    rationale = _expect(data, "rationale", str, "the why, in a few sentences")
    seed = _expect(data, "seed", str, "where the advice comes from")
    examples = _expect(data, "examples", dict, "a mapping with 'bad' and 'good' lists")
    bad = _expect(examples, "bad", list, "a list of texts the rule must flag")
    good = _expect(examples, "good", list, "a list of texts the rule must accept")
    if not bad or not good or not all(isinstance(t, str) for t in bad + good):
        raise _Invalid(_line(data, "examples"), "examples need at least one bad and one good text")
    by_target = _expect(data, "severity_by_target", dict, "a mapping of target to level", False)
    severity_by_target: dict[str, str | None] = {}
    for target, value in (by_target or {}).items():
        if value is False:  # YAML 1.1 reads a bare `off` as false
            value = "off"
        if target not in TARGETS:
            raise _Invalid(_line(by_target, target), f"unknown target '{target}'")
        if value not in (*SEVERITIES, "off"):
            raise _Invalid(_line(by_target, target), "a target's level must be a level or 'off'")
        severity_by_target[target] = None if value == "off" else value
    rule = Rule(
        id=rule_id, kind=kind, severity=severity, message=message, rationale=rationale.strip(),
        seed=seed, bad=bad, good=good, severity_by_target=severity_by_target,
        better=(_expect(data, "better", str, "a stronger example sentence", False) or "").strip(),
        origin=f"{path}:{_line(data)}",
    )
    if kind == "substitution":
        rule.patterns = _patterns(data, "swap", vocabulary, replacements=True)
    elif "patterns" in data:
        rule.patterns = _patterns(data, "patterns", vocabulary)
    rule.unless = _patterns(data, "unless", vocabulary)
    if "against" in data:
        rule.options["against"] = _patterns(data, "against", vocabulary)
    rule.condition = _condition(data, "when", required=kind == "condition")
    rule.snippet = _expect(data, "snippet", str, "a sentence to insert", False) or ""
    for key, kinds, what in (
        ("claims_only", bool, "true or false"),
        ("outside_quotes", bool, "true or false"),
        ("role", str, "a role name"),
        ("flag_role", str, "a role name"),
        ("in_roles", list, "a list of role names"),
        ("insert_after", list, "a list of role names"),
        ("min_sentences", int, "a whole number"),
        ("min_count", int, "a whole number"),
        ("min_share", (int, float), "a number between 0 and 1"),
        ("max_ratio", (int, float), "a number"),
        ("max_seconds", (int, float), "a number of seconds"),
    ):
        value = _expect(data, key, kinds, what, required=False)
        if value is not None:
            rule.options[key] = value
    if kind == "level":
        rule.levels = _levels(data)
    return rule


def _levels(data: Any) -> list[Level]:
    entries = _expect(data, "levels", list, "a list of levels")
    levels = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise _Invalid(_line(data, "levels"), "each level must be a mapping")
        number = _expect(entry, "level", int, "1, 2 or 3")
        name = _expect(entry, "name", str, "the level's name")
        reason = _expect(entry, "reason", str, "why an answer is at this level")
        next_step = _expect(entry, "next", str, "what reaches the next level")
        when = _condition(entry, "when", required=False)
        levels.append(Level(number, name, when, reason.strip(), next_step.strip()))
    if not levels or levels[-1].when is not None:
        raise _Invalid(_line(data, "levels"), "the last level must have no 'when' (the fallback)")
    return levels


def _role(name: str, data: Any, path: str, vocabulary: dict[str, list[str]]) -> Role:
    if not isinstance(data, dict):
        raise _Invalid(1, f"role '{name}' must be a mapping")
    unknown = set(data) - {
        "description", "patterns", "unless", "claims_only", "first_person", "past_only"
    }
    if unknown:
        key = sorted(unknown)[0]
        raise _Invalid(_line(data, key), f"unknown key '{key}' in role '{name}'")
    return Role(
        name=name,
        description=_expect(data, "description", str, "what the role means"),
        patterns=_patterns(data, "patterns", vocabulary),
        unless=_patterns(data, "unless", vocabulary),
        claims_only=bool(_expect(data, "claims_only", bool, "true or false", False)),
        first_person=bool(_expect(data, "first_person", bool, "true or false", False)),
        past_only=bool(_expect(data, "past_only", bool, "true or false", False)),
        origin=f"{path}:{_line(data)}",
    )


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
            data = _read_yaml(path)
            if not isinstance(data, dict):
                raise _Invalid(1, "a rule file must be a mapping (id:, roles: or vocabulary:)")
            parsed.append((str(path), data))
        except _Invalid as error:
            errors.append(RuleFileError(str(path), error.line, error.reason))

    vocabulary: dict[str, list[str]] = {}
    for path, data in parsed:
        if "vocabulary" in data:
            try:
                classes = _expect(data, "vocabulary", dict, "a mapping of class name to words")
                for name, words in classes.items():
                    if not isinstance(words, list) or not all(
                        isinstance(w, str) and w and " " not in w for w in words
                    ):
                        raise _Invalid(_line(classes, name), f"@{name} must be a list of single words")
                    known = set(vocabulary.get(name, []))
                    # "-forms" classes list word forms as written; the others match by lemma
                    if name.endswith("-forms"):
                        members = {w.lower() for w in words}
                    else:
                        members = set(vocabulary_lemmas(words))
                    vocabulary[name] = sorted(known | members)
            except _Invalid as error:
                errors.append(RuleFileError(path, error.line, error.reason))

    roles: dict[str, Role] = {}
    rules: dict[str, Rule] = {}
    for path, data in parsed:
        try:
            if "roles" in data:
                table = _expect(data, "roles", dict, "a mapping of role name to its patterns")
                for name, body in table.items():
                    try:
                        roles[name] = _role(name, body, path, vocabulary)
                    except _Invalid as error:
                        errors.append(RuleFileError(path, error.line, error.reason))
            elif "id" in data:
                rule = _rule(data, path, vocabulary)
                rules[rule.id] = rule  # a user's rule of the same id replaces the built-in one
            elif "vocabulary" not in data:
                raise _Invalid(1, "a rule file needs 'id:' (a rule), 'roles:' or 'vocabulary:'")
        except _Invalid as error:
            errors.append(RuleFileError(path, error.line, error.reason))

    facts = set(roles) | set(rules) | FACT_NAMES
    for rule in list(rules.values()):
        needed = {rule.options.get("role"), rule.options.get("flag_role")} - {None}
        needed |= set(rule.options.get("in_roles", [])) | set(rule.options.get("insert_after", []))
        missing = sorted(n for n in needed if n not in roles)
        conditions = [rule.condition] + [level.when for level in rule.levels]
        unknown = sorted(n for c in conditions if c for n in c.names if n not in facts)
        if missing or unknown:
            path, line = rule.origin.rsplit(":", 1)
            what = f"unknown role '{missing[0]}'" if missing else f"unknown name '{unknown[0]}'"
            errors.append(RuleFileError(path, int(line), f"{what} in rule '{rule.id}'"))
            del rules[rule.id]
    return RuleSet(rules, roles, vocabulary, errors)


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
