"""The share kind (too-much-story): the 20% rule holds for run-on sentences too."""

from answerlint.engine.lint import lint
from answerlint.settings import Settings

RUN_ON = (
    "A tenant rang the office on a Friday about her boiler and she was screaming down the "
    "phone before I could say a word, she called me useless and said we were a bunch of "
    "cowboys who took her rent and did nothing, and when I tried to book an engineer she "
    "talked over me and said she would go to the council and the local paper, and then she "
    "started crying and said her kids had been cold all week, and I let her finish, booked "
    "the emergency engineer for that evening and rang her at nine to check the heating was "
    "back on, which it was."
)


def _story(text):
    return [f for f in lint(text, Settings(target="expert")).findings if f.rule == "too-much-story"]


def test_a_fight_told_in_one_run_on_sentence_is_counted_by_its_parts():
    (finding,) = _story(RUN_ON)
    assert finding.message.startswith(
        "Too much story: 4 of 5 sentence parts (80%) retell the conflict.")
    assert (finding.start, finding.end) == (0, len(RUN_ON))


def test_one_clause_of_conflict_in_a_long_sentence_is_one_part():
    text = ("A diner sent his steak back twice and was really angry about it, so I apologised, "
            "had the kitchen cook a fresh one, took it out myself, checked it was right and "
            "offered him a dessert on the house, and he ate it all and thanked me on the way "
            "out.")
    assert _story(text) == []


def test_short_sentences_still_count_one_each():
    text = ("The customer was furious. He started yelling at me. He called me incompetent in "
            "front of everyone. I fixed the order.")
    (finding,) = _story(text)
    assert finding.message.startswith("Too much story: 3 of 4 sentences (75%) retell")
