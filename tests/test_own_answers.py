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
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_own_answer(name):
    result = lint("# Case\n\n" + ANSWERS[name] + "\n", Settings(target="expert"))
    fired = {f.rule for f in result.findings}
    must, must_not = EXPECTED[name]
    assert must <= fired, f"{name}: missing {must - fired}"
    assert not (must_not & fired), f"{name}: wrongly fired {must_not & fired}"
