"""The order rules run in: each rule after every rule its conditions name, computed once
when the rule set loads. Ties keep the order the files loaded in."""

from __future__ import annotations

from answerlint.rules.model import Rule, RuleFileError


def reads(rule: Rule, rules: dict[str, Rule]) -> set[str]:
    """The ids of the rules whose findings this rule's conditions count."""
    return {name for c in rule.options.conditions() for name in c.names if name in rules}


def dependency_order(rules: dict[str, Rule]) -> tuple[list[Rule], list[RuleFileError]]:
    """The rules in an order where each runs after the rules it reads. Rules in a cycle,
    and rules that read them, cannot run: they are reported at their file and line and
    left out."""
    needs = {rule.id: reads(rule, rules) for rule in rules.values()}
    ordered: list[Rule] = []
    placed: set[str] = set()
    pending = list(rules)
    while pending:
        ready = [rule_id for rule_id in pending if needs[rule_id] <= placed]
        if not ready:
            break
        for rule_id in ready:
            ordered.append(rules[rule_id])
            placed.add(rule_id)
        pending = [rule_id for rule_id in pending if rule_id not in placed]
    return ordered, _stuck(pending, needs, rules)


def _stuck(pending: list[str], needs: dict[str, set[str]], rules: dict[str, Rule]
           ) -> list[RuleFileError]:
    reach = {rule_id: _reachable(rule_id, needs, set(pending)) for rule_id in pending}
    errors = []
    reported: set[str] = set()
    for rule_id in pending:
        path, line = rules[rule_id].origin.rsplit(":", 1)
        if rule_id in reach[rule_id]:  # on a cycle: report the cycle once, at its first rule
            if rule_id in reported:
                continue
            members = [r for r in pending if r in reach[rule_id] and rule_id in reach[r]]
            reported.update(members)
            names = ", ".join(f"'{m}'" for m in members)
            reason = (f"rule '{rule_id}' reads its own findings (a cycle), so it cannot run"
                      if members == [rule_id] else
                      f"rules {names} read each other's findings (a cycle), so none can run")
        else:
            waits = next(r for r in pending if r in needs[rule_id])
            reason = f"rule '{rule_id}' reads '{waits}', which cannot run (a cycle)"
        errors.append(RuleFileError(path, int(line), reason))
    return errors


def _reachable(start: str, needs: dict[str, set[str]], among: set[str]) -> set[str]:
    """The rules `start` reads, directly or through others, among `among`."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for following in needs[todo.pop()] & among:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen
