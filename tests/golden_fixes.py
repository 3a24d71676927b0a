"""Every rewrite and inserted step answerlint offers on a set of drafts, as read aloud.

`python tests/golden_fixes.py` writes tests/golden/rewrites.txt (each rewrite: the sentence
before and after) and tests/golden/inserts.txt (each missing step: where it goes, between
the words before and after it) from the bundled examples and our own answers. Read the
changed entries aloud before committing them: tests/test_rewrites.py and tests/test_inserts.py
fail when an entry changes, so a changed fix is always read again.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from answerlint.engine.lint import lint
from answerlint.fixes import Edit, insert_step, rewrites
from answerlint.settings import Settings
from corpus import DEV_SET, ROOT

GOLDEN = ROOT / "tests" / "golden" / "rewrites.txt"
GOLDEN_INSERTS = ROOT / "tests" / "golden" / "inserts.txt"
SETTINGS = Settings(target="expert")


@dataclass(frozen=True)
class Rewrite:
    where: str  # file name and line
    rule: str
    option: int  # 1 is the preferred rewrite
    before: str  # the sentence as written
    after: str  # the same sentence with the rewrite applied
    text: str  # the whole draft with the rewrite applied
    span: tuple[int, int]  # where the new words are in it

    def entry(self) -> str:
        return f"## {self.where} {self.rule} {self.option}\n- {self.before}\n+ {self.after}\n"


def dev_set_drafts() -> list[Path]:
    """The dev set's answers, when it is beside the project (none in a user's clone)."""
    return sorted(p for p in DEV_SET.glob("*.md") if p.name != "README.md")


def project_drafts() -> list[Path]:
    own = ROOT / "tests" / "own-answers"
    return sorted((ROOT / "examples").glob("*.md")) + sorted(
        p for p in own.glob("*.md") if p.name != "README.md")


def collect(path: Path) -> list[Rewrite]:
    text = path.read_text(encoding="utf-8")
    result = lint(text, SETTINGS)
    out = []
    for finding in result.findings:
        sentence = next((s for m in result.models for s in m.sentences
                         if s.start <= finding.start < s.end), None)
        start, end = (sentence.start, sentence.end) if sentence else (finding.start, finding.end)
        end = max(end, finding.end)
        line = result.document.lines.position(finding.start).line + 1
        for n, fix in enumerate(rewrites(finding, text), 1):
            (edit,) = fix.edits
            after = text[:edit.start] + edit.new_text + text[edit.end:]
            delta = len(edit.new_text) - (edit.end - edit.start)
            out.append(Rewrite(f"{path.name}:{line}", finding.rule, n,
                               _one_line(text[start:end]), _one_line(after[start:end + delta]),
                               after, (edit.start, edit.start + len(edit.new_text))))
    return out


@dataclass(frozen=True)
class Insert:
    where: str  # file name and line of the finding
    rule: str
    edit: Edit
    before: str  # the words before the inserted text (to the start of their sentence)
    inserted: str
    after: str  # the words after it, to the end of their line
    text: str  # the whole draft with the step inserted (plain text, no snippet)

    def entry(self) -> str:
        return f"## {self.where} {self.rule}\n…{self.before}⟪{self.inserted}⟫{self.after}\n"


def collect_inserts(path: Path) -> list[Insert]:
    text = path.read_text(encoding="utf-8")
    result = lint(text, SETTINGS)
    out = []
    for finding in result.findings:
        fix = insert_step(finding, text, snippets=False)
        if fix is None:
            continue
        (edit,) = fix.edits
        sentence = next((s for m in result.models for s in m.sentences
                         if s.start < edit.start <= s.end), None)
        start = max(sentence.start if sentence else edit.start - 60, edit.start - 160)
        stop = text.find("\n", edit.end)
        stop = min(len(text) if stop < 0 else stop, edit.end + 60)
        line = result.document.lines.position(finding.start).line + 1
        out.append(Insert(f"{path.name}:{line}", finding.rule, edit,
                          _spaced(text[start:edit.start]), edit.new_text.replace("\n", "⏎"),
                          _spaced(text[edit.end:stop]),
                          text[:edit.start] + edit.new_text + text[edit.end:]))
    return out


def _spaced(words: str) -> str:
    """Words on one line, keeping a space at either end (where the insert meets them)."""
    return re.sub(r"\s+", " ", words)


def _one_line(sentence: str) -> str:
    return " ".join(sentence.split())


def render(paths: list[Path]) -> str:
    return "\n".join(r.entry() for p in paths for r in collect(p))


def render_inserts(paths: list[Path]) -> str:
    return "".join(i.entry() for p in paths for i in collect_inserts(p))


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(render(project_drafts()), encoding="utf-8")
    GOLDEN_INSERTS.write_text(render_inserts(project_drafts()), encoding="utf-8")
    print(f"wrote {GOLDEN} and {GOLDEN_INSERTS}", file=sys.stderr)
