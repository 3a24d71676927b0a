"""YAML nested too deeply to read, named by the top-level key it sits under.

PyYAML builds a value by recursing once per level of nesting: `disable:` followed by 5,000
brackets raises RecursionError, which is no YAMLError and so escaped every caller's error
handling (the command line crashed, the server answered -32603). Each caller (config files,
front matter, rule files) catches RecursionError and reports `deep_key` of the text.
"""

from __future__ import annotations

import re

# A top-level key: a line that starts with neither space, comment, list dash nor bracket.
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
