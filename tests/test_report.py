"""`answerlint report`: the HTML page a coach reads, checked for what it shows."""

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from answerlint.cli import main
from answerlint.rules.kinds.spoken_time import spoken

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HOSTILE = ("# <script>alert(1)</script>\n\nA customer yelled at me. "
           "<img src=x onerror=alert(1)> I just apologized.\n")


class Page(HTMLParser):
    """The page's answer sections (their text), summary table text, marks and tags."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []
        self.summary = ""
        self.marks: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.lang = None
        self._answer_depth = 0  # section nesting inside the current answer
        self._in_summary = self._in_mark = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "section":
            if self._answer_depth:
                self._answer_depth += 1
            elif "answer" in (attrs.get("class") or "").split():
                self._answer_depth = 1
                self.answers.append("")
        if tag == "table" and attrs.get("class") == "summary":
            self._in_summary = True
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag):
        if tag == "section" and self._answer_depth:
            self._answer_depth -= 1
        if tag == "table":
            self._in_summary = False
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._answer_depth:
            self.answers[-1] += data
        if self._in_summary:
            self.summary += data
        if self._in_mark:
            self.marks[-1] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", str(EXAMPLES), "-o", str(out)]) == 0  # findings do not fail it
    return out


@pytest.fixture(scope="module")
def engine_answers() -> dict[str, list[dict]]:
    """Per example file, the answers as `check --format json` gives them."""
    done = subprocess.run([sys.executable, "-m", "answerlint", "check",
                           "--format", "json", str(EXAMPLES)], capture_output=True, text=True,
                          timeout=120)
    return {Path(f["path"]).name: f["answers"] for f in json.loads(done.stdout)["files"]}


def test_one_section_per_answer_with_its_level_time_and_story_share(examples_report,
                                                                   engine_answers):
    page = parse(examples_report)
    answers = [a for file in sorted(engine_answers) for a in engine_answers[file]]
    assert len(page.answers) == len(answers) == 6
    for shown, answer in zip(page.answers, answers, strict=True):
        assert answer["title"] in shown
        assert f"Level {answer['level']} · {answer['level_name']}" in shown
        assert f"Spoken time: {spoken(answer['spoken_seconds'])} of ~2:00" in shown
        assert f"story {answer['shares']['story']:.0%}" in shown
    basic = next(s for s in page.answers if "A rude customer at the café" in s)
    assert "Story over 20% (60%): the 20% rule" in basic
    expert = next(s for s in page.answers if "The refund that failed three times" in s)
    assert "Story within the 20% rule (0%)" in expert


def test_summary_table_lists_every_draft_and_the_most_frequent_findings(examples_report):
    page = parse(examples_report)
    for name in ("answer-bank.md", "basic.md", "expert.md", "professional.md"):
        assert name in page.summary
    assert "Level 2 · Professional" in page.summary
    text = examples_report.read_text(encoding="utf-8")
    # four drafts lack a follow-up (see `answerlint check examples/`): the top count
    assert "<tr><td>missing-follow-up</td><td>4</td></tr>" in text


def test_flagged_phrases_are_marked_in_the_text(examples_report):
    marks = parse(examples_report).marks
    # examples/basic.md:3:178: warning doormat "just apologized" ...
    assert "just apologized" in marks
    assert "hopefully" in marks  # the answer bank's hedging


def test_page_is_offline_html5(examples_report):
    page = parse(examples_report)
    text = examples_report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert page.lang == "en"
    assert '<meta charset="utf-8">' in text
    assert "<title>answerlint report</title>" in text


VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}


class Nesting(HTMLParser):
    """Every element that is not void is closed, in order (what a validator checks first)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.wrong: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.wrong.append(tag)


def test_every_element_is_closed_in_order(examples_report):
    nesting = Nesting()
    nesting.feed(examples_report.read_text(encoding="utf-8"))
    assert nesting.wrong == [] and nesting.open == []


def test_a_draft_that_cannot_be_read_is_shown_and_exits_2(tmp_path):
    (tmp_path / "good.md").write_text("A customer yelled at me. I just apologized.\n",
                                      encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\0\1\2")
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path), "-o", str(out)]) == 2
    page = parse(out)
    assert "binary.md" in page.summary and "binary file, not a Markdown draft" in page.summary
    assert len(page.answers) == 1  # the readable draft is still reported


def test_markup_in_a_draft_shows_as_text(tmp_path):
    draft = tmp_path / "hostile.md"
    draft.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(draft), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<script" not in text.lower()  # the report itself uses no script
    page = parse(out)
    assert not [t for t, _ in page.tags if t in ("script", "img", "iframe")]
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), tag
    assert "just apologized" in page.marks


def test_usage_errors_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty), "-o", str(tmp_path / "r.html")]) == 2
    assert "no Markdown drafts found" in capsys.readouterr().err
    draft = tmp_path / "a.md"
    draft.write_text("A customer yelled at me.\n", encoding="utf-8")
    assert main(["report", str(draft), "-o", str(tmp_path / "missing" / "r.html")]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert main(["report", str(draft), "-o", str(tmp_path)]) == 2  # a folder
    assert not (tmp_path / "r.html").exists()


def test_target_is_passed_to_the_levels(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(EXAMPLES / "expert.md"), "-o", str(out),
                 "--target", "basic"]) == 0
    assert "Level 3 · Expert" in parse(out).answers[0]


CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium (Debian's package) is not on PATH")
def test_the_page_renders_in_headless_chromium(examples_report, tmp_path):
    png = tmp_path / "report.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu"]
    shot = subprocess.run([CHROMIUM, *flags, f"--screenshot={png}", "--window-size=1200,1600",
                           examples_report.as_uri()], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert shot.returncode == 0, shot.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 1000
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", examples_report.as_uri()],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr
    for level in ("Basic", "Professional", "Expert"):
        assert f"· {level}</span>" in dom.stdout
