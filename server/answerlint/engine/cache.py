"""Each answer's raw findings from the last lint of one document, so that an edit
re-analyses only the answers (heading sections) it touched."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from answerlint.engine.analysis import Analyzer, BlockFacts
    from answerlint.engine.document import Answer, Document, Parsed
    from answerlint.engine.findings import Finding
    from answerlint.settings import Settings


@dataclass(slots=True)
class Summary:
    """One answer at a glance: for the hover, the code lens and the CLI's JSON."""

    answer: int
    title: str | None
    start: int
    end: int
    level: int
    level_name: str
    words: int
    spoken_seconds: float
    shares: dict[str, float]


Checked = tuple[list["Finding"], list[Summary]]  # one answer's raw findings and summary


class AnswerCache:
    """One open document's answers, as last checked: entries are stored relative to the
    answer's start and keyed by the answer's text, its prose blocks, the analyzer and the
    settings that shape raw findings. Severity, `disable` and inline switches are applied
    afresh on every lint, so they are not part of the key.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple, Checked] = {}
        self.analysed = 0  # answers analysed (not taken from the cache) by the last lint
        # Within a changed answer, its unchanged blocks (paragraphs) are not tokenized and
        # matched again either: their facts, by text, for this analyzer.
        self._blocks: dict[str, BlockFacts] = {}
        self._blocks_analyzer: Analyzer | None = None
        self.sections: dict[str, Parsed] = {}  # Markdown parses by section (see parse)

    @staticmethod
    def key(document: Document, answer: Answer, analyzer: Analyzer, settings: Settings) -> tuple:
        first = answer.blocks[0].paragraph if answer.blocks else 0
        blocks = tuple((b.start - answer.start, b.paragraph - first, b.text) for b in answer.blocks)
        heading = (None if answer.heading is None
                   else (answer.heading[0] - answer.start, answer.heading[1] - answer.start))
        return (analyzer, settings.target, settings.words_per_minute, settings.judge,
                answer.title, heading,
                document.text[answer.start : answer.end], blocks)

    def entry(self, key: tuple) -> Checked | None:
        """An answer's findings and summary from the last lint, relative to its start."""
        return self._entries.get(key)

    def blocks_for(self, analyzer: Analyzer) -> dict[str, BlockFacts]:
        """The blocks analysed last time, when it was with this analyzer (else none)."""
        return self._blocks if self._blocks_analyzer is analyzer else {}

    def warm(self, analyzer: Analyzer) -> dict[str, BlockFacts]:
        """The blocks analysed for this analyzer, to add to ahead of a lint (see prime)."""
        if self._blocks_analyzer is not analyzer:
            self._blocks, self._blocks_analyzer = {}, analyzer
        return self._blocks

    def keep(self, entries: dict[tuple, Checked], answers: list[Answer],
             blocks: dict[str, BlockFacts], analyzer: Analyzer, analysed: int) -> None:
        """Keep only this lint's answers and their blocks: the document's current ones."""
        self._entries = entries
        self._blocks = {b.text: blocks[b.text] for a in answers for b in a.blocks
                        if b.text in blocks}
        self._blocks_analyzer = analyzer
        self.analysed = analysed


def relative(checked: Checked, answer: Answer) -> Checked:
    """An answer's findings and summary with offsets from its start, to keep."""
    found, summary = checked
    return ([f.shifted(-answer.start, -1) for f in found],
            [replace(s, start=s.start - answer.start, end=s.end - answer.start)
             for s in summary])


def placed(entry: Checked, answer: Answer) -> Checked:
    """A kept entry moved to where its answer stands now."""
    found, summary = entry
    return ([f.shifted(answer.start, answer.index) for f in found],
            [replace(s, answer=answer.index, start=s.start + answer.start,
                     end=s.end + answer.start) for s in summary])
