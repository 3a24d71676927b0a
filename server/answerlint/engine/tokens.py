"""One prose block as a table of its tokens: parallel lists that every later step reads.

spaCy splits the text into tokens. Everything after that works on plain lists of strings
and ints read out of the Doc in one `to_array` call, because making a Python `Token`
object per token per step cost more than all the checks together. Whitespace tokens are
left out, so index n is the block's n-th non-space token.

With the default pipeline, sentences follow the rule of spaCy's sentencizer, with its
own list of sentence-final characters, applied to those arrays: the component itself
walks `Token` objects and took a quarter of the analysis. tests/test_tokens.py checks
that the sentences are the component's. A trained pipeline's parser splits them itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

# spacy.attrs is a compiled module without a stub
from spacy.attrs import (  # type: ignore[import-not-found]
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LENGTH,
    LOWER,
    ORTH,
    SENT_START,
)
from spacy.language import Language
from spacy.tokens import Doc

from answerlint.engine.nlp import lemma

# Words before an -ed form that make it a perfect, a passive or an adjective, not a past event.
NOT_SIMPLE_PAST = {"have", "has", "'ve", "am", "is", "are", "'re", "'m", "be", "being", "been",
                   "'s", "to", "feel", "feels", "get", "gets", "seem", "seems"}
# A subject right before a verb starts its clause: what came before it does not govern it.
SUBJECTS = {"i", "we", "he", "she", "they", "you", "it"}
# Words before an -ed form that make it an adjective ("a structured process").
ADJECTIVE_CUE = {"a", "an", "the", "my", "our", "their", "this", "that", "very", "more", "most",
                 "so", "too", "really"}
# A long-running server sees endless new strings (every prefix of a word being typed), and
# spaCy keeps each one in its string store and tokenizer cache. After the first blocks have
# filled the cache with common words, tokenizing happens in a spaCy memory zone, which
# frees what it added; our own table of word forms is emptied when it grows past a bound.
WARM_BLOCKS = 2000
FORMS_KEPT = 20_000
# What a word form may be: an -ed form whose lemma differs, or one of the irregular forms.
NOT_PAST, REGULAR_PAST, IRREGULAR_PAST = 0, 1, 2
# What spaCy is given of a block, so that no input costs more than its length: its tokenizer
# is quadratic in the length of a run with no space ("!" * 8000 took 12 s, 16,000 emoji 33 s)
# and refuses a text over a million characters. Such runs are no words to coach and are read
# as spaces; a block is read up to its first MAX_BLOCK characters. Offsets stay the text's.
LONGEST_RUN = 200
MAX_BLOCK = 200_000
LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN},}}")


def readable(text: str) -> str:
    """The part of a block's text spaCy reads, of the same length up to MAX_BLOCK."""
    text = text[:MAX_BLOCK]
    if len(text) < LONGEST_RUN:
        return text
    return LONG_RUN.sub(lambda run: " " * len(run[0]), text)


def unread(text: str) -> tuple[int, int, int] | None:
    """Where the first of a block's characters that `readable` leaves out is, how many it
    leaves out in runs with no space, and how many past MAX_BLOCK (None where it reads all)."""
    if len(text) < LONGEST_RUN:
        return None
    runs = [run.span() for run in LONG_RUN.finditer(text, 0, MAX_BLOCK)]
    in_runs, past = sum(end - start for start, end in runs), max(0, len(text) - MAX_BLOCK)
    return (runs[0][0] if runs else MAX_BLOCK, in_runs, past) if in_runs or past else None
_COLUMNS = [LOWER, IDX, LENGTH, IS_SPACE, IS_PUNCT, SENT_START, ORTH]


@dataclass
class Tokens:
    starts: list[int]  # offset of each token in the block
    ends: list[int]
    lowers: list[str]
    lemmas: list[str]
    punct: list[bool]
    past: list[bool]  # a verb in the simple past: it tells what happened, not what happens
    sentences: list[tuple[int, int]]  # spaCy's sentences as [first, last) token indices
    sentence_of: list[int]  # the index in `sentences` of each token's sentence

    def __len__(self) -> int:
        return len(self.lowers)

    def first_at_or_after(self, offset: int) -> int:
        """The first token that ends after `offset` (len(self) when none does)."""
        return bisect.bisect_right(self.ends, offset)


class Tokenizer:
    """Builds token tables with one pipeline; remembers each word form's string and lemma."""

    def __init__(self, nlp: Language, past_forms: set[str]) -> None:
        self.nlp = nlp
        self._past_forms = past_forms
        self._forms: dict[int, tuple[str, str, int]] = {}  # LOWER hash -> (lower, lemma, past kind)
        self._sentence_ends: set[int] | None = None  # ORTH hashes of sentence-final characters
        self._warming = WARM_BLOCKS
        if nlp.pipe_names == ["sentencizer"]:
            sentencizer: Any = nlp.get_pipe("sentencizer")
            characters = sentencizer.punct_chars
            self._sentence_ends = {nlp.vocab.strings.add(c) for c in characters}

    def __call__(self, texts: list[str]) -> list[Tokens]:
        if len(self._forms) > FORMS_KEPT:
            self._forms.clear()
        if self._warming > 0:
            self._warming -= len(texts)
            return self._tables(texts)
        with self.nlp.memory_zone():  # the tables hold plain strings, not spaCy's objects
            return self._tables(texts)

    def _tables(self, texts: list[str]) -> list[Tokens]:
        texts = [readable(text) for text in texts]
        if self._sentence_ends is None:
            return [self.table(doc) for doc in self.nlp.pipe(texts)]
        return [self.table(self.nlp.make_doc(text)) for text in texts]

    def table(self, doc: Doc) -> Tokens:
        """The table of a Doc: one from `make_doc` with the default pipeline (sentences are
        found here), else one the whole pipeline has run on."""
        forms, strings = self._forms, doc.vocab.strings
        starts: list[int] = []
        ends: list[int] = []
        lowers: list[str] = []
        lemmas: list[str] = []
        punct: list[bool] = []
        kinds: list[int] = []  # what past form each token may be
        firsts: list[int] = []  # where each sentence begins
        opens_sentence = True
        final, after_final = self._sentence_ends, False
        for lower_hash, idx, length, space, is_punct, sent_start, orth in \
                doc.to_array(_COLUMNS).tolist():
            if final is None:
                opens_sentence = opens_sentence or sent_start == 1
            elif orth in final:
                after_final = True
            elif after_final and not is_punct:  # the first token after the final punctuation
                opens_sentence, after_final = True, False
            if space:
                continue
            if opens_sentence:
                firsts.append(len(lowers))
                opens_sentence = False
            form = forms.get(lower_hash)
            if form is None:
                form = forms[lower_hash] = self._form(strings[lower_hash])
            starts.append(idx)
            ends.append(idx + length)
            lowers.append(form[0])
            lemmas.append(form[1])
            punct.append(is_punct == 1)
            kinds.append(form[2])
        _had_or_would(lowers, lemmas, kinds)
        sentences = list(pairwise([*firsts, len(lowers)]))
        sentence_of: list[int] = []
        for number, (first, stop) in enumerate(sentences):
            sentence_of += [number] * (stop - first)
        past = _simple_past(lowers, kinds, punct)
        return Tokens(starts, ends, lowers, lemmas, punct, past, sentences, sentence_of)

    def _form(self, lower: str) -> tuple[str, str, int]:
        lemma_ = lemma(lower)
        if lower.endswith("ed") and lemma_ != lower:
            return lower, lemma_, REGULAR_PAST
        return lower, lemma_, IRREGULAR_PAST if lower in self._past_forms else NOT_PAST


# "'d" is "had" before a past participle ("he'd already booked", "she'd been told") and
# "would" before a bare verb ("I'd call"); the lemma table can only say "would".
PARTICIPLES = {"been", "gone", "given", "taken", "seen", "done", "known", "shown", "eaten",
               "written", "spoken", "forgotten", "gotten", "got", "had", "made", "left", "told",
               "said", "sent", "paid", "lost", "found", "heard", "kept", "brought", "bought",
               "thought", "caught", "taught", "put", "set", "cut", "hit", "run", "come",
               "become", "begun", "broken", "chosen", "driven", "fallen", "flown", "grown",
               "hidden", "ridden", "risen", "stolen", "sworn", "thrown", "woken", "worn"}
SKIPPED_BEFORE_PARTICIPLE = {"already", "never", "just", "not", "n't", "ever", "also", "only",
                             "always", "both", "all", "since", "recently", "previously"}


def _had_or_would(lowers: list[str], lemmas: list[str], kinds: list[int]) -> None:
    if "'d" not in lowers:  # most blocks: no walk over their tokens
        return
    for i, lower in enumerate(lowers):
        if lower != "'d":
            continue
        j = i + 1
        while j < len(lowers) and lowers[j] in SKIPPED_BEFORE_PARTICIPLE:
            j += 1
        if j < len(lowers) and (lowers[j] in PARTICIPLES or kinds[j] == REGULAR_PAST):
            lemmas[i] = "have"


def _simple_past(lowers: list[str], kinds: list[int], punct: list[bool]) -> list[bool]:
    """Which -ed forms and irregular past forms are a simple past: not after "have", "is",
    "to" (two words back at most, within the clause: a comma or a subject such as "I" comes
    between "being, I stayed") nor, for -ed forms, after an article or intensifier."""
    past = [False] * len(lowers)
    words = [i for i, is_punct in enumerate(punct) if not is_punct]
    for n, i in enumerate(words):
        if not kinds[i]:
            continue
        before = []
        for j in reversed(words[max(0, n - 2) : n]):
            if lowers[j] in SUBJECTS or any(punct[k] for k in range(j + 1, i)):
                break
            before.append(j)
        if any(lowers[j] in NOT_SIMPLE_PAST for j in before):
            continue
        if kinds[i] == REGULAR_PAST and n and lowers[words[n - 1]] in ADJECTIVE_CUE:
            continue
        past[i] = True
    return past
