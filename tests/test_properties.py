"""Properties of `lint` and the fixes over arbitrary Markdown-ish text (hypothesis): ranges
inside the text, whole UTF-16 positions, the same findings every run, and edits that keep
to the words they fix."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from answerlint.engine.lint import lint
from answerlint.engine.positions import LineIndex
from answerlint.fixes import Edit, fix_all, rewrites
from answerlint.lsp.convert import Positions

SENTENCES = ["I was told to wait.", "The customer was furious.", "I fixed the invoice template.",
             "I just apologized.", "I think I kind of fixed it, basically.", "Hopefully the refund helped.",
             "We would probably call him back.", "Result: churn fell by 12%.", "Situation:",
             "Task:", "Action: I rewrote the template.", "I was asked to escalate it, so I did."]
PIECES = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(["# Tell me about a difficult customer", "## Answer", "- ", "* ", "1. ", "> ",
                     "[the ticket](https://example.com/t)", "*really*", "**Result:**", "`code`",
                     "<!-- answerlint-disable passive-talk -->", "---\ntarget: expert\n---\n",
                     "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", " ", "\t", "\U0001F600",
                     "e\u0301", "\u0000", "\ufeff", "\U0001F469\u200D\U0001F4BB"]),
    st.text(max_size=12),
)
TEXTS = st.lists(PIECES, max_size=25).map(" ".join) | st.lists(PIECES, max_size=25).map("".join)
# derandomized: the same examples every run, so CI cannot fail on a draw no one saw here
# (a wider search, as in a session's own checks: raise max_examples and drop derandomize)
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def apply(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new_text + text[edit.end:]
    return text


def assert_whole_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> None:
    """In the text, in order, apart, and over no line break or Markdown mark."""
    last = -1
    for edit in sorted(edits, key=lambda e: e.start):
        assert last < edit.start <= edit.end <= len(text), edit
        replaced = text[edit.start:edit.end]
        assert not any(c in replaced for c in "\r\n[]`<>*"), (edit, replaced)
        assert "\n" not in edit.new_text and "\r" not in edit.new_text, edit
        last = edit.end


@PROPERTY
@given(TEXTS)
# a last line that is only a list marker: the answer's findings once started past their end
@example("I was told to wait. # Tell me about a difficult customer \n 1. ")
def test_findings_lie_inside_the_text_at_whole_utf16_positions(text: str):
    result = lint(text)
    lines = LineIndex(text)
    positions = Positions("utf-16")
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        if finding.message.startswith('"'):  # it quotes the words at its range
            assert text[finding.start:finding.end].strip(), finding
        where = positions.range(lines, finding.start, finding.end)
        for position in (where.start, where.end):
            line_start = lines.line_starts[position.line]
            units = text[line_start:lines.line_end(position.line)].encode(
                "utf-16-le", "surrogatepass")
            assert 2 * position.character <= len(units), (finding, position)
            if position.character:  # the unit before is not the first half of a pair
                before = int.from_bytes(units[2 * position.character - 2:2 * position.character],
                                        "little")
                assert not 0xD800 <= before <= 0xDBFF, (finding, position)
            assert positions.offset(lines, position) in (finding.start, finding.end)


@PROPERTY
@given(TEXTS)
def test_lint_is_deterministic(text: str):
    assert lint(text).findings == lint(text).findings


@PROPERTY
@given(TEXTS)
def test_rewrites_and_fix_all_keep_to_their_words_and_fix_all_is_idempotent(text: str):
    findings = lint(text).findings
    for finding in findings:
        for fix in rewrites(finding, text):
            assert_whole_edits(text, fix.edits)
            assert all(e.start <= finding.start and finding.end <= e.end for e in fix.edits)
    edits = fix_all(findings, text)
    assert_whole_edits(text, edits)
    once = apply(text, edits)
    assert apply(once, fix_all(lint(once).findings, once)) == once
