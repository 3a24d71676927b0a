"""Answers of our own for the checks the dev set has few positives for.

Written for these tests (none is a dev-set answer reworded), each in a different trade and
style, with the checks that must fire and the checks that must stay silent, at target expert.
"""

import pytest

from answerlint.engine.lint import lint
from answerlint.settings import Settings

ANSWERS = {
"dialogue": "A guest came to the front desk at midnight. He said he wanted a room with a view. I told him no, we were fully booked. He insisted that he had paid for an upgrade. We went back and forth for ten minutes. Then I checked the booking, saw that a partner site had sold the upgrade without syncing, moved him to a suite and added a sync check to the partner settings.",
"emotions": "The client was furious about her invoice. She started shouting at my colleague on the phone. She called our whole team useless. She threatened to cancel the contract. I found that our invoice template showed last year's rate, fixed her invoice and corrected the template.",
"brief": "A client was angry that her invoice showed last year's rate. I compared it with the contract, found that our invoice template still carried the old rate, and sent her a corrected invoice the same day. I then fixed the template, so the next 40 invoices went out right, and she renewed in March.",
"would-anger": "If a customer were shouting at me, I would stay calm and listen. I would never argue back and forth with an angry caller. I would find out what went wrong and fix it.",
"passive": "A caller was upset that his credit had not arrived. I was asked to issue the credit, so I followed the policy and transferred the call to the billing team. The credit posted a week later.",
"owner": "A caller was upset that his credit had not arrived. I issued the credit myself, called the billing team to make sure it posted that afternoon, and rang him back to confirm.",
"doormat": "A diner started yelling at me because his soup was cold. I stayed calm and kept smiling while he shouted. I let him vent and never raised my voice. Eventually he calmed down and left a tip.",
"calm-not-doormat": "A diner complained that his soup was cold. I replaced it, then checked the pass and found that bowls were waiting five minutes for a runner. I moved one server to running at peak time and cold-soup complaints stopped.",
"scales": "A patient was upset that her test results had gone to an old address. I found that our intake form never asked for address changes, sent the results again by hand, and added an address check to the intake checklist so it could not happen to anyone else.",
"one-time": "A patient was upset that her test results had gone to an old address. I apologized, printed the results and handed them to her in person. She thanked me.",
"suggested": "A tenant was angry that repairs took weeks. I booked the repair for the next morning. I suggested to my manager that we should update the repair FAQ, but we never got to it.",
"would-fix": "A shopper was upset that the coupon failed at checkout. I applied the discount by hand. Next time I would update the checkout process so the coupon works for everyone.",
# Each idea below in three voices: the rule must hold for all of them.
"patience-won-1": "I stayed calm and patient the whole time and never lost my temper. I listened and was very polite. In the end the customer left happy.",
"patience-won-2": "The man at the counter swore at me for ages. I kept smiling, didn't rise to it and let him get it all out. Thanks to my patience he calmed down and left.",
"patience-won-3": "i just stayed super polite with her, didnt take any of it personally. by the end of the call she was fine.",
"one-time-fix-1": "A client was angry about a wrong invoice. I corrected the amount and emailed her the new invoice the same day, and she paid it.",
"one-time-fix-2": "A tenant's rent was charged twice. I refunded the second payment, apologised and sent him a letter to confirm.",
"one-time-fix-3": "Guest was billed for a minibar he never used. Took it off his bill, printed a new receipt, he was happy.",
"later-contact-1": "A customer's export kept failing. I found that our exporter dropped a discount code, fixed it, and two weeks later I called her to confirm the export was correct.",
"later-contact-2": "Her boiler kept cutting out. I replaced the valve that was sticking and rang her on the Saturday to check the heating was holding.",
"later-contact-3": "A parent was upset about a lost coat. I found it in the hall, gave it back and emailed her the next morning to make sure her son had it.",
"number-1": "Clients kept calling about a confusing bill. I found that our bill hid the credit line, rewrote the bill template, and tickets dropped from 30 a month to 2.",
"number-2": "Patients kept missing appointments because the reminder went to old numbers. I added a number check to the booking form, and no-shows fell by a third.",
"number-3": "Drivers kept getting the wrong gate code. I found the code in our delivery notes was out of date, changed the notes template, and calls about it went from ten a week to none.",
"result-order-1": "A customer's dishwasher kept leaking. I found a worn seal, replaced it, and I called him a week later and the dishwasher was working.",
"result-order-2": "A customer's dishwasher kept leaking. I found a worn seal and replaced it. A week later I called him and the dishwasher was still working.",
"result-order-3": "A customer's dishwasher kept leaking. I found a worn seal and replaced it. When I rang him the following week, it hadn't leaked since.",
"told-in-present": "One day a customer call me very angry because his bill was double. I check his account and I see the discount was finished and nobody tell him. I explain him and I give him a new offer. He accept the offer and he say thank you.",
"told-in-present-2": "One morning a lady open the door and she is already angry, the eggs in her bag are broken. I say sorry and we look in the bags together. Then I check the crate. The eggs are under two big packs of water. I mark them damaged on my handheld and she get the refund before I leave.",
"cause-unknown": "A member was stopped at the door of a preview evening because her name was missing from the list. I looked her up: she had renewed in January, but her record still showed as lapsed. We never did work out why; the payment and the record just had not linked up. I corrected it that night and she thanked me.",
"could-see-why": "A diner said nobody had served his table for twenty minutes. When I checked the section chart I could see why: his table had not been put in anyone's section. I served it myself and he thanked me on the way out.",
"cause-after-semicolon": "A regular was furious that we had sold the copy she asked us to keep aside; the hold slip had slipped out of the book. I ordered her a copy the same day and she is still in every week.",
}

# answer -> (checks that must fire, checks that must stay silent)
EXPECTED = {
    "dialogue": ({"too-much-story"}, {"doormat", "passive-talk", "missing-scaling-fix"}),
    "emotions": ({"too-much-story", "drama"}, {"missing-root-cause", "missing-scaling-fix"}),
    "brief": (set(), {"too-much-story", "drama", "missing-root-cause", "missing-result",
                      "missing-scaling-fix"}),
    "would-anger": ({"hypothetical", "missing-scaling-fix"}, {"too-much-story"}),
    "passive": ({"passive-talk"}, {"doormat", "too-much-story"}),
    "owner": (set(), {"passive-talk", "doormat"}),
    "doormat": ({"doormat"}, {"passive-talk"}),
    "calm-not-doormat": (set(), {"doormat", "missing-scaling-fix", "missing-result",
                                 "too-much-story"}),
    "scales": (set(), {"missing-scaling-fix", "missing-root-cause", "doormat"}),
    "one-time": ({"missing-scaling-fix"}, {"doormat", "passive-talk"}),
    "suggested": ({"missing-scaling-fix"}, set()),  # a fix suggested, never made
    "would-fix": ({"missing-scaling-fix"}, set()),  # "next time I would update the process"
    "patience-won-1": ({"doormat"}, {"passive-talk"}),
    "patience-won-2": ({"doormat"}, {"passive-talk"}),
    "patience-won-3": ({"doormat"}, {"passive-talk"}),
    "one-time-fix-1": ({"missing-scaling-fix"}, {"missing-result", "doormat"}),
    "one-time-fix-2": ({"missing-scaling-fix"}, {"doormat"}),
    "one-time-fix-3": ({"missing-scaling-fix"}, {"missing-result", "doormat"}),
    "later-contact-1": (set(), {"missing-follow-up", "missing-root-cause", "missing-result"}),
    "later-contact-2": (set(), {"missing-follow-up", "missing-root-cause"}),
    "later-contact-3": (set(), {"missing-follow-up"}),
    "number-1": (set(), {"missing-value", "missing-root-cause", "missing-scaling-fix", "name-the-tool"}),
    # its cause is told only in the situation, as a plain past fact: a known limit
    "number-2": (set(), {"missing-value", "missing-result", "missing-scaling-fix"}),
    "number-3": (set(), {"missing-value", "missing-root-cause", "missing-scaling-fix"}),
    "result-order-1": (set(), {"missing-result", "missing-follow-up", "missing-root-cause"}),
    "result-order-2": (set(), {"missing-result", "missing-follow-up", "missing-root-cause"}),
    "result-order-3": (set(), {"missing-result", "missing-follow-up", "missing-root-cause"}),
    "told-in-present": (set(), {"hypothetical", "missing-result", "missing-root-cause"}),
    # a case told in the present whose cause is a present state found on looking
    "told-in-present-2": (set(), {"hypothetical", "missing-result", "missing-root-cause"}),
    # the speaker says the cause was never found: a guess beside it does not count
    "cause-unknown": ({"missing-root-cause"}, {"missing-result"}),
    # "could see" tells what the speaker saw, not a supposition
    "could-see-why": (set(), {"missing-root-cause", "missing-result"}),
    # the clause after a semicolon is not under "asked us to"
    "cause-after-semicolon": (set(), {"missing-root-cause", "missing-result"}),
}

# answer -> the level it must get (1 Basic, 2 Professional, 3 Expert)
LEVELS = {"patience-won-1": 1, "patience-won-2": 1, "one-time-fix-1": 2,
          "number-1": 3, "number-3": 3, "would-anger": 1, "told-in-present": 2}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_own_answer(name):
    result = lint("# Case\n\n" + ANSWERS[name] + "\n", Settings(target="expert"))
    fired = {f.rule for f in result.findings}
    must, must_not = EXPECTED[name]
    assert must <= fired, f"{name}: missing {must - fired}"
    assert not (must_not & fired), f"{name}: wrongly fired {must_not & fired}"


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_own_answer_level(name):
    result = lint("# Case\n\n" + ANSWERS[name] + "\n", Settings(target="expert"))
    assert [s.level for s in result.summaries] == [LEVELS[name]]
    level = next(f for f in result.findings if f.rule == "level")
    # the next step names only what the answer lacks
    if "missing-result" not in {f.rule for f in result.findings}:
        assert "how the case ended" not in level.message


def test_no_cause_is_inserted_where_the_answer_says_it_was_never_found():
    """'We never did work out why' then 'I found that the real cause...' would contradict it:
    the finding stays, the inserted sentence is not offered."""
    result = lint("# Case\n\n" + ANSWERS["cause-unknown"] + "\n", Settings(target="expert"))
    found = [f for f in result.findings if f.rule == "missing-root-cause"]
    assert len(found) == 1 and found[0].insertion is None
    # (a cause goes in only where the speaker looked into something)
    looked = ANSWERS["one-time-fix-1"].replace("I corrected", "I went through her account, "
                                               "corrected", 1)
    plain = lint("# Case\n\n" + looked + "\n", Settings(target="expert"))
    causes = [f for f in plain.findings if f.rule == "missing-root-cause"]
    assert len(causes) == 1 and causes[0].insertion is not None
