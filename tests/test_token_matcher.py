"""The indexed token matcher finds exactly what spaCy's Matcher (greedy LONGEST) finds.

Checked on every prose block of the bundled examples, the test answers of our own and, when
it is beside the project, the dev set. spaCy may end a match on a trailing whitespace token
(a pattern ending in an optional word); ours never does, so spaCy's spans are trimmed first.
"""

from pathlib import Path

from spacy.matcher import Matcher

from answerlint.config import Settings
from answerlint.document import parse
from answerlint.engine import _analyzer_for

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "dev-set"


def texts() -> list[str]:
    from test_own_answers import ANSWERS

    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    out += list(ANSWERS.values())
    out += [p.read_text(encoding="utf-8") for p in sorted(DEV_SET.glob("*.md"))]
    return out


def trimmed(doc, start: int, end: int) -> tuple[int, int]:
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def test_same_matches_as_spacy():
    analyzer = _analyzer_for(Settings())
    reference = Matcher(analyzer.nlp.vocab)
    for key, (_, _, pattern) in analyzer.keys.items():
        reference.add(key, [pattern.tokens], greedy="LONGEST")
    blocks = 0
    for text in texts():
        for answer in parse(text).answers:
            for block in answer.blocks:
                doc = analyzer.nlp(block.text)
                analyzer._mark_past(doc)
                expected = sorted((k, *trimmed(doc, s, e)) for k, s, e in reference(doc))
                assert sorted(analyzer.matcher(doc)) == expected, block.text
                blocks += 1
    assert blocks > 20
