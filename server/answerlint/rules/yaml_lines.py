"""YAML read safely, with the line of every key and list item, so a rule file's error can
say `file:line: reason`. Nothing in a file is ever executed: the loader is a SafeLoader."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml


class Invalid(Exception):
    """A reason a rule file is broken, at a 1-based line."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class LineDict(dict):
    """A mapping that remembers the line (1-based) of each key and of itself."""

    line = 1
    key_lines: dict[str, int]


class LineList(list):
    """A list that remembers the line (1-based) of each item."""

    item_lines: list[int]


# libyaml's parser when PyYAML has it (ten times faster: rules load at every start-up)
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise Invalid(key_node.start_mark.line + 1, "mapping keys must be plain words")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def line_of(data: Any, key: str | None = None) -> int:
    """The line of a key of a mapping read here (or of the mapping itself)."""
    if isinstance(data, LineDict):
        return data.key_lines.get(key, data.line) if key else data.line
    return 1


def read_yaml(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise Invalid(1, f"cannot read the file: {error.strerror or error}") from None
    if b"\0" in raw[:8192]:
        raise Invalid(1, "this is a binary file, not YAML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Invalid(1, f"not valid UTF-8 (byte {error.start})") from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except RecursionError:
        key, line = deep_key(text)
        raise Invalid(line, f"'{key}' is nested too deeply to read") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise Invalid(line, f"invalid YAML: {problem}") from None


def expect(data: Any, key: str, kind: type | tuple[type, ...], what: str,
           required: bool = True) -> Any:
    """`data[key]` when it has the type `kind`; None when it is missing and not required."""
    if key not in data:
        if required:
            raise Invalid(line_of(data), f"missing '{key}' ({what})")
        return None
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if not isinstance(value, kind) or isinstance(value, bool) and bool not in kinds:
        raise Invalid(line_of(data, key), f"'{key}' must be {what}")
    return value


# YAML nested deeper than PyYAML can recurse (`disable:` then 5,000 brackets) raises
# RecursionError, no YAMLError: each reader of YAML (config files, front matter, rule
# files) catches it and names the key with `deep_key`. A top-level key is a line that
# starts with neither a space, a comment, a list dash nor a bracket.
_TOP_KEY = re.compile(r"^(?![\s#\-\[{])([^:\n]+?)[ \t]*:", re.M)


def deep_key(text: str) -> tuple[str, int]:
    """The top-level key whose value nests deepest, and its 1-based line; ("(top)", 1) when
    the text has no key before the deep part."""
    depth, deepest, where = 0, 0, 0
    for i, char in enumerate(text):  # flow brackets; quotes are not skipped: this only names
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, i
        elif char in "]}":
            depth -= 1
    if deepest < 2:  # nested in block style: the deep part is the longest line
        lines = text.split("\n")
        longest = max(range(len(lines)), key=lambda n: len(lines[n]))
        where = sum(len(line) + 1 for line in lines[:longest])
    key, line = "(top)", 1
    for match in _TOP_KEY.finditer(text, 0, where + 1):
        key, line = match.group(1).strip("'\""), text.count("\n", 0, match.start()) + 1
    return key, line
