"""The rule linter: warnings about a pack that loads but is probably wrong.

Checks are registered in :data:`CHECKS`, one function each with a fixed
shape (as yamllint's rules): a code, a kebab-case name, and a docstring whose
first paragraph says what the check finds and whose ``PASS``/``FAIL``
examples become the reference in docs/authoring.md (a test keeps the two in
step).  A check yields :class:`~asn_advisor.errors.Problem` values; the
linter stamps the severity and sorts them.

The checks about conditions compare *value ranges* on the syntax tree
(:mod:`asn_advisor.condition.ranges`), never the condition text: ``x < 10 and x > 20``
and ``not (x >= 10) and 20 < x`` are the same contradiction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from asn_advisor._base import Text
from asn_advisor.condition import (
    SEVERITY_RANK,
    BinaryOp,
    BoolOp,
    Call,
    Compare,
    Interval,
    Literal,
    Name,
    Negate,
    Node,
    Not,
    Ranges,
    implies,
    numeric_range,
    restrict,
    true_ranges,
)
from asn_advisor.condition import ranges as _ranges
from asn_advisor.errors import Location, Problem
from asn_advisor.i18n import t
from asn_advisor.pack.compiled import CompiledDerive, CompiledRecommend, RulePack

__all__ = ["CHECKS", "Check", "lint"]


@dataclass
class Context:
    """What checks read: the pack, the output language, and cached range analyses."""

    pack: RulePack
    lang: str
    _ranges: dict[str, Ranges | None] = field(default_factory=dict)

    @cached_property
    def bounds(self) -> dict[str, Interval]:
        bounds: dict[str, Interval] = {}
        for name, info in self.pack.vocabulary.names.items():
            if info.kind == "number":
                low = -_ranges.INF if info.minimum is None else info.minimum
                high = _ranges.INF if info.maximum is None else info.maximum
                bounds[name] = Interval(low, high)
            elif info.kind == "bool":
                bounds[name] = Interval(0.0, 1.0)
        for finding in self.pack.findings:
            bounds["has:" + finding] = Interval(0.0, 3.0)
        return bounds

    def ranges(self, key: str, tree: Node) -> Ranges | None:
        """The restricted true-ranges of a condition, computed once per key."""
        if key not in self._ranges:
            raw = true_ranges(tree)
            self._ranges[key] = None if raw is None else restrict(raw, self.bounds)
        return self._ranges[key]

    def locate(self, kind: str, key: str, *sub: Any, offset: int | None = None, as_key: bool = False) -> Location:
        origin = self.pack.origins.get((kind, key))
        if origin is None:
            return self.pack.locations.get(key, Location(self.pack.root.as_posix()))
        doc, path = origin
        if offset is not None:
            return doc.expression_location((*path, *sub), offset)
        return doc.locate((*path, *sub), key=as_key)

    def rules(self) -> Iterator[CompiledDerive | CompiledRecommend]:
        yield from self.pack.derive_rules
        yield from self.pack.recommend_rules


CheckFunction = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    """A registered check."""

    code: str
    name: str
    function: CheckFunction

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()


CHECKS: dict[str, Check] = {}


def _register(code: str, name: str) -> Callable[[CheckFunction], CheckFunction]:
    def wrap(function: CheckFunction) -> CheckFunction:
        CHECKS[code] = Check(code, name, function)
        return function

    return wrap


def _warn(location: Location, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem(location, message, code=code, severity="warning", hint=hint)


# ---------------------------------------------------------------- checks


@_register("W401", "never-true")
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
            yield _warn(
                ctx.locate("when", rule.id),
                "W401",
                t("lint.never_true", ctx.lang, rule=rule.id),
                t("lint.never_true.hint", ctx.lang),
            )
    for dimension in ctx.pack.dimensions.values():
        for i, cap in enumerate(dimension.caps):
            if ctx.ranges(f"{dimension.id}#cap{i}", cap.condition.tree) == []:
                yield _warn(
                    ctx.locate("dimension", dimension.id, "caps", i, "when"),
                    "W401",
                    t("lint.never_true", ctx.lang, rule=f"{dimension.id} caps[{i + 1}]"),
                    t("lint.never_true.hint", ctx.lang),
                )


@_register("W402", "out-of-range")
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
        yield _warn(
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


@_register("W403", "shadowed-rule")
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
    yield _warn(
        ctx.locate("rule", rule.id),
        "W403",
        t(key, ctx.lang, rule=rule.id, other=other.id, where=str(other.location)),
        t(key + ".hint", ctx.lang, other=other.id),
    )


@_register("W404", "unaddressed-finding")
def unaddressed_finding(ctx: Context) -> Iterator[Problem]:
    """A finding that no recommendation rule addresses: it never leads to advice.

    PASS::

        findings: {time_conflict: {...}}
        recommend: [{id: a, when: has(time_conflict), recommend: [flexible_scheduling]}]

    FAIL::

        findings: {time_conflict: {...}}
        recommend: []
    """
    addressed = {
        f for rule in ctx.pack.recommend_rules if ctx.ranges(rule.id, rule.condition.tree) != [] for f in rule.addresses
    }
    for finding in sorted(set(ctx.pack.findings) - addressed):
        yield _warn(
            ctx.locate("finding", finding, as_key=True),
            "W404",
            t("lint.unaddressed", ctx.lang, finding=finding),
            t("lint.unaddressed.hint", ctx.lang, finding=finding),
        )


@_register("W405", "unreachable-recommendation")
def unreachable_recommendation(ctx: Context) -> Iterator[Problem]:
    """A recommendation that no rule can produce (no rule names it, or only rules that never fire).

    PASS::

        recommendations: {incentives: {...}}
        recommend: [{id: a, when: has(low_motivation), recommend: [incentives]}]

    FAIL::

        recommendations: {incentives: {...}}
        recommend: [{id: a, when: has(low_motivation) and not has(low_motivation), recommend: [incentives]}]
    """
    reachable = {
        r
        for rule in ctx.pack.recommend_rules
        if ctx.ranges(rule.id, rule.condition.tree) != []
        for r in rule.rule.recommend
    }
    for rec in sorted(set(ctx.pack.recommendations) - reachable):
        yield _warn(
            ctx.locate("recommendation", rec, as_key=True),
            "W405",
            t("lint.unreachable", ctx.lang, recommendation=rec),
            t("lint.unreachable.hint", ctx.lang),
        )


@_register("W406", "missing-translation")
def missing_translation(ctx: Context) -> Iterator[Problem]:
    """A label, description or explanation lacks its Indonesian (id) or English (en) text.

    PASS::

        label: {id: Partisipasi rendah, en: Low participation}

    FAIL::

        label: Partisipasi rendah
    """
    pack = ctx.pack
    items: list[tuple[str, str, str, Text | None]] = []
    for kind, catalog in (
        ("indicator", pack.indicators),
        ("finding", pack.findings),
        ("recommendation", pack.recommendations),
    ):
        for key, spec in catalog.items():
            items.append((kind, key, "label", spec.label))
            items.append((kind, key, "description", spec.description))
    for key, rec in pack.recommendations.items():
        items.append(("recommendation", key, "first_result", rec.first_result))
        items.append(("recommendation", key, "basis", rec.basis))
        items.append(("recommendation", key, "in_place_because", rec.in_place_because))
        items.extend(("recommendation", key, "first_steps", step) for step in rec.first_steps)
    for key, dim in pack.dimensions.items():
        items.append(("dimension", key, "label", dim.spec.label))
    for rule in ctx.rules():
        items.append(("rule", rule.id, "because", rule.rule.because))
    for kind, key, name, text in items:
        if text is None:
            continue
        for lang in text.missing():
            yield _warn(
                ctx.locate(kind, key, name),
                "W406",
                t("lint.translation", ctx.lang, language=lang, field=name, item=key),
                t("lint.translation.hint", ctx.lang),
            )
    for index, band in enumerate(pack.scoring.bands):
        for lang in band.label.missing():
            yield _warn(
                ctx.locate("scoring", "", "bands", index, "label"),
                "W406",
                t("lint.translation", ctx.lang, language=lang, field="label", item=band.id),
                t("lint.translation.hint", ctx.lang),
            )


@_register("W409", "incomplete-action")
def incomplete_action(ctx: Context) -> Iterator[Problem]:
    """A recommendation does not say what acting on it takes.

    Each remedy needs two to four `first_steps`, who acts (`actors`: bkpsdm,
    atasan_langsung, ppk_sekda, bpsdm_lan, peserta), a `cost` band, the time to
    a first visible result (`first_result`) and its legal or evidence `basis`,
    all in Indonesian and English.

    PASS::

        flexible_scheduling:
          first_steps: [{id: ..., en: ...}, {id: ..., en: ...}]
          actors: [bkpsdm]
          cost: low
          first_result: {id: 1-3 bulan, en: 1-3 months}
          basis: {id: Perlan 10/2018, en: Perlan 10/2018}

    FAIL::

        flexible_scheduling: {label: {...}, effort: low}
    """
    for key in sorted(ctx.pack.recommendations):
        spec = ctx.pack.recommendations[key]
        missing = [
            name
            for name, absent in (
                ("first_steps", len(spec.first_steps) < 2),
                ("actors", not spec.actors),
                ("cost", spec.cost is None),
                ("first_result", spec.first_result is None),
                ("basis", spec.basis is None),
            )
            if absent
        ]
        if missing:
            yield _warn(
                ctx.locate("recommendation", key, as_key=True),
                "W409",
                t("lint.action", ctx.lang, recommendation=key, fields=", ".join(missing)),
                t("lint.action.hint", ctx.lang),
            )


@_register("W407", "unused-escalation")
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
                yield _warn(
                    location,
                    "W407",
                    t("lint.escalation_never", ctx.lang, rule=rule.id, index=j + 1),
                    t("lint.escalation_never.hint", ctx.lang),
                )
            elif any(implies(both, previous) for previous in earlier):
                yield _warn(
                    location,
                    "W407",
                    t("lint.escalation_shadowed", ctx.lang, rule=rule.id, index=j + 1),
                    t("lint.escalation_shadowed.hint", ctx.lang),
                )
            earlier.append(own)


@_register("W408", "rating-scale")
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
                        yield _warn(
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


# ---------------------------------------------------------------- entry point


def reference_markdown() -> str:
    """The lint reference of docs/authoring.md, generated from the checks' docstrings."""
    import textwrap

    parts: list[str] = []
    for code in sorted(CHECKS):
        check = CHECKS[code]
        summary, _, body = check.doc.partition("\n")
        text = textwrap.dedent(body).strip("\n")
        blocks: list[str] = []
        for chunk in text.split("\n\n"):
            stripped = chunk.strip("\n")
            if stripped.startswith("    "):
                blocks.append("```yaml\n" + textwrap.dedent(stripped) + "\n```")
            else:
                blocks.append(stripped.replace("::", ":"))
        parts.append(f"### {code} `{check.name}`\n\n{summary.strip()}\n\n" + "\n\n".join(blocks) + "\n")
    return "\n".join(parts)


def lint(pack: RulePack, *, lang: str = "id", ignore: Iterable[str] = ()) -> list[Problem]:
    """Run every registered check on a loaded pack.

    Args:
        pack: a pack from :func:`~asn_advisor.load_rules` (so it has no errors).
        lang: language of the messages, ``"id"`` or ``"en"``.
        ignore: check codes (``W403``) or names (``shadowed-rule``) to skip.

    Returns:
        The warnings, sorted by file, line, column and code.
    """
    skip = set(ignore)
    ctx = Context(pack, lang)
    problems: list[Problem] = []
    for code in sorted(CHECKS):
        check = CHECKS[code]
        if code in skip or check.name in skip:
            continue
        problems.extend(check.function(ctx))
    unique = {(p.location, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)
