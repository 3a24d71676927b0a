"""requirement: the answer must hold a sentence of a role, else one finding for the answer."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from answerlint.engine.document import label_length
from answerlint.engine.findings import PLACEHOLDER, Insertion, answer_anchor, make
from answerlint.engine.inflect import told_in_present
from answerlint.engine.nlp import lemma
from answerlint.rules.conditions import Condition
from answerlint.rules.kind import Kind, KindOptions, option

if TYPE_CHECKING:
    from answerlint.engine.analysis import AnswerModel, Sentence
    from answerlint.engine.findings import Context, Finding
    from answerlint.rules.model import Rule


@dataclass(frozen=True)
class Options(KindOptions):
    role: str = option("role", "the role a sentence of the answer must have", "", required=True)
    snippet: str = option("text", "the sentence the quick fix inserts (LSP snippet syntax)", "")
    snippet_present: str = option(
        "text", "the same sentence in the present, for a case told in the present (\"I check "
        "his account, I see...\")", "")
    insert_after: list[str] = option("roles", "insert after the last sentence of the first of these roles the answer has, and the sentences that go on from it up to one of `insert_before`")
    insert_after_first: list[str] = option(
        "roles", "the same from the first sentence of these roles, tried before `insert_after` "
        "(an acknowledgement after the opening complaint, not after a later flare-up)")
    anchor_since: list[str] = option(
        "roles", "look for the anchor only from the last sentence of these roles on (a "
        "follow-up after the outcome of what the speaker did last, not an early one)")
    anchor_before: list[str] = option(
        "roles", "the anchor is only a sentence before the first of these roles that comes "
        "after it, and not one holding them (an acknowledgement after the whole complaint "
        "but before the first thing done about it)")
    after_last: list[str] = option(
        "roles", "with no anchor: after the last sentence of these roles that does not close "
        "the answer, and the sentences that go on from it (a fix once the speaker's deeds are "
        "told, not before a stray early outcome)")
    insert_before: list[str] = option(
        "roles", "where the step stops going on after its anchor (the fix before its result); "
        "with no anchor: before the first sentence of these roles (the cause before the "
        "fix), else at the end, before the sentences of these roles that close the answer")
    insert_in_part: str = option(
        "part", "in an answer told under STAR labels: at the end of this part (\"action\", "
        "\"result\"), the story's own order, instead", "")
    part_start: bool = option("flag", "at the start of `insert_in_part`, after its label", False)
    customer_placeholder: str = option(
        "text", "the text of the snippet's placeholder for the customer (\"them\"), put as "
        "\"her\" or \"him\" where the answer says which", "")
    customer_word: str = option(
        "text", "a word of the snippet that names the customer (\"customer\"), put as the "
        "answer's own noun for them (\"patient\", \"guest\") where it has one, as the "
        "placeholder is where no pronoun says who", "")
    right_after: bool = option(
        "flag", "right after the anchor, not after the sentences that go on from it (a "
        "follow-up after the first outcome, before a later one)", False)
    before_first: list[str] = option(
        "roles", "roles of a first outcome that tells how things stand now (\"he has used "
        "the slot ever since\"): with `right_after`, the step goes before it, not after")
    insert_unless: Condition | None = option(
        "condition", "offer no inserted step in answers where this holds (a plan told as "
        "\"I would\": steps told in the past would be false there)")
    when: Condition | None = option("condition", "only in answers where this holds")
    also_when: Condition | None = option(
        "condition", "also in answers where this holds, whatever their sentences (the answer "
        "says the step never happened: \"we never did work out why\")")


def check(rule: Rule, options: Options, model: AnswerModel, context: Context) -> list[Finding]:
    if not model.sentences:
        return []  # an empty answer lacks nothing yet: there is nothing to coach
    # told: by its sentences, or by the answer classifier where the role defers to it; or
    # by the step this rule's quick fix inserted (its words stand, whatever fills its blanks)
    told = (bool(context.counts.get(options.role)) or _inserted(options.snippet, model)
            or _inserted(options.snippet_present, model))
    never = options.also_when is not None and options.also_when(context.counts)
    if told and not never:
        return []
    if options.when is not None and not options.when(context.counts):
        return []
    start, end = answer_anchor(model, context.lines)
    # No inserted step where a sentence already reads as it (the classifier doubts it, or
    # the answer says it never happened: "We never did work out why" followed by "I found
    # that the real cause..." would contradict it): a second version would clash.
    # (told here means `also_when` holds too: the answer says it never happened)
    read_as_it = bool(model.role_sentences(options.role))
    unfit = never or (options.insert_unless is not None and options.insert_unless(context.counts))
    insertion = None
    if options.snippet and not read_as_it and not unfit:
        at = _insert_at(options, model)
        # before a part's first words, the step is a sentence of its own ahead of them
        lead_in = options.part_start and any(at == s.start + label_length(s.text)
                                             for s in model.sentences)
        snippet = options.snippet_present if options.snippet_present and _told_in_present(model) \
            else options.snippet
        snippet = _for_the_customer(snippet, options, model)
        if _lower_case_notes(model):
            snippet = _lower_case(snippet)
        insertion = Insertion(at, snippet + (" " if lead_in else ""))
    return [make(rule, model, start, end, rule.message, insertion=insertion)]


def _told_in_present(model: AnswerModel) -> bool:
    """Whether the case is told in the present: most of the speaker's deeds are ("I check
    his account, I see the discount was finished"), as many who speak English as a second
    language tell one."""
    # (a deed told in the present is kept aside as unpast where the rest is told in the past:
    # "I listen back to her first call and I hear that my colleague told her...")
    deeds = [s for s in model.sentences if "deed" in s.roles or _UNPAST_DEED & set(s.unpast)]
    present = sum(bool(_UNPAST_DEED & set(s.unpast)) or _own_verb_present(s) for s in deeds)
    return len(deeds) >= 2 and present * 2 > len(deeds)


def _own_verb_present(sentence: Sentence) -> bool:
    """Whether the speaker's own verb in a deed is in the present ("I check the sheet and I
    see the cleaner skipped her floor": the past form is the cleaner's); where the deed
    shows no such verb, whether the sentence holds no simple past."""
    hit = sentence.roles.get("deed")
    words = re.findall(r"[A-Za-z']+", hit.text) if hit is not None else []
    subject = next((n for n, word in enumerate(words) if word.lower() in ("i", "we")), None)
    present = told_in_present(words[subject + 1:]) if subject is not None else None
    return not sentence.past if present is None else present


_UNPAST_DEED = frozenset({"deed", "told-deed"})



def _lower_case_notes(model: AnswerModel) -> bool:
    """Whether the answer is notes typed in lower case ("i didnt take the bait"): most of its
    sentences open with a small letter and it writes "i" for I."""
    starts = [s.text.lstrip("-*+0123456789.) \t") for s in model.sentences]
    small = sum(1 for t in starts if t[:1].islower())
    return len(starts) >= 3 and small * 2 > len(starts) and any(
        _SMALL_I.search(s.text) for s in model.sentences)


_SMALL_I = re.compile(r"(?<![\w'])i(?![\w'])")


def _lower_case(snippet: str) -> str:
    """The snippet as lower-case notes write it: "a week later i followed up..."."""
    snippet = re.sub(r"(?<![\w'])I(?=\s)", "i", snippet)
    return snippet[:1].lower() + snippet[1:] if not snippet.startswith("$") else re.sub(
        r"^(\$\{\d+:)(\w)", lambda m: m[1] + m[2].lower(), snippet)


def _for_the_customer(snippet: str, options: Options, model: AnswerModel) -> str:
    """The snippet with its placeholder for the customer as the answer names them, and its
    word for the customer as the answer's own noun ("no other guest"); as written where the
    rule has neither or the answer does not say."""
    if options.customer_placeholder:
        snippet = _placeholder_for(snippet, options.customer_placeholder, model)
    customer = _noun("named-customer", model.sentences) if options.customer_word else None
    if customer:  # one of them: "no other tenant", not "tenants"
        snippet = re.sub(rf"\b{re.escape(options.customer_word)}\b", lemma(customer), snippet)
    return snippet


def _placeholder_for(snippet: str, placeholder: str, model: AnswerModel) -> str:
    """The placeholder as the pronoun the answer uses for the customer ("I told her I
    understood" in an answer about a woman), "them" for a couple told as they, else the
    answer's noun for them ("the patient"); as written where none is clear."""
    # (read where the complaint is told: not "my manager... she" further on; then with the
    # sentences that carry it on before the speaker acts, where it alone does not say)
    conflict = model.role_sentences("conflict")
    for told in (conflict, _complaint(model.sentences), [] if conflict else model.sentences):
        pronoun = _pronoun(told)
        if pronoun:
            return _fill(snippet, placeholder, pronoun)
    told = conflict or model.sentences
    person = _noun("named-person", told) or _noun("named-person", model.sentences)
    return _fill(snippet, placeholder, f"the {person}") if person else snippet


def _pronoun(told: list[Sentence]) -> str | None:
    """"her" or "him" where these sentences speak of one woman or one man all but once,
    "them" for a couple or a group ("they were furious"), else none."""
    counts = {pronoun: sum(len(words.findall(s.text)) for s in told)
              for pronoun, words in _PRONOUNS.items()}
    plural = counts.pop("them")
    (first, most), (_, other) = sorted(counts.items(), key=lambda kv: -kv[1])
    if most >= 2 and most >= 3 * other:
        return first
    return "them" if plural >= 2 else None


def _complaint(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences of the conflict, each with the ones after it that carry it on up to the
    speaker's first deed ("...one week he got really angry. He said he was losing business
    every minute he stood there.")."""
    told: list[Sentence] = []
    telling = False
    for sentence in sentences:
        if "conflict" in sentence.roles:
            telling = True
        elif _DEEDS & set(sentence.roles):
            telling = False
        if telling:
            told.append(sentence)
    return told


_DEEDS = frozenset({"own-action", "deed", "told-deed"})


def _fill(snippet: str, placeholder: str, words: str) -> str:
    """The snippet with the placeholder holding `placeholder` holding `words` instead."""
    return re.sub(r"\$\{(\d+):" + re.escape(placeholder) + r"\}",
                  lambda m: f"${{{m[1]}:{words}}}", snippet)


def _noun(role: str, sentences: list[Sentence]) -> str | None:
    """The noun the first of these sentences to name someone by `role` names them by."""
    for sentence in sentences:
        hit = sentence.roles.get(role)
        if hit is not None:
            # the hit's last word, or the one before the word a pattern ends on
            text = _after_noun_cut(hit.text) if role == "named-person" else hit.text
            words = re.findall(r"[A-Za-z]+", text)
            return words[-1].lower() if words else None
    return None


def _after_noun_cut(text: str) -> str:
    """A named-person hit without the token its pattern ends on, after the noun (there only
    to say it is no possessive): a stop glued to the noun, else the last word."""
    if text[-1:].isalnum():
        return text.rsplit(None, 1)[0]
    return text.rstrip(".,;:!?\"')]}\u201d\u2019-\u2013\u2014")


_PRONOUNS = {"her": re.compile(r"\b(?:she|her|hers|herself)\b", re.I),
             "him": re.compile(r"\b(?:he|him|his|himself)\b", re.I),
             "them": re.compile(r"\b(?:they|them|their|themselves)\b", re.I)}


def _insert_at(options: Options, model: AnswerModel) -> int:
    """Where the missing step reads best: in its STAR part; else after the step it follows
    and the sentences that carry that part of the story on (up to one of `insert_before`);
    else before the first of those once the case has begun, or at the end before the
    closing run of them; never inside a quote."""
    sentences = model.sentences
    in_part = [s for s in sentences if options.insert_in_part and s.part == options.insert_in_part
               and label_length(s.text) < len(s.text.rstrip())]  # not the label's own line
    if in_part and options.part_start:
        # (after the part's opening sentences that still tell what it follows, and no deed:
        # "Action: When she realised, she went absolutely mad.")
        still = set(options.insert_after)
        told = 0
        while (told < len(in_part) - 1 and still & set(in_part[told].roles)
               and not _DEEDS & set(in_part[told].roles)):
            told += 1
        if told:
            return in_part[told - 1].end
        return in_part[0].start + label_length(in_part[0].text)
    if in_part:
        return in_part[-1].end
    closing = set(options.insert_before)
    after = _anchor(options, sentences)
    fallback = _last_before_closing(options, sentences) if after is None else None
    if after is not None and not options.right_after:
        # "He'd driven over from the other side of town" still tells the complaint, and
        # "We also sent the crew back" the actions: the step goes after them (a complaint
        # that nothing follows keeps the step next to it, not after the closing lesson)
        anchor = after
        while after + 1 < len(sentences) and not closing & set(sentences[after + 1].roles):
            after += 1
        if after == len(sentences) - 1 and options.insert_after_first and anchor < after:
            after = anchor
    elif (after is not None and set(options.before_first) & set(sentences[after].roles)
          and after > _since(options, sentences)
          and not closing & set(sentences[after - 1].roles)):
        # the first outcome already tells how things stand now ("He has used the slot ever
        # since"): the step goes before it, after the deeds, or it would run backwards
        after -= 1
    elif fallback is not None:
        after = fallback
        while after + 1 < len(sentences) and not closing & set(sentences[after + 1].roles):
            after += 1
    elif after is None:
        # (the scene comes first: not before a habit told in the job's introduction)
        begun = next((n for n, s in enumerate(sentences) if _CASE & set(s.roles)), 0)
        first = next((n for n in range(begun, len(sentences))
                      if closing & set(sentences[n].roles)), None)
        if first:
            after = first - 1  # before the first of the steps that come after it
        else:
            # the closing run of later steps (result, follow-up, lesson...) stays after it
            after = len(sentences) - 1
            while after > 0 and closing & set(sentences[after].roles):
                after -= 1
    while after + 1 < len(sentences) and (_open_quote(sentences[after].text)
                                          or not _GLUED.isdisjoint(sentences[after].roles)
                                          or (after == 0 and _title_line(sentences[0].text))
                                          or _goes_on(sentences, after)):
        # 'asks "Does the patient have a care plan?' ends inside its quote; "We used to get
        # five claims a month." reads with the "Now it's one." after it, and "I pulled up
        # the timeline." with what it showed; a title line opening the answer is no sentence
        # to follow ("pool gone green two days after my visit"); a quoted question the same
        # sentence goes on after ('saying "what happened to X?" mostly dried up') is not its end
        after += 1
    return sentences[after].end


def _goes_on(sentences: list[Sentence], at: int) -> bool:
    """Whether this sentence ends on a quoted question or cry that the next one carries on:
    it opens with a small letter in the same paragraph."""
    following = sentences[at + 1]
    return (_QUOTED_END.search(sentences[at].text) is not None
            and following.paragraph == sentences[at].paragraph
            and following.text.lstrip()[:1].islower())


_QUOTED_END = re.compile("[?!][\"”’']\\s*$")


def _last_before_closing(options: Options, sentences: list[Sentence]) -> int | None:
    """The last sentence of an `after_last` role before the run of sentences of
    `insert_before` roles that closes the answer, else the last one in it."""
    if not options.after_last:
        return None
    closing = set(options.insert_before)
    end = len(sentences)
    while end > 0 and closing & set(sentences[end - 1].roles):
        end -= 1
    wanted = set(options.after_last)
    found = [n for n, s in enumerate(sentences) if wanted & set(s.roles)]
    # (where the closing run holds them all, after the last of them: not before the deeds)
    return next((n for n in reversed(found) if n < end), found[-1] if found else None)


def _title_line(text: str) -> bool:
    """An answer's first line with no full stop: its title or a note of the case."""
    return text.rstrip()[-1:] not in ".!?…:;\"'”’)"


_CASE = frozenset({"conflict", "event"})  # the sentences that tell the case has begun
_GLUED = frozenset({"count-before", "open-looking"})  # a sentence read with the one after it


def _since(options: Options, sentences: list[Sentence]) -> int:
    """The last sentence of an `anchor_since` role (-1: none)."""
    return max((n for n, s in enumerate(sentences) if set(options.anchor_since) & set(s.roles)),
               default=-1)


def _anchor(options: Options, sentences: list[Sentence]) -> int | None:
    """The sentence the step follows: the first of `insert_after_first`, else the last of
    `insert_after` (each list tried in its order), from the last of `anchor_since` on."""
    since = _since(options, sentences)
    before = set(options.anchor_before)
    for roles, pick in ((options.insert_after_first, 0), (options.insert_after, -1)):
        for role in roles:
            found = [n for n, s in enumerate(sentences) if role in s.roles and n >= since]
            if found and before:
                stop = next((n for n in range(found[0], len(sentences))
                             if before & set(sentences[n].roles)), len(sentences))
                found = [n for n in found if n < stop]
            if found:
                return found[pick]
    return None


def _inserted(snippet: str, model: AnswerModel) -> bool:
    frame = _frame(snippet)
    if frame is None:
        return False
    cue, pattern = frame  # the cue first: a substring test spares most sentences the regex
    return any(cue in " ".join(s.text.lower().split()) and pattern.search(s.text)
               for s in model.sentences)


@functools.lru_cache(maxsize=64)
def _frame(snippet: str) -> tuple[str, re.Pattern[str]] | None:
    """The snippet's own words, with anything in place of each placeholder (and its longest
    run of words, to test for first); none for a snippet that is mostly blanks (its sentence
    is then read like any other)."""
    parts = PLACEHOLDER.sub("\0", snippet).split("\0")
    if sum(len(part.split()) for part in parts) < 4:
        return None
    while parts and not parts[0].strip():
        parts.pop(0)  # a blank to start with matches anything: leave it out of the search
    cue = max((" ".join(p.split()) for p in parts), key=len).lower()
    return cue, re.compile(r".+?".join(re.escape(p).replace("\\ ", r"\s+") for p in parts),
                           re.IGNORECASE)


def _open_quote(text: str) -> bool:
    """Whether a sentence stops inside a quotation it opened."""
    return text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")


KIND = Kind(
    name="requirement",
    summary="one finding per answer that lacks a sentence of this kind",
    fires="once per answer that does not tell `role` (no sentence of it, unless the role is `judged` and the answer classifier is sure it is told; or the classifier is sure it is not), or where `also_when` holds, on its heading or last line; the quick fix inserts `snippet` after the first sentence of an `insert_after_first` role or the last of an `insert_after` role and the sentences that go on from it, up to one of an `insert_before` role (else after its last sentence, but before the sentences of `insert_before` roles that close the answer); none where a sentence reads as the role or `insert_unless` holds",
    reads="the answer's sentence roles",
    options=Options,
    placeholders=(),
    check=check,
)
