"""Rule regexes, found fast: a case-sensitive "finder" proposes where a match may start and
the rule's own case-insensitive regex decides there.

Python's `re` scans every position of the text for a case-insensitive pattern or one that
begins with `\\b`, which made the 22 built-in regexes cost as much as all token matching.
The finder is the same source with its literal letters lower-cased and a leading `\\b`
dropped, run on the lower-cased text, where `re` can skip ahead to a literal prefix or a
first-character set. It matches wherever the rule's regex does (and more), so confirming
each proposal with the rule's regex anchored there gives exactly `finditer`'s matches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

# Escapes that name a character by its code ("\u00C9", "\x41", "\N{...}", octal): lower-
# casing the source would not lower the character, so such regexes get no finder.
_BY_CODE = re.compile(r"\\(?:[xuUN0-7])")


def finder(source: str) -> re.Pattern[str] | None:
    """The finder for a rule regex, or None when one cannot be made."""
    if _BY_CODE.search(source.replace("\\\\", "")) or _odd_case().search(source):
        return None  # see _BY_CODE; a letter like "ſ" in the regex stands for "s" too
    out = []
    escaped = False
    for char in _without_leading_lookbehinds(source).removeprefix("\\b"):
        out.append(char if escaped else char.lower())  # "\S" and "\W" keep their case
        escaped = not escaped and char == "\\"
    try:
        return re.compile("".join(out))
    except re.error:
        return None


def _without_leading_lookbehinds(source: str) -> str:
    """The source without the lookbehinds it opens with ("(?<!for )(?<!by )\\ba bit"), nor
    a group of them only ("(?:(?<=\\bI )|(?<=\\bwe ))kept"): a finder that starts with a
    literal lets `re` skip ahead to it, and one without them proposes every place the
    regex matches and more (the regex, matched at a proposal, still checks them)."""
    while True:
        group = _leading_group(source)
        if group is None:
            return source
        inner = group[3:-1] if group.startswith("(?:") else None
        if group.startswith(("(?<=", "(?<!")):
            source = source[len(group):]
        elif inner is not None and all(a.startswith(("(?<=", "(?<!")) and _leading_group(a) == a
                                       for a in _alternatives(inner)):
            source = source[len(group):]
        else:
            return source


def _structure(source: str) -> Iterator[tuple[int, str, int]]:
    """Each parenthesis and "|" of a regex source that is one (not escaped, not in a
    character class), with the nesting depth after it."""
    depth, escaped, in_class = 0, False, False
    for at, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[char]
            yield at, char, depth


def _leading_group(source: str) -> str | None:
    """The parenthesised group the source opens with, or None."""
    if not source.startswith("("):
        return None
    return next((source[: at + 1] for at, char, depth in _structure(source)
                 if char == ")" and depth == 0), None)


def _alternatives(inner: str) -> list[str]:
    """A group's top-level alternatives."""
    cuts = [at for at, char, depth in _structure(inner) if char == "|" and depth == 0]
    return [inner[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(inner)], strict=True)]


def lowered(text: str) -> str | None:
    """The text in lower case for the finders, or None where a finder could miss a match:
    a letter whose lower case is longer ("İ"), or one matching another letter case-
    insensitively although their lower cases differ ("ſ" and "s")."""
    lower = text.lower()
    if len(lower) != len(text) or _odd_case().search(text):
        return None
    return lower


def finditer(regex: re.Pattern[str], find: re.Pattern[str] | None, text: str,
             lower: str | None) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)` without its empty matches; `lower` is `lowered(text)`."""
    if find is None or lower is None:
        yield from (m for m in regex.finditer(text) if m.end() > m.start())
        return
    at = 0
    while (proposed := find.search(lower, at)) is not None:
        match = regex.match(text, proposed.start())
        if match is None:
            at = proposed.start() + 1
        elif match.end() == match.start():  # empty matches change finditer's stepping
            yield from (m for m in regex.finditer(text, at) if m.end() > m.start())
            return
        else:
            yield match
            at = match.end()


@functools.cache
def _odd_case() -> re.Pattern[str]:
    """Letters that match another letter case-insensitively although their lower cases
    differ ("ſ" and "s", "µ" and "μ"): the finder could miss those matches."""
    odd = [chr(c) for c in range(0x10000) if chr(c).upper().lower() != chr(c).lower()]
    return re.compile("[" + "".join(re.escape(c) for c in odd) + "]")
