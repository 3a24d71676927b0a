"""Edits that act on findings, in document offsets: rewrites, inserted steps, disable comments.

LSP-free, so the server's code actions and any other front end build on the same edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from answerlint.engine.document import Document, label_length
from answerlint.engine.findings import PLACEHOLDER, Finding

# A list item's mark at the start of a line: "- ", "* ", "+ " (a numbered item takes the
# step as its own next sentence, so the numbers stay right).
_BULLET = re.compile(r"[ \t]*[-*+][ \t]+")
_ENDS_SENTENCE = ".!?…:;"
_TITLE_WORDS = 8  # a line this short with no full stop is a title or a label, not a sentence
_CLOSERS = "\"'\u201d\u2019)]*_"
# Around words a rewrite removes: the comma and space before and after, what may open a line
# before a sentence, a full stop with what may follow it, and the end of a clause.
_COMMA_BEFORE = re.compile(r",[ \t]*$")
_SPACE_AFTER = re.compile(r",?[ \t]+|,(?=$)", re.MULTILINE)
_SPACE_BEFORE = re.compile(r",?[ \t]+$")
_LINE_MARKERS = re.compile(r"[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*[^*]*\*\*[ \t]*)?[\"'\u201c\u2018(*_]*")
_AFTER_STOP = re.compile(r"[.!?:][\"'\u201d\u2019)]*[ \t]+[\"'\u201c\u2018(]*$")
_ENDS_CLAUSE = re.compile(r"[.!?;:)\"'\u201d\u2019]|$", re.MULTILINE)


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


# Markdown's marks: a rewrite over words holding one would cut a link, an emphasis or a code
# span apart ("I[was told to](http://x) wait").
_MARKUP = re.compile(r"[\[\]`<>*~\\]|(?<!\w)_|_(?!\w)")


def crosses_markup(text: str, start: int, end: int) -> bool:
    """Whether [start, end) holds a Markdown mark, so replacing it would break the markup."""
    return _MARKUP.search(text, start, end) is not None


def rewrites(finding: Finding, text: str) -> list[Fix]:
    """One fix per rewrite of a finding; the first is the preferred one. None where the
    words hold Markdown marks: the rewrite would break the markup around them."""
    if crosses_markup(text, finding.start, finding.end):
        return []
    words = text[finding.start:finding.end]
    return [Fix(f'Remove "{words}"' if not option else f'Rewrite as "{option}"',
                (rewrite_edit(text, finding.start, finding.end, option),), finding,
                preferred=n == 0)
            for n, option in enumerate(finding.replacements)]


def rewrite_edit(text: str, start: int, end: int, option: str) -> Edit:
    """The edit that puts `option` in place of [start, end); a removal ("" for a hedge) takes
    the comma and space it leaves behind, and a sentence it opened starts with a capital."""
    if option:
        return Edit(start, end, option)
    comma_before = _COMMA_BEFORE.search(text, 0, start)
    after = _SPACE_AFTER.match(text, end)
    if comma_before and after and after.group(0).lstrip().startswith(","):
        return Edit(comma_before.start(), after.end(), " ")  # "It was, basically, a mess"
    if _opens_sentence(text, start):
        nxt = after.end() if after else end
        if nxt < len(text) and text[nxt].isalpha():  # "Hopefully the" -> "The"
            return Edit(start, nxt + 1, text[nxt].upper())
        return Edit(start, nxt, "")
    before = _SPACE_BEFORE.search(text, 0, start)
    if after and after.group(0).startswith(",") and before:
        return Edit(before.start(), end, "")  # "Once he'd calmed a bit, I asked" -> "calmed, I"
    if after and not _ENDS_CLAUSE.match(text, after.end()):
        return Edit(start, after.end(), "")  # "I kind of fixed" -> "I fixed"
    return Edit(before.start() if before else start, end, "")  # "fixed it, I think." -> "fixed it."


def _opens_sentence(text: str, at: int) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    marker = _LINE_MARKERS.fullmatch(before)
    return marker is not None or bool(_AFTER_STOP.search(before))


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
    prefix = text[line_start:at]
    if _BULLET.fullmatch(prefix) or (prefix.strip() and label_length(prefix) == len(prefix)):
        return ""  # the first words of a list item or a part ("- took her", "Action - I rang")
    before = prefix.rstrip().rstrip(_CLOSERS)
    if before and before[-1] not in _ENDS_SENTENCE and not rest.strip() \
            and len(before.split()) <= _TITLE_WORDS and not label_length(before):
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
    # (after front matter with no line break at its end, the comment starts a line of its own:
    # "---<!-- ... -->" would end the front matter no more)
    lead = newline if at and document.text[at - 1] not in "\r\n" else ""
    return Fix(f"Disable {rule} for this file",
               (Edit(at, at, f"{lead}<!-- answerlint-disable {rule} -->{newline}"),), finding)


def fix_all(findings: list[Finding], text: str) -> list[Edit]:
    """The preferred rewrite of every finding fix-all may apply (none a candidate must
    confirm), where it clashes with no other."""
    edits: list[Edit] = []
    last_end = -1
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not finding.replacements or not finding.in_fix_all \
                or crosses_markup(text, finding.start, finding.end):
            continue
        edit = rewrite_edit(text, finding.start, finding.end, finding.replacements[0])
        if edit.start <= last_end:
            continue  # over or against the last one: "I, I decided to" from two at once
        edits.append(edit)
        last_end = edit.end
    return edits

