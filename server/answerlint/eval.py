"""Accuracy on labelled answers: `python -m answerlint.eval tests/own-answers ../shared/dev-set`.

Prints, per answer-level check and for `level`, precision, recall, the confusion counts and
the answers each check got wrong, so a miss can be read in seconds. `--json` writes figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from answerlint.engine.lint import LintResult, lint, rules_for
from answerlint.settings import Settings

# check -> (label column, the label value meaning "should fire"); see the dev set's README.
CHECKS: dict[str, tuple[str, str]] = {
    "missing-result": ("result", "0"),
    "missing-root-cause": ("root_cause", "0"),
    "missing-scaling-fix": ("scaling_fix", "0"),
    "missing-value": ("value", "0"),
    "missing-follow-up": ("follow_up", "0"),
    "missing-acknowledgement": ("acknowledgement", "0"),
    "too-much-story": ("too_much_story", "1"),
    "doormat": ("doormat", "1"),
    "passive-talk": ("passive", "1"),
    "name-the-tool": ("named_tool", "special"),
    "hypothetical": ("hypothetical", "1"),
}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _truth(check: str, row: dict[str, str]) -> bool:
    column, value = CHECKS[check]
    if check == "name-the-tool":
        return row["scaling_fix"] == "1" and row["named_tool"] == "0"
    return row[column] == value


@dataclass
class LevelScore:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)  # "file (label->found)"
    extreme: list[str] = field(default_factory=list)  # Basic called Expert, or the reverse
    confusion: dict[str, int] = field(default_factory=dict)  # "label->found" -> answers

    @property
    def agreement(self) -> float:
        return self.right / self.total if self.total else 0.0


def labelled(folder: Path) -> list[tuple[dict[str, str], str]]:
    """A labelled folder's rows (labels.tsv) with the text of each answer file."""
    with open(folder / "labels.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(row, (folder / row["file"]).read_text(encoding="utf-8")) for row in rows]


def measure(results: Iterable[tuple[dict[str, str], LintResult]]
            ) -> tuple[dict[str, Score], LevelScore]:
    """Each check's and the level's agreement with the labels, over linted answers."""
    scores = {check: Score() for check in CHECKS}
    level = LevelScore()
    for row, result in results:
        fired = {f.rule for f in result.findings}
        for check, score in scores.items():
            truth, got = _truth(check, row), check in fired
            if truth and got:
                score.tp += 1
            elif got:
                score.fp += 1
                score.false_positives.append(row["file"])
            elif truth:
                score.fn += 1
                score.false_negatives.append(row["file"])
            else:
                score.tn += 1
        found = [s.level for s in result.summaries]
        predicted = found[0] if found else 1
        expected = int(row["level"])
        level.total += 1
        key = f"{expected}->{predicted}"
        level.confusion[key] = level.confusion.get(key, 0) + 1
        if predicted == expected:
            level.right += 1
        else:
            level.wrong.append(f"{row['file']} ({expected}->{predicted})")
            if abs(predicted - expected) == 2:
                level.extreme.append(row["file"])
    return scores, level


def evaluate(folder: Path, target: str = "expert", judge: bool = True
             ) -> tuple[dict[str, Score], LevelScore]:
    settings = Settings(target=target, judge=judge)
    return measure((row, lint(text, settings)) for row, text in labelled(folder))


def report(scores: dict[str, Score], level: LevelScore) -> str:
    lines = [f"{'check':<24} {'prec':>5} {'recall':>6} {'tp':>3} {'fp':>3} {'fn':>3} {'tn':>3}  wrong"]
    for check, s in scores.items():
        wrong = " ".join([f"+{f}" for f in s.false_positives] + [f"-{f}" for f in s.false_negatives])
        lines.append(f"{check:<24} {s.precision:>5.2f} {s.recall:>6.2f} {s.tp:>3} {s.fp:>3} "
                     f"{s.fn:>3} {s.tn:>3}  {wrong}")
    lines.append(f"{'level':<24} agreement {level.agreement:.2f} ({level.right}/{level.total}), "
                 f"Basic<->Expert swaps: {len(level.extreme)}")
    confusion = ", ".join(f"{k}: {v}" for k, v in sorted(level.confusion.items()))
    lines.append(f"{'':<24} label->found {confusion}")
    lines.append(f"{'':<24} wrong: {' '.join(level.wrong)}")
    lines.append("(+file: fired but should not; -file: should fire but did not)")
    return "\n".join(lines)


def side_by_side(named: dict[str, tuple[dict[str, Score], LevelScore]]) -> str:
    """One row per check, precision / recall for each labelled set, as in docs/accuracy.md."""
    names = list(named)
    header = "| check | " + " | ".join(f"{n} P / R" for n in names) + " |"
    lines = [header, "|---|" + "---|" * len(names)]
    for check in CHECKS:
        cells = [f"{named[n][0][check].precision:.2f} / {named[n][0][check].recall:.2f}"
                 for n in names]
        lines.append(f"| {check} | " + " | ".join(cells) + " |")
    cells = [f"{named[n][1].agreement:.2f} ({len(named[n][1].extreme)} swaps)" for n in names]
    lines.append("| level | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _floor(value: float) -> float:
    """Three decimals, rounded down, so a recorded floor never sits above the real figure."""
    return math.floor(value * 1000) / 1000


def figures(scores: dict[str, Score], level: LevelScore) -> dict[str, dict[str, float]]:
    """The figures a floor is recorded from, rounded down."""
    out: dict[str, dict[str, float]] = {
        c: {"precision": _floor(s.precision), "recall": _floor(s.recall)}
        for c, s in scores.items()}
    out["level"] = {"agreement": _floor(level.agreement), "extreme": len(level.extreme)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m answerlint.eval")
    parser.add_argument("folders", type=Path, nargs="+",
                        help="folders with NNN.md answers and labels.tsv (several: side by side)")
    parser.add_argument("--target", default="expert")
    parser.add_argument("--patterns-only", action="store_true",
                        help="leave the answer classifier out: the roles' patterns alone")
    parser.add_argument("--json", type=Path,
                        help="also write the figures here, by folder name (a floor for the tests)")
    args = parser.parse_args(argv)
    for folder in args.folders:
        if not (folder / "labels.tsv").is_file():
            print(f"{folder}: no labels.tsv here", file=sys.stderr)
            return 2
    problems = rules_for(Settings(target=args.target)).errors
    if problems:
        # figures over a rule set that did not load would mislead, and a floor written from
        # them would hide the loss
        for problem in problems:
            print(f"answerlint: rule file error: {problem}", file=sys.stderr)
        print("nothing measured: fix the rule files first", file=sys.stderr)
        return 2
    named = {}
    for folder in args.folders:
        judge = not args.patterns_only
        scores, level = named[str(folder)] = evaluate(folder, args.target, judge)
        print(f"## {folder}\n")
        print(report(scores, level) + "\n")
    if len(named) > 1:
        print(side_by_side(named))
    if args.json:
        args.json.write_text(json.dumps({folder.name: figures(*named[str(folder)])
                                         for folder in args.folders}, indent=2) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
