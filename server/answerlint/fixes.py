"""Edits that act on findings, in document offsets: rewrites, inserted steps, disable comments.

LSP-free, so the server's code actions and any other front end build on the same edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from answerlint.engine.document import Document
from answerlint.engine.findings import PLACEHOLDER, Finding

# A list item's mark at the start of a line: "- ", "* ", "+ " (a numbered item takes the
# step as its own next sentence, so the numbers stay right).
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+")
_ENDS_SENTENCE = ".!?…:;"
_TITLE_WORDS = 8  # a line this short with no full stop is a title or a label, not a sentence
_CLOSERS = "\"'\u201d\u2019)]*_"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    finding: Finding | None = None
    preferred: bool = False
    snippet: bool = False  # new_text uses snippet placeholders


def plain(snippet: str) -> str:
    """A snippet's text for clients without snippet support: placeholders keep their text,
    choices their first option."""
    return PLACEHOLDER.sub(lambda m: m["text"] or m["choice"] or "", snippet).replace("\\$", "$")


def rewrites(finding: Finding) -> list[Fix]:
    """One fix per replacement of a substitution finding; the first is the preferred one."""
    return [Fix(f'Rewrite as "{option}"', (Edit(finding.start, finding.end, option),),
                finding, preferred=n == 0)
            for n, option in enumerate(finding.replacements)]


def insert_step(finding: Finding, text: str, snippets: bool) -> Fix | None:
    """For a missing step: its sentence, inserted after the sentence it follows."""
    if finding.insertion is None:
        return None
    at, snippet = finding.insertion.at, finding.insertion.snippet
    sentence = snippet if snippets else plain(snippet)
    step = finding.rule.removeprefix("missing-").replace("-", " ")
    return Fix(f"Add the missing {step}: \"{_opening(plain(snippet))}\"",
               (Edit(at, at, _lead(text, at) + sentence),), finding, snippet=snippets)


def _lead(text: str, at: int) -> str:
    """What goes between the sentence before and the inserted one: a new item after the last
    words of a bullet, else a full stop where the sentence had none, and a space."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    rest = text[at:len(text) if line_end < 0 else line_end]
    bullet = _BULLET.match(text, line_start)
    newline = "\r\n" if text[line_end - 1 : line_end + 1] == "\r\n" else "\n"
    if bullet and not rest.strip():
        return newline + bullet.group(0)
    before = text[line_start:at].rstrip().rstrip(_CLOSERS)
    if before and before[-1] not in _ENDS_SENTENCE and not rest.strip() \
            and len(before.split()) <= _TITLE_WORDS:
        return newline * 2  # a title line ("difficult customer - notes"): a paragraph of its own
    if not before:
        return ""  # the start of a line
    stop = "" if before[-1] in _ENDS_SENTENCE else "."
    return stop + ("" if text[at - 1 : at].isspace() else " ")


def _opening(sentence: str, words: int = 6) -> str:
    """The first words of a sentence, to name it in a menu."""
    cut = sentence.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def disable_for_file(finding: Finding, document: Document) -> Fix:
    """Switch the finding's rule off from the top of the body down: a comment every Markdown
    viewer hides."""
    at = document.body_start
    newline = "\r\n" if "\r\n" in document.text[:200] else "\n"
    rule = finding.rule
    return Fix(f"Disable {rule} for this file",
               (Edit(at, at, f"<!-- answerlint-disable {rule} -->{newline}"),), finding)


def fix_all(findings: list[Finding]) -> list[Edit]:
    """The preferred rewrite of every substitution finding that overlaps no other one."""
    edits: list[Edit] = []
    last_end = -1
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not finding.replacements or finding.start < last_end:
            continue
        edits.append(Edit(finding.start, finding.end, finding.replacements[0]))
        last_end = finding.end
    return edits

