"""The model of one answer: its sentences, their roles and every pattern hit, with evidence.

One pass of the NLP pipeline and one matcher run per block; every check reads from here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from answerlint.document import Answer, Block
from answerlint.nlp import pipeline
from answerlint.patterns import PAST
from answerlint.rule_model import Pattern, RuleSet
from answerlint.token_matcher import TokenMatcher

if not Token.has_extension(PAST):
    Token.set_extension(PAST, default=False)

QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’]*’|(?<![\w])'[^'\n]*'(?![\w])")
# Words before an -ed form that make it a perfect, a passive or an adjective, not a past event.
NOT_SIMPLE_PAST = {"have", "has", "'ve", "am", "is", "are", "'re", "'m", "be", "being", "been",
                   "'s", "to", "feel", "feels", "get", "gets", "seem", "seems"}
# Words before an -ed form that make it an adjective ("a structured process").
ADJECTIVE_CUE = {"a", "an", "the", "my", "our", "their", "this", "that", "very", "more", "most",
                 "so", "too", "really"}
# (word, the word before it): a purpose clause, which states an aim, not a deed.
PURPOSE = {("that", "so"), ("order", "in")}
CLAUSE_STOP = {";", ":", ".", "!", "?", "—", "–", "(", ")", "but", "so", "because"}


@dataclass
class Hit:
    """Where a pattern matched: offsets in the document."""

    start: int
    end: int
    text: str
    pattern: Pattern
    sentence: Sentence | None = None
    replacements: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    words: int
    roles: dict[str, Hit] = field(default_factory=dict)  # role -> the hit that decided it
    span: Span | None = None
    block_start: int = 0
    past: bool = False  # holds a verb in the simple past (set once, read by past_only roles)


@dataclass
class AnswerModel:
    answer: Answer
    sentences: list[Sentence]
    words: int
    word_ends: list[int]  # document offset just past each word, in order
    rule_hits: dict[str, list[Hit]]

    def role_sentences(self, role: str) -> list[Sentence]:
        return [s for s in self.sentences if role in s.roles]


class Analyzer:
    """Matches a rule set against answers. Built once per rule set and pipeline."""

    def __init__(self, rules: RuleSet, pipeline_name: str = "blank") -> None:
        self.rules = rules
        self.nlp = pipeline(pipeline_name)
        self.matcher = TokenMatcher()
        self.keys: dict[int, tuple[str, str, Pattern]] = {}
        self.regexes: list[tuple[str, str, Pattern]] = []
        for role in rules.roles.values():
            self._add("role", role.name, role.patterns)
            self._add("role-unless", role.name, role.unless)
        for rule in rules.rules.values():
            self._add("rule", rule.id, rule.patterns)
            self._add("rule-unless", rule.id, rule.unless)
            self._add("rule-against", rule.id, rule.options.get("against", []))
        self.vocab = rules.vocabulary
        self._negation = set(self.vocab.get("negation", []))
        self._irrealis = set(self.vocab.get("irrealis", []))
        self._past_forms = set(self.vocab.get("past-forms", []))

    def _add(self, what: str, name: str, patterns: list[Pattern]) -> None:
        for pattern in patterns:
            if pattern.regex is not None:
                self.regexes.append((what, name, pattern))
                continue
            key = len(self.keys)
            self.matcher.add(key, pattern.tokens)
            self.keys[key] = (what, name, pattern)

    def analyze(self, answers: list[Answer]) -> list[AnswerModel]:
        blocks = [(a.index, b) for a in answers for b in a.blocks]
        docs = self.nlp.pipe(b.text for _, b in blocks)
        per_answer: dict[int, list[tuple[Block, Doc]]] = defaultdict(list)
        for (index, block), doc in zip(blocks, docs, strict=True):
            self._mark_past(doc)
            per_answer[index].append((block, doc))
        return [self._answer(a, per_answer.get(a.index, [])) for a in answers]

    def _answer(self, answer: Answer, blocks: list[tuple[Block, Doc]]) -> AnswerModel:
        sentences: list[Sentence] = []
        hits: dict[str, list[Hit]] = defaultdict(list)
        word_ends: list[int] = []
        for block, doc in blocks:
            quoted = [(m.start(), m.end()) for m in QUOTED.finditer(block.text)]
            block_sentences = []
            for span in doc.sents:
                words = [t for t in span if not t.is_space and not t.is_punct]
                if not words:
                    continue
                first = next(t for t in span if not t.is_space)
                last = [t for t in span if not t.is_space][-1]
                start, end = block.start + first.idx, block.start + last.idx + len(last.text)
                word_ends.extend(block.start + t.idx + len(t.text) for t in words)
                sentence = Sentence(
                    start, end, block.text[first.idx : last.idx + len(last.text)],
                    block.paragraph, len(words), span=span, block_start=block.start,
                    past=any(t._.get(PAST) for t in words),
                )
                block_sentences.append(sentence)
            sentences.extend(block_sentences)
            found = self._matches(block, doc, block_sentences, quoted)
            self._assign(found, block_sentences, hits)
        return AnswerModel(answer, sentences, len(word_ends), word_ends, hits)

    def _matches(
        self, block: Block, doc: Doc, sentences: list[Sentence], quoted: list[tuple[int, int]]
    ) -> list[tuple[str, str, Hit, bool, bool]]:
        """Every hit in the block: (what, name, hit, is_claim, in_quotes)."""
        out = []
        for key, begin, stop in self.matcher(doc):
            what, name, pattern = self.keys[key]
            span = doc[begin:stop]
            a, b = span.start_char, span.end_char
            hit = Hit(block.start + a, block.start + b, span.text, pattern,
                      replacements=list(pattern.replacements))
            out.append((what, name, hit, self._is_claim(doc, begin), _inside(a, quoted)))
        for what, name, pattern in self.regexes:
            for match in pattern.regex.finditer(block.text):
                if match.end() == match.start():
                    continue
                token = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                begin = token.start if token is not None else 0
                hit = Hit(block.start + match.start(), block.start + match.end(),
                          match.group(0), pattern, replacements=_expand(match, pattern))
                out.append((what, name, hit, self._is_claim(doc, begin),
                            _inside(match.start(), quoted)))
        return out

    def _is_claim(self, doc: Doc, begin: int) -> bool:
        """False when the words are negated, hypothetical or only suggested in their clause."""
        negation, irrealis = self._negation, self._irrealis
        previous = [t for t in doc[doc[begin].sent.start : begin] if not t.is_space]
        steps = 0
        for i in range(len(previous) - 1, -1, -1):
            lemma = previous[i].lemma_
            before = previous[i - 1].lemma_ if i else ""
            if lemma in irrealis or (lemma, before) in PURPOSE:
                return False
            if lemma in ("that", "which", "who"):
                # "suggested that we..." stays a suggestion; "a fix that worked" is a claim
                if before in irrealis:
                    return False
                break
            if lemma in CLAUSE_STOP:
                break
            steps += 1
            if lemma in negation and steps <= 4:
                return False
        return True

    def _mark_past(self, doc: Doc) -> None:
        """Flag verbs in the simple past: they tell what happened, not what happens."""
        words = [t for t in doc if not t.is_space and not t.is_punct]
        for i, token in enumerate(words):
            lower = token.lower_
            regular = lower.endswith("ed") and token.lemma_ != lower
            if not (regular or lower in self._past_forms):
                continue
            before = {w.lower_ for w in words[max(0, i - 2) : i]}
            if before & NOT_SIMPLE_PAST or (regular and i and words[i - 1].lower_ in ADJECTIVE_CUE):
                continue
            token._.set(PAST, True)

    def _assign(self, found, sentences: list[Sentence], hits: dict[str, list[Hit]]) -> None:
        """Give sentences their roles and rules their hits, honouring claims and vetoes."""
        vetoes: dict[tuple[str, str], set[int]] = defaultdict(set)
        for what, name, hit, _, _ in found:
            if what in ("role-unless", "rule-unless"):
                sentence = _sentence_at(sentences, hit.start)
                if sentence is not None:
                    vetoes[(what.split("-")[0], name)].add(id(sentence))
        for what, name, hit, claim, quoted in sorted(found, key=lambda f: f[2].start):
            sentence = _sentence_at(sentences, hit.start)
            if sentence is None:
                continue
            hit.sentence = sentence
            if hit.pattern.anchored and _has_word(sentence.text[: hit.start - sentence.start]):
                continue
            if what == "role":
                role = self.rules.roles[name]
                if id(sentence) in vetoes[("role", name)] or name in sentence.roles:
                    continue
                if role.claims_only and not claim:
                    continue
                if role.first_person and not _first_person(sentence, self.vocab):
                    continue
                if role.past_only and not sentence.past:
                    continue
                sentence.roles[name] = hit
            elif what == "rule":
                rule = self.rules.rules[name]
                if id(sentence) in vetoes[("rule", name)]:
                    continue
                if rule.options.get("claims_only") and not claim:
                    continue
                if rule.options.get("outside_quotes") and quoted:
                    continue
                hits[name].append(hit)
            elif what == "rule-against":
                hits["against\t" + name].append(hit)


def _expand(match: re.Match[str], pattern: Pattern) -> list[str]:
    out = []
    for template in pattern.replacements:
        try:
            out.append(match.expand(template))
        except (re.error, IndexError):
            continue  # a template naming a group the regex lacks: skip that rewrite
    return out


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


def _first_person(sentence: Sentence, vocab: dict[str, list[str]]) -> bool:
    me = set(vocab.get("first-person", ["i", "me", "my", "myself"]))
    return sentence.span is not None and any(t.lower_ in me for t in sentence.span)
