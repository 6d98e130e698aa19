"""Lint checks on conditions, compared by value ranges on the syntax tree: W401, W402, W403, W407, W408."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from asn_advisor.condition import (
    SEVERITY_RANK,
    BinaryOp,
    BoolOp,
    Call,
    Compare,
    Literal,
    Name,
    Negate,
    Node,
    Not,
    Ranges,
    implies,
    numeric_range,
)
from asn_advisor.condition import ranges as _ranges
from asn_advisor.errors import Problem
from asn_advisor.i18n import t
from asn_advisor.pack.compiled import CompiledDerive
from asn_advisor.pack.lint_registry import Context, register, warn

__all__ = ["never_true", "out_of_range", "rating_scale", "shadowed_rule", "unused_escalation"]


@register("W401", "never-true")
def never_true(ctx: Context) -> Iterator[Problem]:
    """A rule's condition can never be true, so the rule never fires.

    Value ranges are compared, not text: each indicator's range from the pack
    (a percentage is 0..100) counts, and so does missing data (`missing(x)`
    and `x < 30` cannot both hold).

    PASS::

        when: participation_rate < 10 or participation_rate > 20

    FAIL::

        when: participation_rate < 10 and participation_rate > 20
    """
    for rule in ctx.rules():
        ranges = ctx.ranges(rule.id, rule.condition.tree)
        if ranges == []:
            yield warn(
                ctx.locate("when", rule.id),
                "W401",
                t("lint.never_true", ctx.lang, rule=rule.id),
                t("lint.never_true.hint", ctx.lang),
            )
    for dimension in ctx.pack.dimensions.values():
        for i, cap in enumerate(dimension.caps):
            if ctx.ranges(f"{dimension.id}#cap{i}", cap.condition.tree) == []:
                yield warn(
                    ctx.locate("dimension", dimension.id, "caps", i, "when"),
                    "W401",
                    t("lint.never_true", ctx.lang, rule=f"{dimension.id} caps[{i + 1}]"),
                    t("lint.never_true.hint", ctx.lang),
                )


@register("W402", "out-of-range")
def out_of_range(ctx: Context) -> Iterator[Problem]:
    """A threshold lies outside the range of what it is compared with.

    The range of an indicator comes from the pack (`min`/`max`; 0..100 for
    percentages and ratings, which are normalized to 0..100); sums and other
    arithmetic get the range of their parts.  Such a comparison is always
    true or never true, which is rarely what was meant (a rating written on
    its 1-4 scale, a percentage written as a fraction).

    PASS::

        when: participation_rate < 60

    FAIL::

        when: participation_rate < 150
    """
    for rule in ctx.rules():
        yield from _range_problems(ctx, rule.id, "when", (), rule.condition.tree)
        if isinstance(rule, CompiledDerive):
            for j, (condition, _) in enumerate(rule.escalations):
                yield from _range_problems(ctx, rule.id, "escalate", (j, "when"), condition.tree)
    for dimension in ctx.pack.dimensions.values():
        for i, cap in enumerate(dimension.caps):
            yield from _range_problems(
                ctx,
                dimension.id,
                "dimension",
                ("caps", i, "when"),
                cap.condition.tree,
                label=f"{dimension.id} caps[{i + 1}]",
            )


def _range_problems(
    ctx: Context, rule_id: str, kind: str, sub: tuple[Any, ...], tree: Node, *, label: str | None = None
) -> Iterator[Problem]:
    for node in _walk(tree):
        if not isinstance(node, Compare) or node.op in ("in", "not in"):
            continue
        left, right, op = node.left, node.right, node.op
        if isinstance(left, Literal) and not isinstance(right, Literal):
            left, right, op = right, left, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)
        if not isinstance(right, Literal) or isinstance(right.value, bool | str) or isinstance(left, Literal):
            continue
        span = numeric_range(left, ctx.bounds)
        if span.low == -_ranges.INF and span.high == _ranges.INF:
            continue
        value = float(right.value)
        if span.low <= value <= span.high:
            continue
        always = {
            "<": value > span.high,
            "<=": value > span.high,
            ">": value < span.low,
            ">=": value < span.low,
            "!=": True,
        }.get(op, False)
        verdict = t("lint.always_true" if always else "lint.always_false", ctx.lang)
        yield warn(
            ctx.locate(kind, rule_id, *sub, offset=right.start),
            "W402",
            t(
                "lint.out_of_range",
                ctx.lang,
                value=f"{value:g}",
                low=f"{span.low:g}",
                high=f"{span.high:g}",
                verdict=verdict,
                rule=label or rule_id,
            ),
            t("lint.out_of_range.hint", ctx.lang),
        )


def _walk(node: Node) -> Iterator[Node]:
    yield node
    children: tuple[Node, ...] = ()
    if isinstance(node, BoolOp):
        children = node.operands
    elif isinstance(node, Not | Negate):
        children = (node.operand,)
    elif isinstance(node, BinaryOp | Compare):
        children = (node.left, node.right)
    elif isinstance(node, Call):
        children = node.args
    elif isinstance(node, Name | Literal):
        children = ()
    for child in children:
        yield from _walk(child)


@register("W403", "shadowed-rule")
def shadowed_rule(ctx: Context) -> Iterator[Problem]:
    """A rule is duplicated or shadowed by another and changes nothing.

    A recommendation rule is shadowed when another rule recommends at least
    the same, for at least the same findings, with at least its weight, and
    its condition implies the other's (whenever it fires, the other fires
    too).  A derivation rule is shadowed when another rule derives the same
    finding whenever it does, with a severity at least as high.  Equal
    conditions and outputs are reported as duplicates.

    PASS::

        - {id: a, when: has(time_conflict), recommend: [flexible_scheduling], weight: 1.5}
        - {id: b, when: has(time_conflict) and online_share < 30, recommend: [flexible_scheduling], weight: 2}

    FAIL::

        - {id: a, when: has(time_conflict), recommend: [flexible_scheduling], weight: 1.5}
        - {id: b, when: has(time_conflict) and online_share < 30, recommend: [flexible_scheduling], weight: 1}
    """
    recs = list(ctx.pack.recommend_rules)
    for rule in recs:
        mine = ctx.ranges(rule.id, rule.condition.tree)
        if not mine:
            continue
        for other in recs:
            if other is rule:
                continue
            if not (
                set(rule.rule.recommend) <= set(other.rule.recommend)
                and set(rule.addresses) <= set(other.addresses)
                and rule.rule.weight <= other.rule.weight
            ):
                continue
            theirs = ctx.ranges(other.id, other.condition.tree)
            if theirs is None or not implies(mine, theirs):
                continue
            yield from _shadow_problem(
                ctx,
                rule,
                other,
                mine,
                theirs,
                same_outputs=(set(rule.rule.recommend), set(rule.addresses), rule.rule.weight)
                == (set(other.rule.recommend), set(other.addresses), other.rule.weight),
            )
            break
    derives = list(ctx.pack.derive_rules)
    for derive in derives:
        mine = ctx.ranges(derive.id, derive.condition.tree)
        if not mine:
            continue
        highest = max([SEVERITY_RANK[derive.rule.severity], *(SEVERITY_RANK[s] for _, s in derive.escalations)])
        for base in derives:
            if base is derive or base.rule.finding != derive.rule.finding:
                continue
            lowest = min([SEVERITY_RANK[base.rule.severity], *(SEVERITY_RANK[s] for _, s in base.escalations)])
            if highest > lowest:
                continue
            theirs = ctx.ranges(base.id, base.condition.tree)
            if theirs is None or not implies(mine, theirs):
                continue
            same = derive.rule.severity == base.rule.severity and not derive.escalations and not base.escalations
            yield from _shadow_problem(ctx, derive, base, mine, theirs, same_outputs=same)
            break


def _shadow_problem(
    ctx: Context, rule: Any, other: Any, mine: Ranges, theirs: Ranges, *, same_outputs: bool
) -> Iterator[Problem]:
    duplicate = same_outputs and implies(theirs, mine)
    if duplicate and rule.id > other.id:
        return  # report a duplicate pair once, on the rule with the larger id
    key = "lint.duplicate" if duplicate else "lint.shadowed"
    yield warn(
        ctx.locate("rule", rule.id),
        "W403",
        t(key, ctx.lang, rule=rule.id, other=other.id, where=str(other.location)),
        t(key + ".hint", ctx.lang, other=other.id),
    )


@register("W407", "unused-escalation")
def unused_escalation(ctx: Context) -> Iterator[Problem]:
    """An `escalate` entry never applies.

    Either it cannot hold together with the rule's own condition, or an
    earlier entry already matches whenever it does (the first matching entry
    wins, so list the strictest threshold first).

    PASS::

        when: participation_rate < 70
        escalate:
          - {when: participation_rate < 50, severity: high}
          - {when: participation_rate < 60, severity: medium}

    FAIL::

        when: participation_rate < 70
        escalate:
          - {when: participation_rate < 60, severity: medium}
          - {when: participation_rate < 50, severity: high}
    """
    for rule in ctx.pack.derive_rules:
        base = ctx.ranges(rule.id, rule.condition.tree)
        if not base:
            continue
        earlier: list[Ranges] = []
        for j, (condition, _) in enumerate(rule.escalations):
            own = ctx.ranges(f"{rule.id}#escalate{j}", condition.tree)
            if own is None:
                break
            both = _ranges._and([base, own])
            if both is None:
                break
            location = ctx.locate("escalate", rule.id, j, "when")
            if not both:
                yield warn(
                    location,
                    "W407",
                    t("lint.escalation_never", ctx.lang, rule=rule.id, index=j + 1),
                    t("lint.escalation_never.hint", ctx.lang),
                )
            elif any(implies(both, previous) for previous in earlier):
                yield warn(
                    location,
                    "W407",
                    t("lint.escalation_shadowed", ctx.lang, rule=rule.id, index=j + 1),
                    t("lint.escalation_shadowed.hint", ctx.lang),
                )
            earlier.append(own)


@register("W408", "rating-scale")
def rating_scale(ctx: Context) -> Iterator[Problem]:
    """A rating is compared with a threshold that looks written on its 1-4 or 1-5 scale.

    Ratings are normalized to 0..100 when a profile is loaded (3.2 on 1-4
    becomes 80), so a threshold of 5 or less is almost certainly a scale
    value.  Write the 0..100 equivalent (`3.06 x 25 = 76.5`).

    PASS::

        when: satisfaction < 76.61

    FAIL::

        when: satisfaction < 3.06
    """
    ratings = {name for name, spec in ctx.pack.indicators.items() if spec.type == "rating"}
    for rule in ctx.rules():
        trees: list[tuple[str, tuple[Any, ...], Node]] = [("when", (), rule.condition.tree)]
        if isinstance(rule, CompiledDerive):
            trees += [("escalate", (j, "when"), c.tree) for j, (c, _) in enumerate(rule.escalations)]
        for kind, sub, tree in trees:
            for node in _walk(tree):
                if not isinstance(node, Compare) or node.op in ("in", "not in"):
                    continue
                pairs = ((node.left, node.right), (node.right, node.left))
                for name, literal in pairs:
                    if (
                        isinstance(name, Name)
                        and name.name in ratings
                        and isinstance(literal, Literal)
                        and not isinstance(literal.value, bool | str)
                        and 0 < float(literal.value) <= 5
                    ):
                        yield warn(
                            ctx.locate(kind, rule.id, *sub, offset=literal.start),
                            "W408",
                            t(
                                "lint.rating_scale",
                                ctx.lang,
                                name=name.name,
                                value=f"{float(literal.value):g}",
                                rule=rule.id,
                            ),
                            t(
                                "lint.rating_scale.hint",
                                ctx.lang,
                                four=f"{float(literal.value) * 25:g}",
                                five=f"{float(literal.value) * 20:g}",
                            ),
                        )
