"""A long draft checked in two processes gives exactly what one process gives."""

from pathlib import Path

from answerlint.engine.document import parse
from answerlint.engine.lint import lint
from answerlint.engine.parallel import PARALLEL_FROM

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def long_draft() -> str:
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(EXAMPLES.glob("*.md"))]
    parts, n = [], 0
    while sum(map(len, parts)) < PARALLEL_FROM * 1.3:
        parts.append(f"## Answer {n}\n\n{bodies[n % len(bodies)]} That was case {n}.\n\n")
        n += 1
    return "---\ntarget: expert\n---\n" + "".join(parts) + "<!-- answerlint-disable hedging -->\n"


def snapshot(result):
    return ([(f.rule, f.severity, f.start, f.end, f.answer, f.message, f.replacements, f.insertion, f.grade)
             for f in result.findings], result.summaries)


def test_two_processes_find_what_one_finds():
    text = long_draft()
    one, two = lint(text), lint(text, jobs=2)
    assert snapshot(two) == snapshot(one)
    assert len(one.findings) > 500 and len(one.summaries) > 50
    assert two.models == [] and len(one.models) == len(one.summaries)


def test_two_processes_parse_what_one_parses():
    text = long_draft()
    one, two = parse(text), parse(text, jobs=2)
    assert [(a.index, a.title, a.start, a.end, a.heading, a.blocks) for a in two.answers] == \
        [(a.index, a.title, a.start, a.end, a.heading, a.blocks) for a in one.answers]
    assert two.comments == one.comments and two.front_matter == one.front_matter


def test_a_short_draft_stays_in_one_process():
    text = (EXAMPLES / "basic.md").read_text(encoding="utf-8")
    assert lint(text, jobs=2).models  # checked here: the models are kept
