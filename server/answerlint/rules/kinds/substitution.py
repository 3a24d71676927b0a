"""substitution: flag weak words and offer one or more rewrites (the quick fixes)."""

from __future__ import annotations

from answerlint.engine.analysis import AnswerModel
from answerlint.engine.findings import Context, Finding, make
from answerlint.rules.kinds.existence import hits_in_roles
from answerlint.rules.model import Rule


def keep_case(original: str, replacement: str) -> str:
    """A rewrite of capitalised words starts with a capital too ("Told to" -> "Decided to")."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    pronoun_i = replacement == "I" or replacement.startswith(("I ", "I'"))
    if original[:1].islower() and replacement[:1].isupper() and not pronoun_i:
        return replacement[0].lower() + replacement[1:]
    return replacement


def check(rule: Rule, model: AnswerModel, context: Context) -> list[Finding]:
    findings = []
    for hit in hits_in_roles(rule, model):
        options = [keep_case(hit.text, r) for r in hit.replacements]
        options = list(dict.fromkeys(o for o in options if o != hit.text))
        message = rule.message.format(match=hit.text, replacement=" / ".join(options))
        findings.append(make(rule, model, hit.start, hit.end, message, replacements=options))
    return findings
