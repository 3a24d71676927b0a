from pathlib import Path

from answerlint.engine.document import parse

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_a_file_without_headings_is_one_answer():
    doc = parse("I fixed it.\n\nThe customer was happy.")
    assert len(doc.answers) == 1
    assert doc.answers[0].title is None
    assert len(doc.answers[0].blocks) == 2


def test_title_over_sections_is_not_an_answer():
    doc = parse("# My answers\n\nintro\n\n## One\n\nText one.\n\n## Two\n\nText two.\n")
    assert [a.title for a in doc.answers] == ["One", "Two"]


def test_star_headings_belong_to_their_answer():
    doc = parse("# Refund\n\n## Situation\n\nA.\n\n## Action\n\nB.\n\n## Result\n\nC.\n")
    assert [a.title for a in doc.answers] == ["Refund"]
    assert len(doc.answers[0].blocks) == 3


def test_prose_keeps_document_offsets_and_masks_what_is_not_prose():
    text = "- I **fixed** the `form` per [the guide](http://x.io) <!-- note -->\n"
    doc = parse(text)
    block = doc.answers[0].blocks[0]
    assert len(block.text) == block.end - block.start
    assert text[block.start : block.end].startswith("I **fixed**")
    assert "fixed" in block.text and "form" not in block.text
    assert "http" not in block.text and "note" not in block.text and "guide" in block.text
    assert block.text.index("fixed") == text[block.start:].index("fixed")


def test_code_front_matter_and_html_are_not_prose():
    text = "---\ntarget: expert\n---\n\n```\nI was told to\n```\n\n    I was told to\n\n<div>\nI was told to\n</div>\n\nReal text.\n"
    doc = parse(text)
    assert doc.front_matter == {"target": "expert"}
    assert [text[b.start : b.end] for b in doc.answers[0].blocks] == ["Real text."]


def test_quotes_lists_and_table_cells_are_prose():
    text = "> quoted line\n\n1. first item\n\n| a cell | b cell |\n|---|---|\n| c | d |\n"
    doc = parse(text)
    assert [text[b.start : b.end] for b in doc.answers[0].blocks] == [
        "quoted line", "first item", "a cell", "b cell", "c", "d"]


def test_broken_front_matter_is_reported():
    doc = parse("---\ntarget: [\n---\nText.\n")
    assert doc.front_matter_error and doc.front_matter_error.startswith("front matter")


def test_crlf_document():
    text = "# One\r\n\r\nI fixed it.\r\n"
    doc = parse(text)
    block = doc.answers[0].blocks[0]
    assert text[block.start : block.end] == "I fixed it."


def test_sectioned_parse_equals_a_whole_document_parse():
    """Parsing heading sections one at a time (cached per section) finds exactly the blocks
    and headings a parse of the whole body finds, fences with '#' lines included."""
    from answerlint.engine.document import parse_body, parse_by_section
    from answerlint.engine.positions import LineIndex

    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.md"))] + [
        "# A\n\nText one.\n\n```\n# not a heading\n```\n\n## B\n\n- item\n- item two\n\n"
        "# C\r\n\r\nCRLF para.\r\n",
        "Intro para\n# Heading right after\nMore text\n~~~~\n# x\n~~~\n# still code\n~~~~\n"
        "## Real\n\n| a | b |\n|---|---|\n| cell one | cell two |\n",
        "# T\n\nA *story* with `code` and [a link](http://x).\n\n    # indented code\n\n"
        "#NoSpace is text\n\n####### seven is text\n\n> # quoted heading\n> more\n",
        "# Old Mac\rLine one.\r\r## Two\r```\r# code\r```\rText.\r#\r   ### Indented three\r",
        "````\n```\n# still code\n````  \n# Out\n``` not closed\n# in code to the end\n",
        "#",
    ]
    for text in texts:
        lines = LineIndex(text)
        assert parse_by_section(text, lines) == parse_body(text, lines), text[:40]


LONG_INTRO = ("Last spring a client was furious that her refund had failed twice, so I traced it to "
              "our form, which dropped the order number, fixed it and told her the same day.")


def test_a_title_with_an_answer_of_its_own_over_questions_keeps_that_answer():
    doc = parse(f"# Prep\n\n{LONG_INTRO}\n\n## Two\n\nText two.\n")
    assert [(a.title, len(a.blocks)) for a in doc.answers] == [("Prep", 1), ("Two", 1)]


def test_several_groups_of_questions_give_each_question_its_own_answer():
    doc = parse("# Group A\n\n## Q1\n\nOne.\n\n## Q2\n\nTwo.\n\n# Group B\n\nshort note\n\n"
                "## Q3\n\nThree.\n")
    assert [(a.title, [b.text for b in a.blocks]) for a in doc.answers] == [
        ("Q1", ["One."]), ("Q2", ["Two."]), ("Q3", ["Three."])]
    assert [a.index for a in doc.answers] == [0, 1, 2]


def test_bold_numbered_and_q_question_lines_open_answers():
    for text, titles in [
        ("**Q: Tell me about a difficult customer?**\n\nA: I fixed it.\n\n"
         "**Why did you leave?**\n\nI moved.\n", ["Tell me about a difficult customer?",
                                                  "Why did you leave?"]),
        ("1. Tell me about a time?\n\nI fixed it.\n\n2. Another time?\n\nI refunded it.\n",
         ["Tell me about a time?", "Another time?"]),
        ("# Bank\n\nQ: First?\n\nI did.\n\nQuestion 2: Second?\n\nShe did.\n", ["First?", "Second?"]),
    ]:
        doc = parse(text)
        assert [a.title for a in doc.answers] == titles
        assert all(len(a.blocks) == 1 for a in doc.answers)
        first = doc.answers[0]
        assert text[first.heading[0] : first.heading[1]].strip("*").startswith(("Q:", "Tell"))


def test_empty_sections_and_files_are_no_answers_to_coach():
    from answerlint.engine.lint import lint

    assert [a.title for a in parse("# Q1\n\n## Q2\n\nText.\n").answers] == ["Q2"]
    for text in ("", "# Empty\n", "# One\n\n## Two\n", "   \n\n"):
        assert [f.rule for f in lint(text).findings] == [], repr(text)


def test_nul_and_lone_surrogates_keep_their_text_and_offsets():
    text = "# Q\r\n\r\nI was told \x00 to wait \ud800 for the team.\r\n"
    block = parse(text).answers[0].blocks[0]
    assert text[block.start : block.end].startswith("I was told")
    assert len(block.text) == block.end - block.start


def test_star_labels_on_lines_of_one_paragraph_each_tell_their_part():
    # no blank line between the labelled lines: still one part per line, and no sentence
    # runs on from one label's line into the next
    text = ("## A leak\n\n**Situation:** A tenant rang about a leak\n**Action:** I called the "
            "plumber. I checked the flat above\n**Result:** The leak stopped that night.\n")
    (answer,) = parse(text).answers
    assert [(b.part, text[b.start:b.end]) for b in answer.blocks] == [
        ("situation", "**Situation:** A tenant rang about a leak"),
        ("action", "**Action:** I called the plumber. I checked the flat above"),
        ("result", "**Result:** The leak stopped that night."),
    ]
