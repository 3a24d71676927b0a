"""The spaCy pipeline (tokens and sentences) and the lemma of a word.

The default is `spacy.blank("en")` with a sentencizer. A lemma is the lower-case form
looked up in the lookup lemmatizer's table from spacy-lookups-data, which installs from
PyPI and loads offline; tokens.py looks each word form up once. A trained pipeline is used
only when the user names one and it is installed, for its sentence boundaries.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads only with the pipeline: the rules need just the lemma table
    from spacy.language import Language

DEFAULT_PIPELINE = "blank"


class PipelineError(ValueError):
    """The named pipeline is installed, or looks so, yet spaCy cannot load it."""

_lock = threading.Lock()


@functools.cache
def _lemma_table() -> dict[str, str]:
    # The lookup lemmatizer's own table, read straight from spacy-lookups-data: 25 ms,
    # where going through spacy.lookups' registry takes a second.
    import gzip
    import json
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    return json.loads(gzip.decompress(data.read_bytes()))


def lemma(word: str) -> str:
    """The lemma of one word, as the pipeline gives it (lower-case)."""
    lower = word.lower()
    return _lemma_table().get(lower, lower)


@functools.cache
def _build(name: str) -> Language:
    import spacy

    if name == DEFAULT_PIPELINE:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.load(name, exclude=["ner", "textcat", "lemmatizer"])
        except Exception as error:  # OSError, ImportError, ValueError...: spaCy's choice
            raise PipelineError(f"spaCy cannot load the pipeline '{name}': {error}") from error
        if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer")
    return nlp


def pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """The pipeline by name, built once per process."""
    with _lock:
        return _build(name)
