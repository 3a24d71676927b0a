"""Re-linting with a per-document cache analyses only changed answers and changes nothing else."""

from pathlib import Path

from answerlint.engine.lint import AnswerCache, lint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def snapshot(result):
    return ([(f.rule, f.start, f.end, f.answer, f.message, f.severity, f.replacements, f.insertion, f.grade)
             for f in result.findings], result.summaries)


def test_an_edit_relints_only_its_answer_and_matches_a_fresh_lint():
    bank = (EXAMPLES / "answer-bank.md").read_text(encoding="utf-8")
    cache = AnswerCache()
    lint(bank, cache=cache)
    assert cache.analysed == 3
    # Lengthen the first answer: every later answer moves, none of them changes.
    edited = bank.replace("would", "would probably", 1)
    assert edited != bank
    result = lint(edited, cache=cache)
    assert cache.analysed == 1
    assert snapshot(result) == snapshot(lint(edited))


def test_inserting_an_answer_shifts_the_others_indexes():
    bank = (EXAMPLES / "answer-bank.md").read_text(encoding="utf-8")
    cache = AnswerCache()
    lint(bank, cache=cache)
    first = bank.index("\n## ") + 1
    edited = bank[:first] + "## A new one\n\nI was told to refund it.\n\n" + bank[first:]
    result = lint(edited, cache=cache)
    assert cache.analysed == 1
    assert snapshot(result) == snapshot(lint(edited))
    assert max(f.answer for f in result.findings) == 3


def test_a_budget_leaves_later_answers_unchecked_with_one_finding_where_they_begin():
    bank = (EXAMPLES / "answer-bank.md").read_text(encoding="utf-8")
    full = lint(bank)
    document = full.document
    second = document.answers[1]
    # a budget that covers the first answer and part of the second: one answer is checked
    budget = (second.start - document.answers[0].start) + 10
    cache = AnswerCache()
    limited = lint(bank, budget=budget, cache=cache)
    assert cache.analysed == 1
    notes = [f for f in limited.findings if f.rule == "too-large"]
    assert len(notes) == 1
    assert (notes[0].start, notes[0].end, notes[0].severity) == (*second.heading, "info")
    left = document.answers[1:]
    size = sum(a.end - a.start for a in left)
    assert notes[0].message.startswith(
        f"answerlint checked the first answer of this file while you edit it; the "
        f"{len(left)} answers from here on ({size:,} characters) were left unchecked")
    nothing = lint(bank, budget=10)
    assert [f.rule for f in nothing.findings] == ["too-large"]
    assert nothing.findings[0].message.startswith("answerlint checked none of the answers")
    rest = [f for f in limited.findings if f.rule != "too-large"]
    assert rest == [f for f in full.findings if f.answer == 0]
    assert [s.answer for s in limited.summaries] == [0]
    # a budget that covers the whole draft changes nothing
    assert snapshot(lint(bank, budget=len(bank))) == snapshot(full)


def test_section_parses_are_kept_per_document_and_only_for_its_sections():
    bank = (EXAMPLES / "answer-bank.md").read_text(encoding="utf-8")
    cache = AnswerCache()
    lint(bank, cache=cache)
    before = dict(cache.sections)
    assert len(before) == len(lint(bank).document.answers) + 1  # the title's section too
    edited = bank.replace("would", "would probably", 1)
    lint(edited, cache=cache)
    assert len(cache.sections) == len(before)
    changed = [s for s in cache.sections if s not in before]
    assert len(changed) == 1 and "would probably" in changed[0]
    assert all(cache.sections[s] is before[s] for s in cache.sections if s in before)
