"""The fast regex search finds exactly what the rule regex's own finditer finds."""

import re

import pytest

from answerlint.engine.lint import analyzer_for
from answerlint.engine.regex_search import finder, finditer, lowered
from answerlint.settings import Settings
from corpus import texts


def reference(regex: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text) if m.end() > m.start()]


def fast(regex: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0))
            for m in finditer(regex, finder(regex.pattern), text, lowered(text))]


def test_built_in_regexes_on_real_answers():
    regexes = [p.regex for _, _, _, p in analyzer_for(Settings()).regexes]
    assert len(regexes) > 10
    found = 0
    for text in texts():
        for regex in regexes:
            expected = reference(regex, text)
            assert fast(regex, text) == expected, regex.pattern
            found += len(expected)
    assert found > 20


@pytest.mark.parametrize("source, text", [
    (r"\bI was told\b", "WHY I WAS TOLD; i was told. Hi was told"),
    (r"\S+ed\b", "She HANDED it; I passed"),
    (r"[A-Z]{2}\d", "ab1 AB2 a-b3"),
    (r"\bwithin \d+ (?:minutes?|hours?)\b", "WITHIN 5 Hours, within 10 minutes"),
    (r"x*", "axxb xx"),  # matches empty strings too: those are dropped
    (r"\b", "two words"),
    (r"(?P<Who>manager|boss) knew", "My Manager knew; the BOSS knew"),
    (r"\bstraße\b", "Die STRASSE und die Straße"),
    (r"\bİstanbul\b", "in İstanbul and istanbul"),  # "İ".lower() is two characters
    (r"\\d\b", r"a \d b"),
    (r"\bsend\b", "ſend it, send it"),  # the long s matches "s" case-insensitively
    (r"μs", "5 µs"),  # so does the micro sign "μ"
    (r"\u00C9t\u00C9", "ÉTÉ and été"),  # characters named by their code
    (r"\x41PI|\N{LATIN CAPITAL LETTER B}log|\101", "API, api, Blog, blog, A"),
    (r"(?-i:API) key", "API KEY, api key"),  # a case-sensitive part
    (r"ſend", "send it"),  # a long s in the regex matches "s" in the text
])
def test_tricky_regexes(source, text):
    regex = re.compile(source, re.I)
    assert fast(regex, text) == reference(regex, text)
