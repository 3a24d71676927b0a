"""The indexed token matcher finds exactly what spaCy's Matcher (greedy LONGEST) finds.

Checked on every prose block of the bundled examples, the test answers of our own and, when
it is beside the project, the dev set. spaCy may end a match on a trailing whitespace token
(a pattern ending in an optional word); ours never does, so spaCy's spans are trimmed first.
Ours works on the non-space tokens only, so spaCy's token indices are mapped onto those.
"""

import re

from spacy.matcher import Matcher
from spacy.tokens import Token

from answerlint.engine.document import parse
from answerlint.engine.lint import analyzer_for
from answerlint.rules.patterns import PAST
from answerlint.settings import Settings
from corpus import texts


def spacy_matches(analyzer, reference: Matcher, text: str):
    """Ours and spaCy's matches on one block, both in indices of its non-space tokens."""
    tokens = analyzer.tokenizer.table(analyzer.nlp(text))
    # a run of spaces between words is a token of its own to spaCy, which a gap ("_{0,3}",
    # not a space) will not cross; ours skips such tokens (markup blanked out, as in
    # "**Checked back.**  I emailed", or a line break inside a paragraph: "**What I
    # did**\nI replied"), so spaCy reads the text with each run made one space
    doc = analyzer.nlp(re.sub(r"(?<=\S)(?:[ \t]{2,}|[ \t]*\n\s*)(?=\S)", " ", text))
    # spaCy's Matcher reads the lemmas and past flags off the Doc's tokens
    words = [t for t in doc if not t.is_space]
    assert len(words) == len(tokens.lemmas), text
    for n, token in enumerate(words):
        token.lemma_ = tokens.lemmas[n]
        token._.set(PAST, tokens.past[n])
    index = {t.i: n for n, t in enumerate(words)}
    expected = []
    for key, start, end in reference(doc):
        while end > start and doc[end - 1].is_space:
            end -= 1
        while start < end and doc[start].is_space:  # a pattern with an optional first word
            start += 1
        expected.append((key, index[start], index[end - 1] + 1))
    return tokens, sorted(expected)


def test_same_matches_as_spacy():
    analyzer = analyzer_for(Settings())
    if not Token.has_extension(PAST):
        Token.set_extension(PAST, default=False)
    reference = Matcher(analyzer.nlp.vocab)
    # "^" patterns start only where a sentence does, which spaCy's Matcher cannot express
    # (see test_anchored_patterns_start_only_at_sentence_starts)
    anchored = {key for key, (_, _, _, p) in analyzer.keys.items() if p.anchored}
    for key, (_, _, _, pattern) in analyzer.keys.items():
        if key not in anchored:
            reference.add(key, [pattern.tokens], greedy="LONGEST")
    blocks = 0
    # every third draft: spaCy's Matcher over them all took over two minutes, and a third of
    # about 900 real drafts still walks every pattern over thousands of blocks
    for text in texts()[::3]:
        for answer in parse(text).answers:
            for block in answer.blocks:
                tokens, expected = spacy_matches(analyzer, reference, block.text)
                found = [m for m in analyzer.matcher(tokens.lemmas, tokens.lowers, tokens.past)
                         if m[0] not in anchored]
                assert sorted(found) == expected, block.text
                blocks += 1
    assert blocks > 20


def test_patterns_of_every_shape_match_as_spacy():
    """Patterns that start anywhere (optional or any first word), a negated word, a past
    verb and exact forms: shapes the built-in rules use rarely or not at all. A repeat
    ("_{0,2}") skips whitespace tokens in ours, not in spaCy's, so runs of spaces are
    collapsed first."""
    from answerlint.engine.token_matcher import TokenMatcher
    from answerlint.rules.patterns import compile_pattern

    analyzer = analyzer_for(Settings())
    if not Token.has_extension(PAST):
        Token.set_extension(PAST, default=False)
    sources = ["_ customer", "sorry? I apologize", "_{0,2} fix", "!the customer", "%past it",
               "I %past _{0,3} manager", "=apologized", "the? =customer|client was",
               "I _{1,2} to", "we|I _? _? help", "!the|a{0,2} customer"]
    ours, reference = TokenMatcher(), Matcher(analyzer.nlp.vocab)
    for key, source in enumerate(sources):
        compiled = compile_pattern(source, analyzer.vocab)
        ours.add(key, compiled)
        reference.add(key, [compiled], greedy="LONGEST")
    checked = 0
    for text in texts()[:60]:
        for answer in parse(text).answers:
            for block in answer.blocks:
                tokens, expected = spacy_matches(analyzer, reference, " ".join(block.text.split()))
                assert sorted(ours(tokens.lemmas, tokens.lowers, tokens.past)) == expected
                checked += len(expected)
    assert checked > 100


def test_anchored_patterns_start_only_at_sentence_starts_and_no_match_crosses_sentences():
    """A "^" pattern that could match longer in mid-sentence still matches at the start (a
    longer match elsewhere must not hide it), and no match runs into the next sentence."""
    from answerlint.engine.token_matcher import TokenMatcher
    from answerlint.rules.patterns import compile_pattern

    analyzer = analyzer_for(Settings())
    matcher = TokenMatcher()
    matcher.add(0, compile_pattern("!i|we{0,8} %past", analyzer.vocab), at_sentence_start=True)
    matcher.add(1, compile_pattern("him _{0,3} stayed", analyzer.vocab))
    tokens = analyzer.tokenizer(["Her card was working again by that evening and she was fine "
                                 "when she came. I helped him. I stayed."])[0]
    starts = frozenset(first for first, _ in tokens.sentences)
    found = matcher(tokens.lemmas, tokens.lowers, tokens.past, starts, tokens.sentence_of)
    words = [tokens.lowers[a:b] for key, a, b in found]
    assert words == [["her", "card", "was"]]  # from the start; "him. I stayed" crosses
