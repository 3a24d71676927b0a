"""`answerlint report`: one self-contained HTML page for a coach reviewing a folder of drafts.

No script, no external asset: the page opens offline from a file, and every piece of a
draft's text goes through `html.escape`, so a draft holding markup shows it as text.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING

from answerlint.rules.kinds.spoken_time import spoken

if TYPE_CHECKING:
    from answerlint.engine.cache import Summary
    from answerlint.engine.document import Answer
    from answerlint.engine.findings import Finding
    from answerlint.engine.lint import LintResult
    from answerlint.output import FileReport

TWO_MINUTES = 120.0  # the too-long rule's limit: an answer told without rushing
STORY_BUDGET = 0.2  # the 20% rule: the conflict gets about a fifth of the answer
SHARES = ("story", "action", "result")

CSS = """
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{margin-bottom:.2rem}h2{margin:.2rem 0}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
.draft{border-top:3px solid #444;margin-top:2.5rem}
.answer{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
.badge{display:inline-block;border-radius:4px;padding:0 .5rem;font-weight:600;border:1px solid #444}
.level-1{background:#fde2e1}.level-2{background:#fff2c6}.level-3{background:#d9f2dc}.level-0{background:#eee}
.bar{display:flex;position:relative;height:1.4rem;border:1px solid #444;width:100%;max-width:30rem}
.bar span{display:block;height:100%}
.story{background:#e07a5f}.action{background:#3d85c6}.result{background:#81b29a}.other{background:#ddd}
.rule20{position:absolute;left:20%;top:-4px;bottom:-4px;border-left:2px dashed #000}
.over{font-weight:700;color:#a40000}
.time{display:inline-block;width:12rem;height:.8rem;border:1px solid #444;vertical-align:middle;background:#eee}
.time span{display:block;height:100%;background:#3d85c6}.time .long{background:#a40000}
.text{white-space:pre-wrap;background:#fafafa;border-left:4px solid #ccc;padding:.5rem 1rem}
mark{background:#fff1a8}mark.many{background:#ffc233;border-bottom:2px solid #a06800}
.sev{font-weight:600;text-transform:uppercase;font-size:.8rem}
.error,.warning{color:#a40000}.info{color:#1f4e79}.hint{color:#555}
.swatch{display:inline-block;width:.8rem;height:.8rem;margin:0 .2rem 0 .6rem;vertical-align:middle}
"""


def render_report(reports: list[FileReport]) -> str:
    """The whole page: a summary table across the drafts, then each draft's answers."""
    counts: Counter[str] = Counter(
        f.rule for r in reports if r.result for f in r.result.findings if f.grade is None)
    answers = sum(len(r.result.document.answers) for r in reports if r.result)
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>answerlint report</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<h1>answerlint report</h1>\n",
        f"<p>{len(reports)} draft{'s' * (len(reports) != 1)}, {answers} "
        f"answer{'s' * (answers != 1)}.</p>\n",
        _summary_table(reports),
        _frequent(counts),
    ]
    parts.extend(_draft(n, report) for n, report in enumerate(reports))
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def _badge(summary: Summary | None) -> str:
    if summary is None:  # the level rule is off for this draft
        return '<span class="badge level-0">No level</span>'
    return (f'<span class="badge level-{summary.level}">Level {summary.level} · '
            f"{escape(summary.level_name)}</span>")


def _title(answer: Answer) -> str:
    return answer.title or f"Answer {answer.index + 1}"


def _summary_table(reports: list[FileReport]) -> str:
    rows = []
    for n, report in enumerate(reports):
        link = f'<a href="#draft-{n}">{escape(report.path)}</a>'
        if report.result is None:
            rows.append(f'<tr><td>{link}</td><td class="error">could not be read: '
                        f"{escape(report.error or '')}</td><td></td></tr>")
            continue
        result = report.result
        summaries = {s.answer: s for s in result.summaries}
        levels = "<br>".join(
            f'<a href="#draft-{n}-answer-{a.index}">{escape(_title(a))}</a>: '
            f"{_badge(summaries.get(a.index))}" for a in result.document.answers)
        found = sum(1 for f in result.findings if f.grade is None)
        rows.append(f"<tr><td>{link}</td><td>{levels or 'no answers'}</td><td>{found}</td></tr>")
    return ("<h2>Drafts</h2>\n<table class=\"summary\">\n<tr><th>Draft</th><th>Answers and "
            "levels</th><th>Findings</th></tr>\n" + "\n".join(rows) + "\n</table>\n")


def _frequent(counts: Counter[str]) -> str:
    if not counts:
        return "<h2>Most frequent findings</h2>\n<p>No findings.</p>\n"
    rows = "\n".join(f"<tr><td>{escape(rule)}</td><td>{count}</td></tr>"
                     for rule, count in counts.most_common())
    return ("<h2>Most frequent findings</h2>\n<table class=\"frequent\">\n<tr><th>Rule</th>"
            f"<th>Count</th></tr>\n{rows}\n</table>\n")


def _draft(n: int, report: FileReport) -> str:
    head = f'<section class="draft" id="draft-{n}">\n<h2>{escape(report.path)}</h2>\n'
    if report.result is None:
        return head + f'<p class="error">Could not be read: {escape(report.error or "")}</p>\n</section>\n'
    result = report.result
    summaries = {s.answer: s for s in result.summaries}
    notes = [f for f in result.findings if f.answer == -1]  # about the file, not an answer
    body = [head]
    if notes:
        body.append(_finding_list(notes))
    if not result.document.answers:
        body.append("<p>No answers in this draft.</p>\n")
    for answer in result.document.answers:
        body.append(_answer(n, result, answer, summaries.get(answer.index)))
    body.append("</section>\n")
    return "".join(body)


def _answer(n: int, result: LintResult, answer: Answer, summary: Summary | None) -> str:
    findings = [f for f in result.findings if f.answer == answer.index]
    level = next((f for f in findings if f.grade is not None), None)
    others = [f for f in findings if f.grade is None]
    parts = [f'<section class="answer" id="draft-{n}-answer-{answer.index}">\n'
             f"<h3>{escape(_title(answer))} {_badge(summary)}</h3>\n"]
    if level is not None:
        parts.append(f'<p class="level-why">{escape(level.message)}</p>\n')
    if summary is not None:
        parts.append(_time(summary))
        parts.append(_shares(summary))
    parts.append(_text(result, answer, others))
    parts.append(_finding_list(others) if others else "<p>No findings.</p>\n")
    parts.append("</section>\n")
    return "".join(parts)


def _time(summary: Summary) -> str:
    seconds = summary.spoken_seconds
    filled = min(100.0, seconds / TWO_MINUTES * 100)
    over = seconds > TWO_MINUTES
    verdict = ' <span class="over">over two minutes</span>' if over else " (within two minutes)"
    return (f'<p class="spoken">Spoken time: <strong>{spoken(seconds)}</strong> of ~'
            f"{spoken(TWO_MINUTES)} ({summary.words} words){verdict} "
            f'<span class="time" aria-hidden="true"><span class="{"long" if over else ""}" '
            f'style="width:{filled:.0f}%"></span></span></p>\n')


def _shares(summary: Summary) -> str:
    shares = {name: max(0.0, summary.shares.get(name, 0.0)) for name in SHARES}
    # sentences that are none of the three (setting the scene, asides) fill the rest
    other = max(0.0, 1.0 - sum(shares.values()))
    segments = "".join(
        f'<span class="{name}" style="width:{share * 100:.1f}%" title="{name} {share:.0%}">'
        "</span>" for name, share in [*shares.items(), ("other", other)] if share > 0)
    story = shares["story"]
    verdict = (f'<span class="over">Story over 20% ({story:.0%}): the 20% rule</span>'
               if story > STORY_BUDGET else f"Story within the 20% rule ({story:.0%})")
    legend = " ".join(f'<span class="swatch {name}"></span>{name} {share:.0%}'
                      for name, share in shares.items())
    return (f'<div class="bar" role="img" aria-label="story {story:.0%}, action '
            f'{shares["action"]:.0%}, result {shares["result"]:.0%}">{segments}'
            '<i class="rule20" title="20%"></i></div>\n'
            f'<p class="legend">Shares of the sentences:{legend}. <span class="verdict">'
            f"{verdict}</span></p>\n")


def _finding_list(findings: list[Finding]) -> str:
    items = "\n".join(
        f'<li><span class="sev {escape(f.severity)}">{escape(f.severity)}</span> '
        f"<code>{escape(f.rule)}</code> {escape(f.message)}</li>" for f in findings)
    return f'<ul class="findings">\n{items}\n</ul>\n'


def _text(result: LintResult, answer: Answer, findings: list[Finding]) -> str:
    """The answer's prose below its heading, each flagged span in a <mark>. Findings about
    the whole answer sit on its heading, outside this text, so they mark nothing."""
    text = result.document.text
    start = max(answer.start, result.document.body_start)
    if answer.heading is not None:
        newline = text.find("\n", answer.heading[1])
        start = answer.end if newline == -1 else min(answer.end, newline + 1)
    end = answer.end
    spans = [(max(f.start, start), min(f.end, end), f.rule) for f in findings
             if f.start < end and f.end > start and f.end > f.start]
    # overlapping findings: cut the text at every edge, mark each piece with all that cover it
    edges = sorted({start, end, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for left, right in pairwise(edges):
        chunk = escape(text[left:right])
        rules = sorted({rule for s, e, rule in spans if s <= left and right <= e})
        if rules:
            label = escape(", ".join(rules))
            # a phrase inside a wider flagged span (a too-long story) shows darker
            many = ' class="many"' if len(rules) > 1 else ""
            chunk = f'<mark{many} title="{label}" data-rules="{label}">{chunk}</mark>'
        pieces.append(chunk)
    return f'<div class="text">{"".join(pieces).strip()}</div>\n'
