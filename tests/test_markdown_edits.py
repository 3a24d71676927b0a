"""Edits keep the Markdown around them whole: no rewrite cuts a link, an emphasis or a code
span apart, fix-all never puts two edits against each other, and the disable comment leaves
front matter front matter."""

from __future__ import annotations

import pytest

from answerlint.engine.document import parse
from answerlint.engine.lint import lint
from answerlint.fixes import disable_for_file, fix_all, rewrites

PLAIN = "I handed it off to my manager and went home.\n"


def _apply(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new_text + text[edit.end:]
    return text


def test_a_plain_sentence_has_its_rewrite():
    (finding,) = [f for f in lint(PLAIN).findings if f.rule == "passive-talk"]
    assert [fix.edits[0].new_text for fix in rewrites(finding, PLAIN)][:1] == [
        "brought in my manager"]


@pytest.mark.parametrize("text", [
    "I [handed it off to my manager](http://x) and went home.\n",
    "I handed it off [to my manager](http://x) and went home.\n",
    "I handed it *off to my* manager and went home.\n",
    "I handed it `off` to my manager and went home.\n",
    "I handed it off to <b>my</b> manager and went home.\n",
])
def test_no_rewrite_or_fix_all_edit_cuts_through_markdown(text):
    result = lint(text)
    for finding in result.findings:
        words = text[finding.start:finding.end]
        if any(mark in words for mark in "[]*`<>"):
            assert rewrites(finding, text) == []
    for edit in fix_all(result.findings, text):
        assert not any(mark in text[edit.start:edit.end] for mark in "[]*`<>")


def test_fix_all_is_idempotent_and_its_edits_never_touch():
    text = ("So basically I was kind of told to hand it off to my manager, who sorted it. "
            "I think I managed to fix it, basically, in the end.\n")
    result = lint(text)
    edits = sorted(fix_all(result.findings, text), key=lambda e: e.start)
    assert len(edits) >= 2
    assert all(a.end < b.start for a, b in zip(edits, edits[1:], strict=False))
    once = _apply(text, edits)
    again = lint(once)
    twice = _apply(once, fix_all(again.findings, once))
    assert _apply(twice, fix_all(lint(twice).findings, twice)) == twice


@pytest.mark.parametrize("text", ["---\ntarget: nope\n---", "---\ntarget: nope\n---\n"])
def test_disable_for_file_after_front_matter_keeps_it_front_matter(text):
    result = lint(text)
    (finding,) = [f for f in result.findings if f.rule == "invalid-config"]
    (edit,) = disable_for_file(finding, result.document).edits
    after = _apply(text, [edit])
    assert after == "---\ntarget: nope\n---\n<!-- answerlint-disable invalid-config -->\n"
    assert parse(after).front_matter == {"target": "nope"}
