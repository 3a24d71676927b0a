"""A second opinion on whole answers: how sure a small model is that each step is told.

The roles' patterns find the sentences that tell a result, a cause, a follow-up...; on
answers worded like none they were written against they miss a step or read one into a
sentence that is not it. A bag-of-words text classifier (spaCy's `textcat_multilabel`), trained
on labelled answers by `python -m answerlint.train`, reads the answer as a whole. A role with
a `judged` setting lets it overrule the patterns where it is sure (see lint._check_answer);
the findings still point at the answer and say what is missing.

The model is one file of package data (`answerlint/judge.bin`, about 1.7 MB), built from
spaCy's own components, loaded once per process on first use, offline.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from answerlint.engine.analysis import AnswerModel

MODEL_FILE = Path(__file__).resolve().parent.parent / "judge.bin"
COMPONENT = "textcat_multilabel"
# Words and word pairs, hashed into 2**16 slots: large enough for answers, small to ship.
ARCHITECTURE = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": False,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**16,
}
# The steps it learns: columns of labels.tsv (see the dev set's README) a role may defer to.
LABELS = ("result", "root_cause", "scaling_fix", "value", "follow_up", "acknowledgement")
_lock = threading.Lock()
_stand_in: list[Language | None] = []  # a model trained on part of the answers (see in_place_of_shipped)


def blank() -> Language:
    """An untrained classifier of the shipped shape (for training, and to load into)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT, config={"model": ARCHITECTURE})
    return nlp


def answer_words(model: AnswerModel) -> list[str]:
    """What the classifier reads of an answer: its sentences' words and marks, lower-case, as
    the analysis has already tokenized them (its prose only: no code, front matter or lone
    surrogates, which the parse masked). Tokenizing the text a second time cost more than
    the classifier itself."""
    return [word for sentence in model.sentences for word in sentence.lowers]


@functools.cache
def _shipped(path: Path) -> Language | None:
    if not path.is_file():
        return None  # a checkout before its first training: the patterns decide alone
    nlp = blank()
    nlp.from_bytes(path.read_bytes())
    return nlp


def shipped() -> Language | None:
    """The shipped classifier, loaded once per process (None where there is none)."""
    with _lock:
        return _stand_in[-1] if _stand_in else _shipped(MODEL_FILE)


@contextmanager
def in_place_of_shipped(nlp: Language | None) -> Iterator[None]:
    """Lint with this model instead of the shipped one: to measure a model on answers it was
    not trained on (python -m answerlint.train --folds)."""
    _stand_in.append(nlp)
    try:
        yield
    finally:
        _stand_in.pop()


def confidences(words: list[str]) -> dict[str, float]:
    """Per label (a labels.tsv column: result, root_cause...), how sure the model is that
    the answer with these words (answer_words) tells it; empty without a model."""
    nlp = shipped()
    if nlp is None:
        return {}
    from spacy.tokens import Doc

    with _lock:  # one pipeline object is shared by the server's threads
        return dict(nlp(Doc(nlp.vocab, words=words)).cats)
