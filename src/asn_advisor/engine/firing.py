"""The rules of one profile, as plain data: findings stated and derived, recommendations fired.

:func:`fire` runs steps 3 and 4 of :mod:`.advising` and keeps what they
decide in a :class:`Firing` of plain values (rule objects, ids, ranks): no
output model is built here.  Evidence is kept as references to the rules
that fired (their values are read from the facts, which no later step
changes), so the lean summary pays nothing for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from asn_advisor.condition import SEVERITY_RANK, Condition
from asn_advisor.engine.pack_cache import PackCache
from asn_advisor.model import Profile
from asn_advisor.pack import CompiledDerive, CompiledRecommend, RulePack

__all__ = ["FindingState", "Firing", "PlacedRemedy", "fire", "note_unknown", "program_type", "suits"]

#: A stated finding's evidence: (text, source); a derived one's: the rule that fired.
EvidenceItem = tuple[str | None, str | None] | CompiledDerive


@dataclasses.dataclass(slots=True)
class FindingState:
    """A present finding: its severity rank, whether stated, and its evidence in order."""

    rank: int
    stated: bool
    evidence: list[EvidenceItem] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True)
class PlacedRemedy:
    """A remedy the indicators show in place; working when no present finding it answers remains."""

    id: str
    condition: Condition
    findings: list[str]  # present findings it would answer, sorted


@dataclasses.dataclass(slots=True)
class Firing:
    """What the rules decided for one profile."""

    states: dict[str, FindingState]
    findings_rank: dict[str, int]
    unknown_rules: dict[str, set[str]]  # indicator -> rules it would decide (the data gaps)
    fired: dict[str, list[CompiledRecommend]]  # recommendation -> the rules that recommend it, in pack order
    in_place: list[PlacedRemedy]
    proposed: set[str]  # the evaluation's proposals the advisor takes as evidence
    unsupported: list[tuple[str, str]]  # (proposal id, reason: unknown, program_type or in_place)
    program_type: str


def note_unknown(
    unknown_rules: dict[str, set[str]], names: Iterable[str], facts: Mapping[str, Any], rule_id: str
) -> None:
    """Record that ``rule_id`` stayed unknown for each of ``names`` the facts lack (the data gaps)."""
    for name in names:
        if facts.get(name) is None:
            unknown_rules.setdefault(name, set()).add(rule_id)


def program_type(profile: Profile) -> str:
    """The program's type as the pack names it; a profile without one is read as training, the commonest."""
    raw = (profile.program.type or "pelatihan").strip().lower()
    return raw.replace("-", "_").replace(" ", "_")


def suits(rules: RulePack, rec_id: str, kind: str) -> bool:
    types = rules.recommendations[rec_id].program_types
    return not types or kind in types


def _stated(profile: Profile, rules: RulePack) -> dict[str, FindingState]:
    states: dict[str, FindingState] = {}
    for stated in sorted(profile.findings, key=lambda f: (f.id, f.severity or "", f.source or "", f.evidence)):
        rank = SEVERITY_RANK[stated.severity or rules.findings[stated.id].severity]
        state = states.setdefault(stated.id, FindingState(rank=rank, stated=True))
        state.rank = max(state.rank, rank)
        texts: list[str | None] = list(stated.evidence) or [None]
        for text in texts:
            state.evidence.append((text, stated.source))
    return states


def _derive(
    rules: RulePack,
    facts: Mapping[str, Any],
    states: dict[str, FindingState],
    findings_rank: dict[str, int],
    unknown_rules: dict[str, set[str]] | None,
) -> None:
    """The derivation rules in dependency order; ``unknown_rules`` is None when the data gaps are not wanted."""
    # The compiled evaluators are called directly (Condition.evaluate is the
    # same call and bool() of its result): None is unknown, never false.
    for rule in rules.derive_rules:
        outcome = rule.condition.evaluator(facts, findings_rank)
        if outcome is None:
            if unknown_rules is not None:
                note_unknown(unknown_rules, rule.condition.names, facts, rule.id)
            continue
        if not outcome:
            continue
        severity: str = rule.rule.severity
        for condition, level in rule.escalations:
            if condition.evaluate(facts, findings_rank) is True:
                severity = level
                break
        rank = SEVERITY_RANK[severity]
        finding_id = rule.rule.finding
        state = states.get(finding_id)
        if state is None:
            state = states[finding_id] = FindingState(rank=rank, stated=False)
        state.rank = max(state.rank, rank)
        findings_rank[finding_id] = state.rank
        state.evidence.append(rule)


class _RecommendRules:
    """The pack's recommendation rules as :func:`_recommend` reads them, prepared once per pack."""

    __slots__ = ("by_finding", "rules")

    def __init__(self, rules: tuple[CompiledRecommend, ...]) -> None:
        # (rule, evaluator, findings it addresses, recommendations it makes), in pack order
        self.rules = tuple(
            (rule, rule.condition.evaluator, frozenset(rule.addresses), tuple(rule.rule.recommend)) for rule in rules
        )
        by_finding: dict[str, list[int]] = {}
        for position, rule in enumerate(rules):
            for finding_id in dict.fromkeys(rule.addresses):
                by_finding.setdefault(finding_id, []).append(position)
        self.by_finding = {finding_id: tuple(positions) for finding_id, positions in by_finding.items()}


_RECOMMEND_RULES: PackCache[_RecommendRules] = PackCache(
    lambda rules: _RecommendRules(rules.recommend_rules), lambda rules: (rules.recommend_rules,)
)


def _recommend(
    rules: RulePack,
    facts: Mapping[str, Any],
    findings_rank: Mapping[str, int],
    unknown_rules: dict[str, set[str]] | None,
) -> dict[str, list[CompiledRecommend]]:
    fired: dict[str, list[CompiledRecommend]] = {}
    present = findings_rank.keys()
    prepared = _RECOMMEND_RULES.get(rules)
    table = prepared.rules
    if unknown_rules is None:
        # Without data gaps only the rules addressing a present finding matter: the others cannot
        # fire and nothing else reads their outcome.  They run in pack order all the same.
        by_finding = prepared.by_finding
        positions: set[int] = set()
        for finding_id in present:
            positions.update(by_finding.get(finding_id, ()))
        for position in sorted(positions):
            rec_rule, evaluator, _, recommend = table[position]
            if evaluator(facts, findings_rank):
                for rec_id in recommend:
                    fired.setdefault(rec_id, []).append(rec_rule)
        return fired
    for rec_rule, evaluator, addresses, recommend in table:
        outcome = evaluator(facts, findings_rank)
        if outcome is None:
            note_unknown(unknown_rules, rec_rule.condition.names, facts, rec_rule.id)
            continue
        if not outcome or present.isdisjoint(addresses):
            continue
        for rec_id in recommend:
            fired.setdefault(rec_id, []).append(rec_rule)
    return fired


def _in_place(
    rules: RulePack,
    facts: Mapping[str, Any],
    findings_rank: Mapping[str, int],
    fired: Mapping[str, list[CompiledRecommend]],
) -> list[PlacedRemedy]:
    out: list[PlacedRemedy] = []
    for rec_id in sorted(rules.in_place):
        condition = rules.in_place[rec_id]
        if condition.evaluate(facts, findings_rank) is not True:
            continue
        present = sorted({f for r in fired.get(rec_id, []) for f in r.addresses if f in findings_rank})
        out.append(PlacedRemedy(rec_id, condition, present))
    return out


def _proposals(
    rules: RulePack, profile: Profile, kind: str, in_place: list[PlacedRemedy]
) -> tuple[set[str], list[tuple[str, str]]]:
    """The evaluation's proposals the advisor takes as evidence, and those it does not support, with why."""
    placed = {item.id for item in in_place}
    supported: set[str] = set()
    unsupported: list[tuple[str, str]] = []
    for rec_id in dict.fromkeys(p.id for p in profile.proposals):
        if rec_id not in rules.recommendations:
            unsupported.append((rec_id, "unknown"))
        elif not suits(rules, rec_id, kind):
            unsupported.append((rec_id, "program_type"))
        elif rec_id in placed:
            unsupported.append((rec_id, "in_place"))
        else:
            supported.add(rec_id)
    return supported, unsupported


def fire(profile: Profile, rules: RulePack, facts: Mapping[str, Any], *, gaps: bool = True) -> Firing:
    """Steps 3 and 4 for one profile: stated findings, derivation rules, recommendation rules, remedies in place.

    ``gaps=False`` skips noting the indicators that would decide an unknown
    rule (only the full advice lists data gaps); nothing else differs.
    """
    states = _stated(profile, rules)
    findings_rank = {fid: s.rank for fid, s in states.items()}
    unknown_rules: dict[str, set[str]] | None = {} if gaps else None
    _derive(rules, facts, states, findings_rank, unknown_rules)
    fired = _recommend(rules, facts, findings_rank, unknown_rules)
    kind = program_type(profile)
    for rec_id in [r for r in fired if not suits(rules, r, kind)]:
        del fired[rec_id]
    in_place = _in_place(rules, facts, findings_rank, fired)
    for item in in_place:
        fired.pop(item.id, None)
    proposed, unsupported = _proposals(rules, profile, kind, in_place)
    for rec_id in proposed:
        fired.setdefault(rec_id, [])
    return Firing(states, findings_rank, unknown_rules or {}, fired, in_place, proposed, unsupported, kind)
