"""The Markdown model of a draft: front matter, answers (heading sections) and prose blocks.

Every prose block keeps the document's offsets: its `text` is the document slice with
everything that is not prose (list bullets, quote markers, link targets, inline code,
HTML comments, emphasis marks) replaced by spaces, so an offset in the block plus the
block's start is an offset in the document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import yaml
from markdown_it import MarkdownIt

from answerlint.engine.parallel import in_parallel
from answerlint.engine.positions import LineIndex
from answerlint.rules.yaml_lines import deep_key

FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)

# Inline parts of a paragraph that are not prose. The lookahead names every character one
# can start with, so `re` skips the rest instead of trying each alternative everywhere.
_NOT_PROSE = re.compile(
    r"(?=[<!`\]h\\*_~])(?:"
    r"<!--(?:(?!<!--).)*?-->"  # HTML comments (as _COMMENT)
    r"|!\[[^\[\]]*\]\([^()]*\)"  # images
    r"|(`+).*?\1"  # inline code
    r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>"  # autolinks
    r"|</?[A-Za-z][^>\n]*>"  # inline HTML tags
    r"|\]\([^()]*\)|\]\[[^\[\]]*\]"  # link targets (the "[" is masked below)
    r"|\bhttps?://\S+"  # bare URLs
    r"|\\(?=[^\w\s])"  # backslash escapes
    r"|(?<![\w*_~])[*_~]+|[*_~]+(?![\w*_~])"  # emphasis marks at word edges
    r")",
    re.S,
)
_NOT_BREAK = re.compile(r"[^\r\n]")
# An HTML comment, read to the next opening at most ("<!--" * 50000 read each to the end of
# the draft took two minutes).
_COMMENT = re.compile(r"<!--((?:(?!<!--).)*?)-->", re.S)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# (a label is read up to the next bracket: "[" * 20000 read each to the end was quadratic)
_LINK_OPEN = re.compile(r"\[(?=[^\[\]]*\]\(|[^\[\]]*\]\[)")

# The names of the parts of a STAR answer, as people label them, and the part each names.
_PART_NAMES = (r"situation|task|action|actions|activity|result|results|outcome|outcomes|"
               r"context|background|problem|solution|follow[- ]?up|lesson|lessons|reflection|"
               r"action steps|actions taken|solutions offered|what i did|the result")
PARTS = {
    "situation": "situation", "context": "situation", "background": "situation",
    "problem": "situation", "task": "task", "action": "action", "actions": "action",
    "activity": "action", "solution": "action", "action steps": "action",
    "actions taken": "action", "solutions offered": "action", "what i did": "action",
    "result": "result", "results": "result", "outcome": "result", "outcomes": "result",
    "the result": "result", "follow-up": "follow-up", "followup": "follow-up",
    "follow up": "follow-up", "lesson": "reflection", "lessons": "reflection",
    "reflection": "reflection", "s": "situation", "t": "task", "a": "action", "r": "result",
}
# The interview question, written above an answer: a "Q:" line anywhere, or at the top a
# question or an instruction to tell one ("Tell me about a time you...", "Describe a...").
_QUESTION_LABEL = re.compile(r"^(?:q|question)\s*\d*\s*[:.)-]\s", re.I)
_QUESTION_OPENING = re.compile(
    r"^(?:\d+[.)]\s*)?(?:tell (?:me|us) about|describe (?:a|an|the|how|your)|give (?:me |us )?an "
    r"example|can you (?:tell|describe|give|share|talk)|could you (?:tell|describe|give|share)|"
    r"have you ever|how (?:do|did|would) you|what (?:do|did|would) you|talk (?:me |us )?"
    r"(?:through|about)|share (?:a|an) )", re.I)
# Section headings that label a part of one STAR answer, not a new answer.
STAR_LABELS = re.compile(rf"^\s*(?:the\s+)?({_PART_NAMES})\s*:?\s*$", re.I)
# A paragraph or bullet that opens with a part's label: "Result: ...", "R - ...", "**Task**",
# "A: ..." (an A is the action only with its colon: "A - level" or "A" alone is a word).
_PART_LABEL = re.compile(rf"^\s*({_PART_NAMES}|s|t|r|a(?=\s*:))\s*(?:[:\u2013\u2014-]|$)", re.I)
# The same with the emphasis and spaces that close it: where the part's own words begin.
_PART_LEAD = re.compile(
    rf"\s*(?:{_PART_NAMES}|s|t|r|a(?=\s*:))\s*(?:[:\u2013\u2014-]+|$)[\s*_]*", re.I)


@dataclass(slots=True)
class Block:
    """A run of prose: a paragraph, a list item's paragraph, or a table cell."""

    start: int
    end: int
    text: str  # the masked slice of the document, same length as end - start
    paragraph: int  # index of the paragraph in the document (cells of a row share one)
    part: str | None = None  # the STAR part it is told in ("result"...), when labelled


@dataclass
class Answer:
    index: int
    title: str | None
    start: int  # offset where the section starts (its heading, or the first line)
    end: int
    heading: tuple[int, int] | None  # offsets of the heading's text, when there is one
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Comment:
    start: int
    end: int
    body: str


@dataclass
class Document:
    text: str
    lines: LineIndex
    front_matter: dict[str, Any]
    front_matter_error: str | None
    answers: list[Answer]
    comments: list[Comment]
    body_start: int = 0  # where the text after the front matter begins


@dataclass
class _Heading:
    level: int
    line: int
    text: str
    span: tuple[int, int]


def _front_matter(text: str) -> tuple[dict[str, Any], str | None, int]:
    """The front matter's values, a parse error if any, and where the body starts."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, None, 0
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except RecursionError:
        key, line = deep_key(match.group(1) or "")
        return {}, f"front matter line {line + 1}: '{key}': nested too deeply to read", match.end()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""
        return {}, f"front matter {where}{getattr(error, 'problem', None) or error}", match.end()
    if not isinstance(data, dict):
        return {}, "front matter must be a mapping of keys to values", match.end()
    return data, None, match.end()


def _blank_out(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping line breaks so line numbers hold."""
    middle = _NOT_BREAK.sub(" ", text[start:end])
    return text[:start] + middle + text[end:]


def _mask(text: str) -> str:
    def spaces(match: re.Match[str]) -> str:
        return _NOT_BREAK.sub(" ", match.group(0))

    return _NOT_PROSE.sub(spaces, _LINK_OPEN.sub(" ", text))


_markdown = MarkdownIt("commonmark").enable("table")


def _locate(
    lines: LineIndex, first_line: int, content: str, cursors: dict[int, int]
) -> list[tuple[int, int]]:
    """Find each line of an inline token's content in its source lines: (start, end) pieces."""
    pieces = []
    for i, part in enumerate(content.split("\n")):
        line = first_line + i
        if line >= len(lines.line_starts):
            break
        line_start = lines.line_starts[line]
        source = lines.text[line_start : lines.line_end(line)]
        wanted = part.strip()
        if not wanted:
            continue
        found = source.find(wanted, cursors.get(line, 0))
        if found < 0:
            continue
        cursors[line] = found + len(wanted)
        pieces.append((line_start + found, line_start + found + len(wanted)))
    return pieces


def parse_body(
    text: str, lines: LineIndex
) -> tuple[list[_Heading], list[Block], list[tuple[int, int]]]:
    tokens = _markdown.parse(text)
    headings: list[_Heading] = []
    blocks: list[Block] = []
    code: list[tuple[int, int]] = []
    cursors: dict[int, int] = {}
    row_map: list[int] | None = None
    paragraph = 0
    for i, token in enumerate(tokens):
        if token.type in ("fence", "code_block") and token.map:
            start = lines.line_starts[token.map[0]]
            end_line = token.map[1]
            end = lines.line_starts[end_line] if end_line < len(lines.line_starts) else len(text)
            code.append((start, end))
        if token.type == "tr_open":
            row_map = token.map
            paragraph += 1
        if token.type != "inline":
            continue
        parent = tokens[i - 1] if i else None
        where = token.map or (parent.map if parent else None) or row_map
        if not where:
            continue
        pieces = _locate(lines, where[0], token.content, cursors)
        if not pieces:
            continue
        if parent is not None and parent.type == "heading_open":
            title = token.content.strip()
            headings.append(_Heading(int(parent.tag[1]), where[0], title,
                                     (pieces[0][0], pieces[-1][1])))
            continue
        if parent is None or parent.type not in ("th_open", "td_open"):
            paragraph += 1
        # a line that opens with a STAR label starts a block of its own, so that lines
        # "**Situation:** ...", "**Action:** ..." with no blank line between them each tell
        # their part (and no sentence runs on from one label's line into the next)
        for run in _label_runs(text, pieces):
            blocks.append(_block(text, run, paragraph))
    return headings, blocks, code


def _label_runs(text: str, pieces: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = [[]]
    for a, b in pieces:
        if runs[-1] and _PART_LABEL.match(_mask(text[a:b])):
            runs.append([])
        runs[-1].append((a, b))
    return runs


def _block(text: str, pieces: list[tuple[int, int]], paragraph: int) -> Block:
    """The pieces (in order) as they are, what lies between them (markers, indentation) as
    spaces, line breaks kept."""
    start, end = pieces[0][0], pieces[-1][1]
    parts, at = [], start
    for a, b in pieces:
        parts += [_NOT_BREAK.sub(" ", text[at:a]), text[max(a, at):b]]
        at = max(at, b)
    return Block(start, end, _mask("".join(parts)), paragraph)


# What opens an ATX heading or a code fence; only those at a line's start (after at most
# three spaces) count.
_HEADING_OR_FENCE = re.compile(r"#{1,6}(?=[ \t\r\n]|\Z)|(`{3,}|~{3,})")


def _marks(text: str) -> list[int]:
    """Where each run of '#', '`' or '~' begins. `str.find` skips to them far faster than
    a regular expression scans a long draft."""
    out = []
    for char in "#`~":
        at = text.find(char)
        while at >= 0:
            if not at or text[at - 1] != char:
                out.append(at)
            at = text.find(char, at + 1)
    return sorted(out)


def _section_starts(text: str, lines: LineIndex) -> list[int]:
    """Lines where a top-level ATX heading starts a section (never inside a code fence).
    Only the lines holding a "#", "```" or "~~~" are looked at."""
    starts = [0]
    fence: str | None = None
    for at in _marks(text):
        found = _HEADING_OR_FENCE.match(text, at)
        if found is None:
            continue
        number = lines.line_of(at)
        before = text[lines.line_starts[number] : at]
        if len(before) > 3 or before.strip(" "):
            continue  # not at the start of its line
        marks = found.group(1)
        if fence is not None:
            rest = text[found.end() : lines.line_end(number)]
            if marks and marks[0] == fence[0] and len(marks) >= len(fence) and not rest.strip():
                fence = None
            continue
        if marks:
            fence = marks
        elif number:
            starts.append(number)
    return starts


Parsed = tuple[list[_Heading], list[Block], list[tuple[int, int]]]


def _parse_section(section: str) -> Parsed:
    return parse_body(section, LineIndex(section))


def _parse_sections(sections: list[str]) -> list[Parsed]:
    return [_parse_section(section) for section in sections]


def parse_by_section(text: str, lines: LineIndex, memo: dict[str, Parsed] | None = None,
               jobs: int = 1) -> Parsed:
    """What `parse_body` finds, parsed one heading section at a time. With a
    `memo` (the last parse of the same document, by section text), an edit re-parses only
    its own section; the memo then holds this parse's sections. Without one, a long
    document's sections are parsed in `jobs` processes. A heading ends any paragraph, list
    or quote, so no block crosses a section's edge."""
    firsts = _section_starts(text, lines)
    bounds = list(pairwise([*(lines.line_starts[first] for first in firsts), len(text)]))
    sections = [text[start:end] for start, end in bounds]
    known = memo if memo is not None else {}
    if memo is None and jobs > 1:
        parsed = in_parallel(_parse_sections, sections, [len(s) for s in sections], jobs)
        if parsed is not None:
            known = dict(zip(sections, parsed, strict=True))
    used: dict[str, Parsed] = {}
    headings: list[_Heading] = []
    blocks: list[Block] = []
    code: list[tuple[int, int]] = []
    paragraphs = 0
    for first, (start, _), section in zip(firsts, bounds, sections, strict=True):
        section_parse = known.get(section) or used.get(section) or _parse_section(section)
        used[section] = section_parse
        found_headings, found_blocks, found_code = section_parse
        headings += [_Heading(h.level, h.line + first, h.text,
                              (h.span[0] + start, h.span[1] + start)) for h in found_headings]
        blocks += [Block(b.start + start, b.end + start, b.text, b.paragraph + paragraphs)
                   for b in found_blocks]
        code += [(a + start, b + start) for a, b in found_code]
        paragraphs = blocks[-1].paragraph if blocks else paragraphs
    if memo is not None:
        memo.clear()
        memo.update(used)
    return headings, blocks, code


def _answer_headings(headings: list[_Heading]) -> list[_Heading]:
    """The headings that start answers: a lone top-level title over sections is not one,
    and STAR part labels ("Situation", "Result") belong to the answer above them."""
    candidates = [h for h in headings if not STAR_LABELS.match(h.text)]
    if not candidates:
        return []
    top = min(h.level for h in candidates)
    tops = [h for h in candidates if h.level == top]
    deeper = [h for h in candidates if h.level > top]
    if len(tops) == 1 and deeper and candidates[0] is tops[0]:
        level = min(h.level for h in deeper)
        return [h for h in candidates if h.level == level]
    return tops


def _without_the_question(blocks: list[Block]) -> list[Block]:
    """The answer's prose without the interview question written above it ("Tell me about
    a time...", "Q: How do you handle...?"): the question is not the candidate's answer."""
    kept = []
    opening = True
    for block in blocks:
        text = block.text.strip()
        asked = _QUESTION_LABEL.match(text) is not None or (
            opening and (_QUESTION_OPENING.match(text) is not None and
                         (text.endswith("?") or len(text) < 200)))
        if not asked:
            kept.append(block)
            opening = False
    return kept


def label_length(sentence: str) -> int:
    """How much of a sentence a STAR label opening it takes ("Action:** " in "Action:** I
    rang her", all of a label on a line of its own), so that words put before the part's
    first sentence go after its label."""
    lead = _PART_LEAD.match(sentence)
    return lead.end() if lead else 0


def _part_name(label: str) -> str:
    return PARTS[re.sub(r"\s+", " ", label.lower().removeprefix("the ").strip())
                 .replace("followup", "follow-up")]


def _label_parts(answer: Answer, part_headings: list[_Heading]) -> None:
    """Each block's STAR part: from the last part heading ("### Result") or labelled block
    ("Result: ...", "R - ...") before or at it in the answer. Blocks are fresh objects per
    parse, so setting the part here never reaches another document's blocks."""
    marks = [(h.span[0], _part_name(STAR_LABELS.match(h.text).group(1)))  # type: ignore[union-attr]
             for h in part_headings if answer.start <= h.span[0] < answer.end]
    current: str | None = None
    for block in answer.blocks:
        while marks and marks[0][0] < block.start:
            current = marks.pop(0)[1]
        label = _PART_LABEL.match(block.text)
        if label:
            current = _part_name(label.group(1))
        block.part = current


def _covering(starts: list[int], ends: list[int], offset: int) -> int | None:
    """Which of some spans, in order and not overlapping, holds `offset` (by bisection)."""
    at = bisect.bisect_right(starts, offset) - 1
    return at if at >= 0 and offset < ends[at] else None


def parse(text: str, memo: dict[str, Parsed] | None = None, jobs: int = 1) -> Document:
    """The draft's model. `memo` carries section parses from one parse of a document to
    the next; `jobs` splits a long one's parse over processes (see `parse_by_section`)."""
    front_matter, error, body_start = _front_matter(text)
    body = _blank_out(text, 0, body_start) if body_start else text
    # markdown-it turns a NUL into U+FFFD, and its text could no longer be found in the draft;
    # a lone surrogate (an editor may send one) cannot reach spaCy, which encodes to UTF-8.
    # Both keep their place: one character for one, so every offset stays the draft's.
    body = _LONE_SURROGATE.sub("\ufffd", body.replace("\0", " "))
    lines = LineIndex(text)
    headings, blocks, code = parse_by_section(body, lines, memo, jobs)

    comments = []
    code_starts, code_ends = [a for a, _ in code], [b for _, b in code]
    for match in _COMMENT.finditer(text):
        in_code = _covering(code_starts, code_ends, match.start()) is not None
        if match.start() >= body_start and not in_code:
            comments.append(Comment(match.start(), match.end(), match.group(1).strip()))

    answers: list[Answer] = []
    sections = [h for h in headings if not STAR_LABELS.match(h.text)]
    if not sections:
        answers.append(Answer(0, None, body_start, len(text), None))
    else:
        # every heading but a STAR part's opens a section up to the next such heading
        for n, heading in enumerate(sections):
            start = lines.line_starts[heading.line]
            end = lines.line_starts[sections[n + 1].line] if n + 1 < len(sections) else len(text)
            answers.append(Answer(n, heading.text, start, end, heading.span))
    answer_starts, answer_ends = [a.start for a in answers], [a.end for a in answers]
    for block in blocks:
        at = _covering(answer_starts, answer_ends, block.start)
        if at is not None:
            answers[at].blocks.append(block)
    if sections:
        answers = _answers_only(answers, sections)
    answers = _split_at_questions(answers, text, lines)
    part_headings = [h for h in headings if STAR_LABELS.match(h.text)]
    for n, answer in enumerate(answers):
        answer.index = n
        answer.blocks = _without_the_question(answer.blocks)
        _label_parts(answer, part_headings)
    return Document(text, lines, front_matter, error, answers, comments, body_start)


# A heading over further headings (a title, a group of questions) is an answer only when it
# has text of its own at least this long; a line of introduction is not an answer.
TITLE_ANSWER_WORDS = 20


def _answers_only(sections: list[Answer], headings: list[_Heading]) -> list[Answer]:
    """The sections that hold an answer: each with prose of its own, except a heading over
    deeper ones whose own prose is only a short introduction. An empty section is none."""
    kept = []
    for n, (section, heading) in enumerate(zip(sections, headings, strict=True)):
        following = headings[n + 1] if n + 1 < len(headings) else None
        over_others = following is not None and following.level > heading.level
        words = sum(len(b.text.split()) for b in section.blocks)
        if words and (not over_others or words >= TITLE_ANSWER_WORDS):
            kept.append(section)
    return kept


# A paragraph that asks the interview question, in bold or after "Q:" or a number, opens
# an answer of its own in a file of answers without headings between them.
_QUESTION_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<bold>.+?\?)\s*(?:\*\*|__)\s*$|"
                            r"^\s*(?:q|question)\s*\d*\s*[:.)-]\s*(?P<label>.+)$|"
                            r"^\s*\d+[.)]\s+(?P<numbered>.+\?)\s*$", re.I | re.S)


def _split_at_questions(answers: list[Answer], text: str, lines: LineIndex) -> list[Answer]:
    """Each answer split where a question line opens another one; the question is the new
    answer's title and where its answer-level findings go."""
    out = []
    for answer in answers:
        end = answer.end
        pieces = [Answer(0, answer.title, answer.start, end, answer.heading)]
        for block in answer.blocks:
            line_start = lines.line_starts[lines.line_of(block.start)]
            line = text[line_start : lines.line_end(lines.line_of(block.end))]
            asked = _QUESTION_LINE.match(line)
            if asked is None:
                pieces[-1].blocks.append(block)
                continue
            title = _QUESTION_LABEL.sub("", next(g for g in asked.groups() if g).strip().strip("*_ "))
            pieces[-1].end = line_start
            pieces.append(Answer(0, title, line_start, end, (block.start, block.end)))
        if len(pieces) == 1:
            out.append(answer)
            continue
        # what came before the first question is an answer only if it has prose
        out.extend(p for n, p in enumerate(pieces) if p.blocks or n)
    return out
