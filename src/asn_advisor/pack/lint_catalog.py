"""Lint checks on the catalog: findings no rule addresses, recommendations no rule makes, translations, actions."""

from __future__ import annotations

from collections.abc import Iterator

from asn_advisor._base import Text
from asn_advisor.errors import Problem
from asn_advisor.i18n import t
from asn_advisor.pack.lint_registry import Context, register, warn

__all__ = ["incomplete_action", "missing_translation", "unaddressed_finding", "unreachable_recommendation"]


@register("W404", "unaddressed-finding")
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
        yield warn(
            ctx.locate("finding", finding, as_key=True),
            "W404",
            t("lint.unaddressed", ctx.lang, finding=finding),
            t("lint.unaddressed.hint", ctx.lang, finding=finding),
        )


@register("W405", "unreachable-recommendation")
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
        yield warn(
            ctx.locate("recommendation", rec, as_key=True),
            "W405",
            t("lint.unreachable", ctx.lang, recommendation=rec),
            t("lint.unreachable.hint", ctx.lang),
        )


@register("W406", "missing-translation")
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
            yield warn(
                ctx.locate(kind, key, name),
                "W406",
                t("lint.translation", ctx.lang, language=lang, field=name, item=key),
                t("lint.translation.hint", ctx.lang),
            )
    for index, band in enumerate(pack.scoring.bands):
        for lang in band.label.missing():
            yield warn(
                ctx.locate("scoring", "", "bands", index, "label"),
                "W406",
                t("lint.translation", ctx.lang, language=lang, field="label", item=band.id),
                t("lint.translation.hint", ctx.lang),
            )


@register("W409", "incomplete-action")
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
            yield warn(
                ctx.locate("recommendation", key, as_key=True),
                "W409",
                t("lint.action", ctx.lang, recommendation=key, fields=", ".join(missing)),
                t("lint.action.hint", ctx.lang),
            )
