"""Token tables: the sentences are spaCy's sentencizer's, the lemmas and past verbs ours."""

from answerlint.engine.document import parse
from answerlint.engine.lint import analyzer_for
from answerlint.settings import Settings
from corpus import texts


def blocks() -> list[str]:
    out = [b.text for text in texts() for a in parse(text).answers for b in a.blocks]
    out += ["Wait... what?! \"No.\" (Really.) Then I left", "  \n  ", "", "...", "Hi.\n\nThere"]
    return out


def test_sentences_are_the_sentencizers():
    analyzer = analyzer_for(Settings())
    nlp, tokenizer = analyzer.nlp, analyzer.tokenizer
    many = 0
    for text, tokens in zip(blocks(), tokenizer(blocks()), strict=True):
        doc = nlp(text)  # with the sentencizer component
        expected = []
        for sentence in doc.sents:
            words = [t for t in sentence if not t.is_space]
            if words:
                expected.append((words[0].idx, words[-1].idx + len(words[-1])))
        found = [(tokens.starts[a], tokens.ends[b - 1]) for a, b in tokens.sentences]
        assert found == expected, text
        many += len(found) > 1
    assert many > 50


def test_table_reads_forms_lemmas_and_past_verbs():
    tokens = analyzer_for(Settings()).tokenizer(
        ["I Apologized twice.  We had escalated it, then she went home; a structured plan"])[0]
    assert tokens.lowers[:3] == ["i", "apologized", "twice"]
    assert tokens.lemmas[:3] == ["i", "apologize", "twice"]
    assert [tokens.lowers[i] for i, past in enumerate(tokens.past) if past] == [
        "apologized", "had", "escalated", "went"]  # not "structured", after an article
    assert (tokens.starts[1], tokens.ends[1]) == (2, 12)
    assert tokens.sentences == [(0, 4), (4, len(tokens))]
    assert tokens.first_at_or_after(13) == 2 and tokens.first_at_or_after(19) == 4
