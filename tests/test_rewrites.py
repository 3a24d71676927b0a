"""Rewrites a candidate would say aloud.

The golden set (tests/golden/rewrites.txt) pins every rewrite on the examples and our own
answers, sentence before and after, as read aloud when it was written: a change to any of
them fails here until the file is written again (`python tests/golden_fixes.py`) and read.
Over those and the dev set (when it is beside the project) the rewrites are also checked
for what breaks a sentence: a past form after a modal or "to", a doubled word, a lower-case
start, a finding left in place or a new one made.
"""

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from lemminflect import getAllInflections, getLemma

from answerlint.engine.lint import lint
from answerlint.fixes import Edit, fix_all, rewrites
from golden_fixes import (
    GOLDEN,
    ROOT,
    SETTINGS,
    Rewrite,
    collect,
    dev_set_drafts,
    project_drafts,
    render,
)

GOVERNS_BASE = re.compile(
    r"\b(?:would|could|should|will|can|may|might|must|to|did|didn't|don't|does|doesn't)"
    r"\s+(?:\w+ly\s+)?([a-z]+)\b", re.IGNORECASE)
DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


@cache
def every_rewrite() -> list[Rewrite]:
    drafts = project_drafts() + dev_set_drafts()
    return [r for path in drafts for r in collect(path)]


def test_the_golden_set_is_what_the_tool_offers():
    assert GOLDEN.read_text(encoding="utf-8") == render(project_drafts()), (
        "a rewrite changed: run `python tests/golden_fixes.py`, read every changed "
        "entry aloud (git diff tests/golden), and commit it only if each one reads well")


def test_the_golden_set_covers_every_kind_of_passive_rewrite():
    text = GOLDEN.read_text(encoding="utf-8")
    for after in ("+ I brought in my supervisor", "+ I briefed my supervisor",
                  "we sent a new pair", "I gave him a free drink", "I applied the procedure",
                  "I brought in my supervisor, who offered him"):
        assert after in text, after


@cache
def _past_form(word: str) -> bool:
    lemma = getLemma(word.lower(), upos="VERB")
    if not lemma or lemma[0] == word.lower():
        return False
    forms = getAllInflections(lemma[0], upos="VERB")
    return word.lower() in forms.get("VBD", ()) + forms.get("VBN", ())


def _past_after_modal(sentence: str) -> int:
    return sum(_past_form(m.group(1)) for m in GOVERNS_BASE.finditer(sentence))


def test_no_rewrite_puts_a_past_form_after_a_modal_or_to():
    broken = [r for r in every_rewrite() if _past_after_modal(r.after) > _past_after_modal(r.before)]
    assert not broken, "\n".join(r.entry() for r in broken)


def test_no_rewrite_doubles_a_word():
    broken = [r for r in every_rewrite()
              if len(DOUBLED.findall(r.after)) > len(DOUBLED.findall(r.before))]
    assert not broken, "\n".join(r.entry() for r in broken)


def test_no_rewrite_changes_how_the_sentence_starts():
    broken = [r for r in every_rewrite() if r.after[:1].isupper() != r.before[:1].isupper()]
    assert not broken, "\n".join(r.entry() for r in broken)


# A rewrite that turns "we were able to send" into "we sent" makes the sentence tell a deed,
# and a deed told as "we" is what we-not-i coaches next: that finding may follow.
MAY_FOLLOW = {"level", "we-not-i"}
# what a rewrite may bring to light: an answer told as a habit, once the composure that was
# its whole story is turned toward the error report, is then plainly a habit
REVEALS = {"doormat": {"hypothetical"}}


def test_each_rewrite_clears_its_finding_and_makes_no_other():
    broken = []
    for path in project_drafts() + dev_set_drafts():
        before = Counter(f.rule for f in lint(path.read_text(encoding="utf-8"), SETTINGS).findings
                         if f.rule not in MAY_FOLLOW)
        for rewrite in collect(path):
            findings = lint(rewrite.text, SETTINGS).findings
            start, end = rewrite.span
            # (a finding that reaches past the new words is the sentence's next weak phrase,
            # which the one rewritten had covered: "I followed the procedure and passed it on")
            still = [f for f in findings if f.rule == rewrite.rule and start <= f.start
                     and f.end <= end]
            after = Counter(f.rule for f in findings if f.rule not in MAY_FOLLOW)
            new = [rule for rule in after if rule != rewrite.rule and after[rule] > before[rule]
                   and rule not in REVEALS.get(rewrite.rule, ())]
            if still or new:
                broken.append(f"{rewrite.entry()}  still: {still}  new: {new}")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("before, after", [
    # the verb takes the form its place asks for
    ("I would definitely let my nursing supervisor know about the call.",
     "I would definitely brief my nursing supervisor on the call."),
    ("Last week I let my supervisor know about the call.",
     "Last week I briefed my supervisor on the call."),
    ("I'd passed it to my supervisor before she arrived.",
     "I'd brought in my supervisor before she arrived."),
    # the colleague keeps the relative clause that is theirs
    ("I handed them on to our head salesperson, who got in touch within the hour.",
     "I brought in our head salesperson, who got in touch within the hour."),
    ("So I passed it to my team leader, who took him into an office.",
     "So I brought in my team leader, who took him into an office."),
    # "we were able to" becomes the deed, and a verb joined to it follows
    ("We were able to print him a pass and get the family through.",
     "We printed him a pass and got the family through."),
    ("We were able to get the engineer to come and look at it.",
     "We got the engineer to come and look at it."),
    ("I escalated it right away to Tier 2 and logged the call.",
     "I brought in Tier 2 right away and logged the call."),
    # a hedge on the speaker's own deed comes out, with its comma and the capital
    ("I think I managed to stop the drip before it reached the flat below.",
     "I stopped the drip before it reached the flat below."),
    ("I kind of patched the pipe, and I basically rebooked the plumber for Monday.",
     "I patched the pipe, and I basically rebooked the plumber for Monday."),
    ("I was a bit, honestly, out of my depth, so I booked the plumber for Monday.",
     "I was, honestly, out of my depth, so I booked the plumber for Monday."),
    ("Basically, I booked the plumber for the next morning.",
     "I booked the plumber for the next morning."),
    # the emotion in plain words, the article agreeing
    ("An irate tenant shouted at me about the water coming through her ceiling.",
     "An upset tenant shouted at me about the water coming through her ceiling."),
    ("She was absolutely furious, and she said she would call the council.",
     "She was upset, and she said she would call the council."),
    ("She kept shouting at me that the council would hear about it.",
     "She kept complaining to me that the council would hear about it."),
    # composure turned toward the error report, in the sentence's tense, with what hung on it
    ("I just kept smiling while she shouted and gave her the number for the emergency line.",
     "I treated the complaint as an error report and gave her the number for the emergency line."),
    ("I didn't argue back or get upset, and I let her say everything she needed to say.",
     "I treated the complaint as an error report, and I let her say everything she needed to say."),
    ("If you stay patient with people and don't take the bait, they come round in the end.",
     "If you treat the complaint as an error report and don't take the bait, they come round in the end."),
    # a "we" that did something becomes "I"
    ("We checked the flat, we called the plumber and we moved her things off the floor.",
     "I checked the flat, we called the plumber and we moved her things off the floor."),
])
def test_the_preferred_rewrite_reads_well(before, after, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(f"A tenant rang about a leak in her ceiling.\n\n{before}\n", encoding="utf-8")
    rewritten = [r.after for r in collect(draft) if r.option == 1 and r.before == before]
    assert after in rewritten, rewritten


@pytest.mark.parametrize("sentence", [
    "I was told to close the ticket once support confirmed.",  # told is not deciding
    "I was asked to cover the evening desk.",  # an assignment
    "After I tried to settle the bill, she asked for my manager.",  # tried is not did
    "I am obligated to respect the patient's privacy.",  # a duty is not a choice
    "The ticket was escalated and closed.",  # no one is named as doing it
    "I escalated it to my manager and to the product team.",  # one rewrite does not fit both
    "She was sort of half crying.",  # a hedge on what the tenant did: only she knows
    "Maybe her pipes were older than ours.",  # a guess is not a fact without its hedge
    "We just sat there for a bit, and we waited for the plumber.",  # "a bit" of time
    "She was angry and a bit shaky when I arrived.",  # how shaken she was: not my hedge
    "In the end she stopped shouting and let me look at the ceiling.",  # loud, not a complaint
    "She wasn't shouting, but she was shaking.",  # denied: no emotion to tone down
    "She said sorry for shouting and we both laughed.",  # the apology keeps its word
    "We logged three complaints that winter instead of forty.",  # the business's figures
    "We both checked the flat and we both called the plumber.",  # both: no one "I"
])
def test_no_rewrite_claims_what_the_sentence_does_not_say(sentence, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(f"A tenant rang about a leak in her ceiling.\n\n{sentence}\n", encoding="utf-8")
    assert [r.after for r in collect(draft) if r.before == sentence] == []


def test_fix_all_leaves_the_rewrites_only_the_candidate_can_confirm():
    # "treated the complaint as an error report" and "I" for "we" are for the candidate to
    # accept: fix-all takes the rewrites that say the same fact (passive talk, hedges, drama)
    text = ("A tenant was furious about a leak in her ceiling.\n\n"
            "I just kept smiling while she shouted at me. I was a bit shaken, but we checked the "
            "flat, we called the plumber and we were able to dry it.\n")
    findings = lint(text, SETTINGS).findings
    offered = {f.rule for f in findings if f.replacements}
    assert {"doormat", "we-not-i", "drama", "passive-talk", "hedging"} <= offered
    fixed = _fix_all(text)
    assert fixed == ("A tenant was upset about a leak in her ceiling.\n\n"
                     "I just kept smiling while she complained to me. I was shaken, but we checked "
                     "the flat, we called the plumber and we dried it.\n")


def test_a_removal_is_titled_by_the_words_it_removes():
    text = "A tenant rang about a leak.\n\nI was a bit late, so I booked the plumber.\n"
    (finding,) = [f for f in lint(text, SETTINGS).findings if f.rule == "hedging"]
    (fix,) = rewrites(finding, text)
    assert fix.title == 'Remove "a bit"'
    assert fix.edits == (Edit(text.index("a bit"), text.index("late"), ""),)


def test_the_golden_file_lives_in_the_repository():
    assert Path(GOLDEN).is_relative_to(ROOT)


def _fix_all(text: str) -> str:
    for edit in sorted(fix_all(lint(text, SETTINGS).findings, text), key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new_text + text[edit.end:]
    return text


def test_fix_all_is_idempotent_and_keeps_every_sentence_start():
    changed = 0
    for path in project_drafts() + dev_set_drafts():
        text = path.read_text(encoding="utf-8")
        once = _fix_all(text)
        changed += once != text
        assert _fix_all(once) == once, path.name
        assert _past_after_modal(once) <= _past_after_modal(text), path.name
        assert len(DOUBLED.findall(once)) <= len(DOUBLED.findall(text)), path.name
    assert changed >= 30  # the corpus has that many drafts with a rewrite


def test_the_verb_table_is_lemminflects_as_written_out():
    # answerlint/verbs.tsv.gz stands in for lemminflect in the server (a fraction of its
    # memory): it must be what `python -m answerlint.verb_table` writes today
    import gzip

    from answerlint.verb_table import TABLE, rows

    with gzip.open(TABLE, "rt", encoding="utf-8") as table:
        assert table.read().splitlines() == rows()
