"""Drafts shaped to make a tokenizer or a regex walk quadratically: each is checked in time
linear in its size, and what the tokenizer is not given is said in one note. The bounds are
generous (the machine may be busy); bench/hostile_input.py measures the scaling itself."""

from __future__ import annotations

import time

import pytest

from answerlint.engine.lint import lint
from answerlint.engine.tokens import LONGEST_RUN, MAX_BLOCK

SHAPES = {
    # one paragraph of many sentences: the longest-match pass over a block was quadratic
    "sentences in one paragraph": "I was told to wait. " * 10_000,
    "a sentence a line, no blank lines": "I was told to wait.\n" * 10_000,
    # runs with no space: spaCy's tokenizer searches each for prefixes and suffixes
    "a run of punctuation": "I was told to wait." + "!" * 8_000,
    "a run of emoji": "\U0001f600" * 16_000,
    "brackets around a sentence": "[" * 20_000 + "I was told to wait." + "]" * 20_000,
    # Markdown pieces that open and never close
    "unclosed comments": "<!--" * 50_000,
    "unclosed link targets": "](x" * 50_000,
    "unclosed code spans": "``a`" * 50_000,
}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_a_hostile_draft_is_checked_in_bounded_time(text):
    began = time.perf_counter()
    result = lint(text)
    assert time.perf_counter() - began < 30
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)


def test_a_run_with_no_space_is_left_out_and_said_so():
    text = "A guest was furious. I was told to wait." + "!" * 8_000 + "\n"
    result = lint(text)
    (note,) = [f for f in result.findings if f.rule == "too-large"]
    assert (note.start, note.severity) == (text.index("wait."), "info")
    assert note.message.startswith(
        f"answerlint left 8,005 characters in runs of {LONGEST_RUN} or more with no space "
        "(no words to coach) unchecked, the first of them here.")
    # the words before it are still coached
    assert [f.rule for f in result.findings if f.rule == "passive-talk"] == ["passive-talk"]


def test_a_paragraph_over_a_million_characters_is_checked_up_to_its_bound():
    text = "I stayed calm. " * 66_668  # 1,000,020 characters: spaCy refuses such a text
    result = lint(text)
    notes = [f for f in result.findings if f.rule == "too-large"]
    assert [n.start for n in notes] == [MAX_BLOCK]
    past = len(text.rstrip()) - MAX_BLOCK  # (the paragraph ends at its last word)
    assert f"left {past:,} characters of paragraphs past their first" in notes[0].message
    assert max(f.end for f in result.findings if f.rule == "doormat") <= MAX_BLOCK


def test_a_long_word_or_address_below_the_bound_is_read_as_usual():
    url = "https://example.com/" + "a" * (LONGEST_RUN - 30)
    result = lint(f"I was told to wait. See {url} for the policy.\n")
    assert not [f for f in result.findings if f.rule == "too-large"]
