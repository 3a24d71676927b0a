"""Re-linting with a per-document cache analyses only changed answers and changes nothing else."""

from pathlib import Path

from answerlint.engine import AnswerCache, lint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def snapshot(result):
    return ([(f.rule, f.start, f.end, f.answer, f.message, f.severity, f.replacements, f.data)
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
