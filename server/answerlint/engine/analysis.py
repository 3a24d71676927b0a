"""The model of one answer: its sentences, their roles and every pattern hit, with evidence.

One pass of the NLP pipeline and one matcher run per block (see tokens.py); every check reads from here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from answerlint.engine.document import Answer
from answerlint.engine.inflect import inflect
from answerlint.engine.nlp import pipeline
from answerlint.engine.regex_search import finditer, lowered
from answerlint.engine.token_matcher import TokenMatcher
from answerlint.engine.tokens import NOT_SIMPLE_PAST, Tokenizer, Tokens
from answerlint.rules.model import Pattern, RuleSet

# quoted words; the lookahead lets `re` skip to the quote marks
QUOTED = re.compile(r"(?=[“\"‘'])(?:“[^”]*”|\"[^\"\n]*\"|‘[^’]*’|(?<![\w])'[^'\n]*'(?![\w]))")
# (word, the word before it): a purpose clause, which states an aim, not a deed.
PURPOSE = {("that", "so"), ("order", "in")}
# After a comma these start a new clause, which a negation or "would" before does not reach:
# "I didn't rise to it, and by the evening he apologised".
CLAUSE_OPENERS = {"and", "then", "until", "so", "which", "but", "when", "after", "once"}
SUBJECT_PRONOUNS = {"i", "we", "he", "she", "they"}
OTHER_SUBJECTS = {"he", "she", "they"}
CONDITIONALS = {"if", "unless", "whenever"}
CAUSE_OPENERS = {"because", "since", "cos", "cause"}
CLAUSE_MARKS = {";", "—", "–"}
ABILITY = {"could", "can"}
# words of intention that are as often nouns: irrealis only as a verb ("we plan to", "I need a")
NOUN_TOO = {"plan", "aim", "hope", "wish", "need"}
PART_EVIDENCE = Pattern("(told under a STAR label)")  # the evidence of a role from its part
CLAUSE_STOP = {";", ":", ".", "!", "?", "—", "–", "(", ")", "but", "so", "because"}


@dataclass(slots=True)
class Hit:
    """Where a pattern matched: offsets in the document."""

    start: int
    end: int
    text: str
    pattern: Pattern
    sentence: Sentence | None = None
    replacements: list[str] = field(default_factory=list)  # shared: read, never changed


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    words: int
    roles: dict[str, Hit] = field(default_factory=dict)  # role -> the hit that decided it
    lowers: list[str] = field(default_factory=list)  # its tokens' lower-case forms
    past: bool = False  # holds a verb in the simple past (read by past_only roles)
    part: str | None = None  # the STAR part it is told in ("result"...), when labelled
    # roles of past events its words have, kept aside because it is not in the past tense:
    # they count when the whole answer tells its case in the present (see _roles_in_context)
    unpast: dict[str, Hit] = field(default_factory=dict)
    # how many separate places in it tell each of its roles from patterns ("he was banging on
    # the glass and shouting..., and then he started waving his passbook": three)
    places: dict[str, int] = field(default_factory=dict)


@dataclass
class AnswerModel:
    answer: Answer
    sentences: list[Sentence]
    words: int
    word_starts: list[int]  # document offset of each word, in order
    rule_hits: dict[tuple[str, str], list[Hit]]  # (rule id, pattern option) -> its hits

    def role_sentences(self, role: str) -> list[Sentence]:
        return [s for s in self.sentences if role in s.roles]

    # (rule, option) -> its hits by start, their starts and the longest hit's length
    _by_start: dict[tuple[str, str], tuple[list[Hit], list[int], int]] = field(
        default_factory=dict, repr=False)

    def hits(self, rule: str, option: str) -> list[Hit]:
        """The hits of one of a rule's pattern options ("patterns", "swap", "against")."""
        return self.rule_hits.get((rule, option), [])

    def hits_over(self, rule: str, option: str, start: int, end: int) -> list[Hit]:
        """The hits of an option that overlap [start, end), found by bisection: one long
        paragraph of many findings, each looking through all the hits, was quadratic."""
        index = self._by_start.get((rule, option))
        if index is None:
            ordered = sorted(self.hits(rule, option), key=lambda h: h.start)
            index = self._by_start[rule, option] = (
                ordered, [h.start for h in ordered], max((h.end - h.start for h in ordered),
                                                         default=0))
        ordered, starts, longest = index
        first, stop = bisect_left(starts, start - longest), bisect_left(starts, end)
        return [h for h in ordered[first:stop] if start < h.end]


class SentenceFacts(NamedTuple):
    start: int
    end: int
    words: int
    past: bool
    lowers: list[str]


class MatchFacts(NamedTuple):
    """A pattern's hit in a block: `sentence` indexes the block's spaCy sentences."""

    what: str  # "role", "role-unless", "rule" or "rule-unless"
    name: str  # the role, or the rule id
    option: str  # for a rule: which of its pattern options ("patterns", "swap", "against")
    pattern: Pattern
    start: int
    end: int
    text: str
    replacements: list[str]
    sentence: int
    claim: bool  # not negated, hypothetical or only suggested (True where no one asks)
    quoted: bool  # inside quotation marks (False where no one asks)


class BlockFacts(NamedTuple):
    """What a block's text yields wherever it stands, so an unchanged block is not analysed
    again: its sentences, where its words start and its pattern hits (offsets in the block)."""

    sentences: list[SentenceFacts | None]
    word_starts: list[int]
    matches: list[MatchFacts]


class Analyzer:
    """Matches a rule set against answers. Built once per rule set and pipeline."""

    def __init__(self, rules: RuleSet, pipeline_name: str = "blank") -> None:
        self.rules = rules
        self.nlp = pipeline(pipeline_name)
        self.matcher = TokenMatcher()
        self.keys: dict[int, tuple[str, str, str, Pattern]] = {}
        self.regexes: list[tuple[str, str, str, Pattern]] = []
        for role in rules.roles.values():
            self._add("role", role.name, "", role.patterns)
            self._add("role-unless", role.name, "", role.unless)
        for rule in rules.rules.values():
            for option, patterns in rule.options.pattern_sets().items():
                self._add("rule", rule.id, option, patterns)
            self._add("rule-unless", rule.id, "", rule.options.vetoes())
        self.contextual = [r for r in rules.roles.values() if r.in_parts or r.names()]
        self.vocab = rules.vocabulary
        self.tokenizer = Tokenizer(self.nlp, set(self.vocab.get("past-forms", [])))
        self._negation = set(self.vocab.get("negation", []))
        self._irrealis = set(self.vocab.get("irrealis", []))
        self._perceiving = set(self.vocab.get("perceiving", []))
        self._first_person = set(self.vocab.get("first-person", ["i", "me", "my", "myself"]))
        # what tells a case told in the present from a plan (see _roles_in_context)
        self._occasion = {r.name for r in rules.roles.values() if r.marks == "occasion"}
        self._habit = {r.name for r in rules.roles.values() if r.marks == "habit"}
        # the roles and rules whose hits must be claims, or outside quotes, to count
        self._claiming = {("role", r.name) for r in rules.roles.values() if r.claims_only} | {
            ("rule", r.id) for r in rules.rules.values() if r.options.only_claims()}
        self._quoting = {("rule", r.id) for r in rules.rules.values()
                         if r.options.only_outside_quotes()}

    def _add(self, what: str, name: str, option: str, patterns: list[Pattern]) -> None:
        for pattern in patterns:
            if pattern.regex is not None:
                self.regexes.append((what, name, option, pattern))
                continue
            assert pattern.tokens is not None  # a token pattern when it is not a regex
            key = len(self.keys)
            self.matcher.add(key, pattern.tokens, pattern.anchored)
            self.keys[key] = (what, name, option, pattern)

    def analyze(self, answers: list[Answer],
                known: dict[str, BlockFacts] | None = None) -> list[AnswerModel]:
        """Models of these answers. `known` maps block texts to their facts, from an earlier
        run with this analyzer: those blocks are not tokenized and matched again, and the
        new ones are added to it."""
        known = {} if known is None else known
        self.analyze_blocks(list({b.text: None for a in answers for b in a.blocks}), known)
        return [self._answer(a, known) for a in answers]

    def analyze_blocks(self, texts: list[str], known: dict[str, BlockFacts]) -> None:
        """Add the facts of these block texts (those not in `known` yet) to `known`."""
        todo = [text for text in texts if text not in known]
        for text, tokens in zip(todo, self.tokenizer(todo), strict=True):
            known[text] = self._facts(text, tokens)

    def _answer(self, answer: Answer, known: dict[str, BlockFacts]) -> AnswerModel:
        sentences: list[Sentence] = []
        hits: dict[tuple[str, str], list[Hit]] = defaultdict(list)
        word_starts: list[int] = []
        for block in answer.blocks:
            facts, offset = known[block.text], block.start
            word_starts += [offset + start for start in facts.word_starts]
            block_sentences = [
                None if s is None else Sentence(
                    offset + s.start, offset + s.end, block.text[s.start : s.end],
                    block.paragraph, s.words, lowers=s.lowers, past=s.past, part=block.part)
                for s in facts.sentences
            ]
            sentences.extend(s for s in block_sentences if s is not None)
            found = [(m.what, m.name, m.option,
                      Hit(offset + m.start, offset + m.end, m.text, m.pattern,
                          block_sentences[m.sentence], m.replacements),
                      m.claim, m.quoted) for m in facts.matches]
            self._assign(found, hits)
        self._roles_in_context(sentences)
        return AnswerModel(answer, sentences, len(word_starts), word_starts, hits)

    def _roles_in_context(self, sentences: list[Sentence]) -> None:
        """The roles read from around the sentence (see Role): its STAR part, the roles it
        shares a sentence with, where it stands after others, and roles it includes. Roles
        are visited in the order the rule set worked out: each after those it reads.

        A case told in the present ("One day a customer call me... I check his account"),
        as many who speak English as a second language tell it, has its past events in the
        present: when most sentences are not in the past yet one that is points at a real
        occasion ("One day a customer call me because his bill was double"), the past-only
        roles count in the others too. A habit or a plan told in the present has no such
        sentence."""
        past = sum(s.past for s in sentences)
        occasion, habit = self._occasion, self._habit
        if past * 2 <= len(sentences) and any(not occasion.isdisjoint(s.roles)
                                             and habit.isdisjoint(s.roles) for s in sentences):
            for s in sentences:
                for name, hit in s.unpast.items():
                    s.roles.setdefault(name, hit)
        for role in self.contextual:
            name = role.name
            if role.in_parts:
                for s in sentences:
                    if s.part in role.in_parts and name not in s.roles:
                        s.roles[name] = Hit(s.start, s.end, s.text, PART_EVIDENCE, s)
            for other in role.includes:
                for s in sentences:
                    if other in s.roles and name not in s.roles:
                        s.roles[name] = s.roles[other]
            if role.not_with:
                _keep_where(sentences, name, role.not_with, False)
            for others, inclusive in ((role.after, False), (role.since, True)):
                if others:
                    first = next((n for n, s in enumerate(sentences)
                                  if any(other in s.roles for other in others)), len(sentences))
                    for s in sentences[: first + (0 if inclusive else 1)]:
                        s.roles.pop(name, None)
            if role.next_to:
                for before, s in zip([None, *sentences], sentences, strict=False):
                    if before is None or not any(o in before.roles for o in role.next_to):
                        s.roles.pop(name, None)
            if role.with_:
                _keep_where(sentences, name, role.with_, True)

    def _facts(self, text: str, tokens: Tokens) -> BlockFacts:
        """Sentences and hits of one block, in offsets from the block's start."""
        sentences: list[SentenceFacts | None] = []  # one per spaCy sentence; None: no words
        word_starts: list[int] = []
        for first, stop in tokens.sentences:
            words = [i for i in range(first, stop) if not tokens.punct[i]]
            if not words:
                sentences.append(None)
                continue
            word_starts.extend(tokens.starts[i] for i in words)
            lowers = tokens.lowers[first:stop]
            sentences.append(SentenceFacts(
                tokens.starts[first], tokens.ends[stop - 1], len(words),
                any(tokens.past[i] for i in words) or _perfect_since(lowers), lowers))
        quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
        matches = []
        sentence_starts = _sentence_starts(tokens)
        for key, begin, stop in self.matcher(tokens.lemmas, tokens.lowers, tokens.past,
                                             sentence_starts, tokens.sentence_of):
            sentence = tokens.sentence_of[begin]
            facts = sentences[sentence]
            if facts is None:
                continue
            what, name, option, pattern = self.keys[key]
            a, b = tokens.starts[begin], tokens.ends[stop - 1]
            matches.append(MatchFacts(what, name, option, pattern, a, b, text[a:b],
                                      [inflect(r, text[facts.start:a], text[a:b], facts.past)
                                       for r in pattern.replacements],
                                      sentence, self._claim(what, name, tokens, begin),
                                      (what, name) in self._quoting and _inside(a, quoted)))
        lower = lowered(text)
        for what, name, option, pattern in self.regexes:
            if lower is not None and pattern.finder is not None \
                    and pattern.finder.search(lower) is None:
                continue  # the common case, settled without starting the search below
            for match in finditer(pattern.regex, pattern.finder, text, lower):
                begin = tokens.first_at_or_after(match.start())
                if begin == len(tokens) or tokens.starts[begin] >= match.end():
                    continue  # only whitespace: in no sentence
                sentence = tokens.sentence_of[begin]
                facts = sentences[sentence]
                if facts is None:
                    continue
                matches.append(MatchFacts(
                    what, name, option, pattern, match.start(), match.end(), match.group(0),
                    _expand(match, pattern, text[facts.start:match.start()], facts.past),
                    sentence, self._claim(what, name, tokens, begin),
                    (what, name) in self._quoting and _inside(match.start(), quoted)))
        return BlockFacts(sentences, word_starts, matches)

    def _claim(self, what: str, name: str, tokens: Tokens, begin: int) -> bool:
        """Whether the hit is a claim, worked out only for the roles and rules that ask."""
        return (what, name) not in self._claiming or self._is_claim(tokens, begin)

    def _is_claim(self, tokens: Tokens, begin: int) -> bool:
        """False when the words are negated, hypothetical or only suggested in their clause."""
        negation, irrealis, lemmas = self._negation, self._irrealis, tokens.lemmas
        first = tokens.sentences[tokens.sentence_of[begin]][0]
        if tokens.lowers[begin] in CAUSE_OPENERS:  # "..., which need notice because X": X is told as fact
            return True
        if tokens.lowers[begin] in CLAUSE_MARKS:
            # a hit that opens with a semicolon or a dash is a clause of its own: "she'd asked
            # us to put it aside; the slip had fallen out" is not under "asked us to"
            return True
        if tokens.lowers[begin] in CLAUSE_OPENERS and _subject_follows(tokens, begin):
            # "I waited until he'd finished, and by the end he signed": a hit that opens a
            # clause with a subject of its own is not under the modal or negation before it
            return True
        # words that open with their own subject ("she just exploded") start a clause: a
        # negation before them denies another verb ("the till wouldn't take them")
        # (the hit may open a word early: "...take them she just exploded")
        subject = next((at for at in (begin, begin + 1) if at < len(lemmas)
                        and tokens.lowers[at] in SUBJECT_PRONOUNS), None)
        own_subject = subject is not None
        # "... and hopefully they would be happy": the new subject's own verb is a modal
        own_verb_real = subject is not None and (subject + 1 >= len(lemmas)
                                                 or lemmas[subject + 1] not in irrealis)
        steps = 0
        for i in range(begin - 1, first - 1, -1):
            lemma = lemmas[i]
            before = lemmas[i - 1] if i > first else ""
            if own_verb_real and lemma in irrealis and lemma not in CONDITIONALS and begin - i > 2:
                # "When I told her the till wouldn't take them she just exploded", "When I
                # tried to explain she talked over me": the modal has its own verb and object;
                # the hit's subject starts another clause ("if she shouted" stays a supposition)
                break
            if lemma in ABILITY and i + 1 < len(lemmas) and lemmas[i + 1] in self._perceiving:
                # "I could see why", "we could tell it had been dropped": a perception that
                # happened, not a supposition ("if I could see" stops at "if")
                continue
            if lemma in NOUN_TOO and not (before in SUBJECT_PRONOUNS or before in irrealis or (
                    i + 1 < len(lemmas) and lemmas[i + 1] in ("to", "that", "for"))):
                # the noun, not the verb: "plan charges", "the aim was", "a care plan"
                steps += 1
                continue
            if lemma in irrealis or (lemma, before) in PURPOSE:
                return False
            if lemma in ("that", "which", "who"):
                # "suggested that we..." stays a suggestion; "a fix that worked" is a claim
                if before in irrealis:
                    return False
                break
            if lemma in CLAUSE_STOP or (lemma == "," and i + 1 < begin
                                        and lemmas[i + 1] in CLAUSE_OPENERS):
                break
            steps += 1
            hyphenated = i + 1 < len(lemmas) and lemmas[i + 1] == "-"  # "no-shows"
            if lemma in negation and steps <= 4 and not own_subject and not hyphenated:
                return False
        return True

    def _assign(self, found: list[tuple[str, str, str, Hit, bool, bool]],
                hits: dict[tuple[str, str], list[Hit]]) -> None:
        """Give sentences their roles and rules their hits, honouring claims and vetoes."""
        vetoes: set[tuple[str, str, int]] = set()
        for what, name, _, hit, _, _ in found:
            if what == "role-unless":
                vetoes.add(("role", name, id(hit.sentence)))
            elif what == "rule-unless":
                vetoes.add(("rule", name, id(hit.sentence)))
        # `claim` is False and `quoted` True only for the roles and rules that ask (see _facts);
        # "^" patterns start only where a sentence does (see the matcher)
        place_ends: dict[tuple[int, str], int] = {}  # where the last place counted ends
        for what, name, option, hit, claim, quoted in sorted(found, key=lambda f: f[3].start):
            sentence = hit.sentence
            assert sentence is not None
            if what == "role":
                role = self.rules.roles[name]
                if (what, name, id(sentence)) in vetoes or not claim:
                    continue
                if role.first_person and self._first_person.isdisjoint(sentence.lowers):
                    continue
                if role.past_only and not sentence.past:
                    sentence.unpast.setdefault(name, hit)
                    continue
                key = (id(sentence), name)
                if name in sentence.roles:
                    if hit.start >= place_ends[key]:  # a new place, not the same words again
                        sentence.places[name] += 1
                        place_ends[key] = hit.end
                    continue
                sentence.roles[name] = hit
                sentence.places[name], place_ends[key] = 1, hit.end
            elif what == "rule":
                if (what, name, id(sentence)) in vetoes or not claim or quoted:
                    continue
                kept = hits[(name, option)]
                if kept and hit.start < kept[-1].end:
                    # two patterns found the same words: one finding, over the longer span
                    if hit.end - hit.start > kept[-1].end - kept[-1].start:
                        kept[-1] = hit
                    continue
                kept.append(hit)


PERFECT = {"has", "have", "'s", "'ve"}  # "hasn't" reaches here as "has" and "n't"


def _perfect_since(lowers: list[str]) -> bool:
    """A present perfect with "since" tells a past event and the time after it ("He has
    used the slot ever since", "no one has complained since the change")."""
    return "since" in lowers and not PERFECT.isdisjoint(lowers)


def _subject_follows(tokens: Tokens, begin: int) -> bool:
    """Whether a third person is the subject of the clause a clause opener starts."""
    end = min(begin + 6, tokens.sentences[tokens.sentence_of[begin]][1])
    for at in range(begin + 1, end):
        if tokens.lowers[at] in OTHER_SUBJECTS:
            return True
        if tokens.past[at] or tokens.lowers[at] in NOT_SIMPLE_PAST:
            return False  # a verb first: "until it was sorted and they'd seen it"
    return False


def _expand(match: re.Match[str], pattern: Pattern, before: str, past: bool) -> list[str]:
    """A regex hit's rewrites: groups filled in, then verbs fitted to the sentence."""
    out = []
    for template in pattern.replacements:
        try:
            out.append(inflect(match.expand(template), before, match.group(0), past))
        except (re.error, IndexError):
            continue  # a template naming a group the regex lacks: skip that rewrite
    return out


def _sentence_starts(tokens: Tokens) -> frozenset[int]:
    """Where an anchored pattern may start: each sentence's first token and its first word
    (after an opening quote, bracket or list marker)."""
    out = set()
    for first, stop in tokens.sentences:
        out.add(first)
        out.add(next((i for i in range(first, stop) if not tokens.punct[i]), first))
    return frozenset(out)


def _keep_where(sentences: list[Sentence], name: str, others: list[str], present: bool) -> None:
    """Take role `name` from the sentences that have one of `others` (present=False) or
    none of them (present=True)."""
    for s in sentences:
        if name in s.roles and any(o in s.roles for o in others) != present:
            del s.roles[name]


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)
