"""The order rules and roles are worked out in: each after everything it reads, computed
once when the rule set loads. Ties keep the order the files loaded in."""

from __future__ import annotations

from answerlint.rules.model import Role, Rule, RuleFileError


def reads(rule: Rule, rules: dict[str, Rule]) -> set[str]:
    """The ids of the rules whose findings this rule's conditions count."""
    return {name for c in rule.options.conditions() for name in c.names if name in rules}


def dependency_order(rules: dict[str, Rule]) -> tuple[list[Rule], list[RuleFileError]]:
    """The rules in an order where each runs after the rules it reads. Rules in a cycle,
    and rules that read them, cannot run: they are reported at their file and line and
    left out."""
    needs = {rule.id: reads(rule, rules) for rule in rules.values()}
    names, errors = _ordered(needs, {r.id: r.origin for r in rules.values()}, "rule", "findings")
    return [rules[name] for name in names], errors


def role_order(roles: dict[str, Role]) -> tuple[list[Role], list[RuleFileError]]:
    """The roles in an order where each comes after the roles it reads (`after`,
    `not_with`, `includes`); roles in a cycle are reported and left out."""
    needs = {role.name: role.names() & set(roles) for role in roles.values()}
    names, errors = _ordered(needs, {r.name: r.origin for r in roles.values()}, "role", "roles")
    return [roles[name] for name in names], errors


def _ordered(needs: dict[str, set[str]], origins: dict[str, str], what: str, reads_what: str
             ) -> tuple[list[str], list[RuleFileError]]:
    ordered: list[str] = []
    placed: set[str] = set()
    pending = list(needs)
    while pending:
        ready = [name for name in pending if needs[name] <= placed]
        if not ready:
            break
        ordered.extend(ready)
        placed.update(ready)
        pending = [name for name in pending if name not in placed]
    return ordered, _stuck(pending, needs, origins, what, reads_what)


def _stuck(pending: list[str], needs: dict[str, set[str]], origins: dict[str, str], what: str,
           reads_what: str) -> list[RuleFileError]:
    reach = {name: _reachable(name, needs, set(pending)) for name in pending}
    errors = []
    reported: set[str] = set()
    for name in pending:
        path, line = origins[name].rsplit(":", 1)
        if name in reach[name]:  # on a cycle: report the cycle once, at its first member
            if name in reported:
                continue
            members = [m for m in pending if m in reach[name] and name in reach[m]]
            reported.update(members)
            listed = ", ".join(f"'{m}'" for m in members)
            reason = (f"{what} '{name}' reads its own {reads_what} (a cycle), so it cannot run"
                      if members == [name] else
                      f"{what}s {listed} read each other's {reads_what} (a cycle), so none can run")
        else:
            waits = next(m for m in pending if m in needs[name])
            reason = f"{what} '{name}' reads '{waits}', which cannot run (a cycle)"
        errors.append(RuleFileError(path, int(line), reason))
    return errors


def _reachable(start: str, needs: dict[str, set[str]], among: set[str]) -> set[str]:
    """What `start` reads, directly or through others, among `among`."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for following in needs[todo.pop()] & among:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen
