"""Formatting of plans and what-if scenarios: text, Markdown and JSON.

The roadmap blocks are also appended by :mod:`.render` to ``advise``'s text
and Markdown, so both commands show the same roadmap.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from asn_advisor._base import markdown_escape
from asn_advisor.engine import WhatIf
from asn_advisor.i18n import number, percent, t
from asn_advisor.model import Advice, DroppedRecommendation, Recommendation
from asn_advisor.render.summary import program_title

__all__ = ["PLAN_FORMATS", "render_plan", "render_whatif", "roadmap_markdown", "roadmap_text"]


def _score(value: float | None, lang: str = "id") -> str:
    return "-" if value is None else number(value, lang)


def gain_text(rec: Recommendation, lang: str, names: Mapping[str, str] | None = None) -> str:
    """The expected score gain of a step (``+3,2``), or why it is unknown."""
    if rec.expected_gain is None:
        text = t("expected_gain.unknown", lang)
    else:
        text = "+" + number(rec.expected_gain, lang, "gain")
        if rec.expected_gain_unscored:
            unscored = ", ".join((names or {}).get(d, d) for d in rec.expected_gain_unscored)
            text += f" ({t('expected_gain.unscored', lang, dimensions=unscored)})"
    return text


def step_notes(rec: Recommendation, lang: str) -> list[str]:
    """The explanation minus the quick-win sentence, which the roadmap shows as a tag."""
    quick = t(
        "plan.quick_win", lang, effort=t("effort." + rec.effort, lang), time=t("impact." + rec.time_to_impact, lang)
    )
    return [sentence for sentence in rec.explanation if sentence != quick]


def names_of(advice: Advice) -> dict[str, str]:
    """Readable names of the ids an advice refers to: findings, steps, dimensions."""
    names = {d.id: d.label for d in advice.score.dimensions}
    names.update({d.id: d.title for d in advice.dropped})
    names.update({r.id: r.title for r in advice.recommendations})
    names.update({f.id: f.label for f in advice.findings})
    return names


def plain_notes(rec: Recommendation, names: Mapping[str, str], lang: str) -> list[str]:
    """Why the plan placed a step, worded with the names of findings and steps rather than their ids.

    The same sentences as the advice's ``explanation`` (which keeps ids for
    tools), rebuilt from the step's fields: root causes, prerequisites, phase.
    """

    def named(ids: Iterable[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    notes = []
    roots = [term for term in rec.priority_breakdown if term.kind == "root_cause"]
    if roots:
        effects = sorted({term.finding for term in roots})
        causes = sorted({cause for term in roots for cause in term.via})
        notes.append(t("plan.root_cause", lang, effects=named(effects), causes=named(causes)))
    users = [relation.id for relation in rec.prerequisite_for]
    if users or rec.added_as_prerequisite:
        key = "plan.added_prerequisite" if rec.added_as_prerequisite else "plan.prerequisite"
        notes.append(t(key, lang, steps=named(users)))
    if rec.requires and rec.phase is not None:
        notes.append(t("plan.after", lang, phase=rec.phase, steps=named(rec.requires)))
    return notes


def dropped_reason(dropped: DroppedRecommendation, advice: Advice, names: Mapping[str, str]) -> str:
    """Why a step was left out, with names rather than ids (the advice's ``reason`` keeps ids for tools)."""
    lang = advice.lang
    kept = names.get(dropped.kept, dropped.kept)
    if dropped.through:
        reason = t("plan.dropped.through", lang, prerequisite=names.get(dropped.through, dropped.through), kept=kept)
    else:
        reason = t("plan.dropped", lang, kept=kept)
    step = next((r for r in advice.recommendations if r.id == dropped.kept), None)
    if step is not None and step.added_as_prerequisite and step.prerequisite_for:
        owner = step.prerequisite_for[0].id
        reason += " " + t("plan.dropped.kept_for", lang, kept=kept, owner=names.get(owner, owner))
    return reason


def _steps(advice: Advice) -> dict[str, Recommendation]:
    return {r.id: r for r in advice.recommendations}


def roadmap_text(advice: Advice, *, detail: bool = False) -> list[str]:
    """The roadmap as text lines: a heading, one block per phase, then dropped steps.

    Args:
        advice: an advice with its plan.
        detail: also show each step's priority, expected gain and relations.

    Returns:
        The lines, without trailing newlines.
    """
    lang = advice.lang
    lines = [f"{t('roadmap', lang)} ({t('plan.order', lang, order=t('plan.order.' + advice.plan_order, lang))}):"]
    if not advice.roadmap:
        lines.append(f"  {t('roadmap.none', lang)}")
    steps = _steps(advice)
    names = names_of(advice)
    count = 0
    for index, phase in enumerate(advice.roadmap, start=1):
        lines.append(f"  {t('phase', lang)} {index}:")
        for rid in phase:
            count += 1
            rec = steps[rid]
            tags = [
                f"{t('effort', lang).lower()} {t('effort.' + rec.effort, lang)}",
                f"{t('time_to_impact', lang).lower()} {t('impact.' + rec.time_to_impact, lang)}",
            ]
            if rec.quick_win:
                tags.insert(0, t("quick_win", lang))
            if rec.added_as_prerequisite:
                tags.insert(0, t("plan.added", lang))
            lines.append(f"    {count}. {rec.title} ({'; '.join(tags)})")
            if detail:
                lines.append(
                    f"       {t('priority', lang)} {number(rec.priority, lang, 'priority')}; "
                    f"{t('expected_gain', lang).lower()} {gain_text(rec, lang, names)}"
                )
                if rec.addresses:
                    lines.append(f"       {t('addresses', lang)}: {', '.join(names.get(f, f) for f in rec.addresses)}")
                if rec.requires:
                    lines.append(
                        f"       {t('plan.requires', lang)}: {', '.join(names.get(r, r) for r in rec.requires)}"
                    )
                if rec.supports:
                    lines.append(
                        f"       {t('plan.supports', lang)}: {', '.join(names.get(r, r) for r in rec.supports)}"
                    )
            for sentence in plain_notes(rec, names, lang):
                lines.append(f"       {sentence}")
    if advice.dropped:
        lines.append(f"  {t('plan.dropped.title', lang)}:")
        for dropped in advice.dropped:
            where = (
                f" ({dropped.conflicts_with.file}:{dropped.conflicts_with.line})" if dropped.conflicts_with.file else ""
            )
            lines.append(
                f"    - {dropped.title} "
                f"{t('priority', lang).lower()} {number(dropped.priority, lang, 'priority')}: "
                f"{dropped_reason(dropped, advice, names)}{where}"
            )
    return lines


def _md(text: str) -> str:
    return markdown_escape(text)


def roadmap_markdown(advice: Advice, *, level: int = 2) -> list[str]:
    """The roadmap as Markdown lines: a heading, a table per phase, then dropped steps.

    Args:
        advice: an advice with its plan.
        level: the heading level of the roadmap (phases are one deeper).

    Returns:
        The lines, ending with an empty line.
    """
    lang = advice.lang
    out = [
        f"{'#' * level} {t('roadmap', lang)}",
        "",
        t("plan.order", lang, order=t("plan.order." + advice.plan_order, lang)) + ".",
        "",
    ]
    if not advice.roadmap:
        out.append(t("roadmap.none", lang))
    steps = _steps(advice)
    names = names_of(advice)
    count = 0
    for index, phase in enumerate(advice.roadmap, start=1):
        out += [f"{'#' * (level + 1)} {t('phase', lang)} {index}", ""]
        out.append(
            f"| # | {t('recommendations', lang).split(' (')[0]} | {t('effort', lang)} | {t('time_to_impact', lang)} "
            f"| {t('priority', lang)} | {t('expected_gain', lang)} |"
        )
        out.append("|---:|---|---|---|---:|---|")
        notes: list[str] = []
        for rid in phase:
            count += 1
            rec = steps[rid]
            marks = []
            if rec.quick_win:
                marks.append(f"*{t('quick_win', lang)}*")
            if rec.added_as_prerequisite:
                marks.append(f"*{t('plan.added', lang)}*")
            title = _md(rec.title) + (" " + ", ".join(marks) if marks else "")
            out.append(
                f"| {count} | {title} | {t('effort.' + rec.effort, lang)} | {t('impact.' + rec.time_to_impact, lang)} "
                f"| {number(rec.priority, lang, 'priority')} | {_md(gain_text(rec, lang, names))} |"
            )
            notes += [f"- {_md(rec.title)}: {_md(sentence)}" for sentence in plain_notes(rec, names, lang)]
        out.append("")
        if notes:
            out += [*notes, ""]
    if advice.dropped:
        out += [f"{'#' * (level + 1)} {t('plan.dropped.title', lang)}", ""]
        for dropped in advice.dropped:
            where = (
                f" ({dropped.conflicts_with.file}:{dropped.conflicts_with.line})" if dropped.conflicts_with.file else ""
            )
            out.append(
                f"- **{_md(dropped.title)}** ({t('priority', lang).lower()} "
                f"{number(dropped.priority, lang, 'priority')}): "
                f"{_md(dropped_reason(dropped, advice, names))}{where}"
            )
        out.append("")
    return out


def _plan_data(advice: Advice) -> dict[str, Any]:
    steps = _steps(advice)
    data = json.loads(advice.model_dump_json())
    by_id = {r["id"]: r for r in data["recommendations"]}
    return {
        "schema_version": advice.schema_version,
        "lang": advice.lang,
        "program": data["program"],
        "pack": data["pack"],
        "score": {"overall": advice.score.overall, "band": advice.score.band, "coverage": advice.score.coverage},
        "order": advice.plan_order,
        "roadmap": advice.roadmap,
        "phases": [
            {"phase": i, "steps": [by_id[rid] for rid in phase if rid in steps]}
            for i, phase in enumerate(advice.roadmap, start=1)
        ],
        "dropped": data["dropped"],
    }


def _plan_json(advice: Advice) -> str:
    return json.dumps(_plan_data(advice), indent=2, ensure_ascii=False) + "\n"


def _header(advice: Advice) -> str:
    lang = advice.lang
    score = advice.score
    overall = (
        t("score.none", lang) if score.overall is None else f"{number(score.overall, lang)} / 100 ({score.band_label})"
    )
    return f"{t('score.overall', lang)}: {overall}; {t('score.coverage', lang)} {percent(score.coverage, lang)}"


def _plan_text(advice: Advice) -> str:
    lang = advice.lang
    lines = [f"{t('plan.title', lang)}: {program_title(advice.program, lang)}", _header(advice), ""]
    lines += roadmap_text(advice, detail=True)
    return "\n".join(lines) + "\n"


def _plan_markdown(advice: Advice) -> str:
    lang = advice.lang
    out = [
        f"# {t('plan.title', lang)}: {_md(program_title(advice.program, lang))}",
        "",
        f"**{_md(_header(advice))}**",
        "",
    ]
    out += roadmap_markdown(advice, level=2)
    return "\n".join(out).rstrip("\n") + "\n"


PLAN_FORMATS: dict[str, Callable[[Advice], str]] = {
    "json": _plan_json,
    "markdown": _plan_markdown,
    "text": _plan_text,
}


def render_plan(advice: Advice, fmt: str) -> str:
    """Render the plan of ``advice`` as ``text``, ``markdown`` or ``json``.

    Args:
        advice: an advice with its plan (see :func:`asn_advisor.engine.plan.outline_plan`).
        fmt: one of :data:`PLAN_FORMATS`.

    Returns:
        The text, ending with a newline.
    """
    return PLAN_FORMATS[fmt](advice)


def _phases(roadmap: list[list[str]], lang: str, names: Mapping[str, str]) -> list[str]:
    if not roadmap:
        return [f"  {t('roadmap.none', lang)}"]
    return [
        f"  {t('phase', lang)} {i}: {'; '.join(names.get(rid, rid) for rid in phase)}"
        for i, phase in enumerate(roadmap, start=1)
    ]


def render_whatif(result: WhatIf, fmt: str) -> str:
    """Render a what-if comparison as ``text``, ``markdown`` or ``json``.

    Args:
        result: from :func:`asn_advisor.engine.plan.what_if`.
        fmt: ``text``, ``markdown`` or ``json``.

    Returns:
        The text, ending with a newline.
    """
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    lang = result.after.lang
    none = t("whatif.none", lang)
    score = result.score
    names = {**names_of(result.before), **names_of(result.after)}

    def named(ids: list[str]) -> str:
        return "; ".join(names.get(i, i) for i in ids) or none

    items = [
        (
            t("whatif.set", lang),
            ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in result.set.items()) or none,
        ),
        (t("whatif.resolve", lang), named(result.resolve)),
        (
            "",
            t(
                "whatif.score",
                lang,
                before=_score(score.before, lang),
                after=_score(score.after, lang),
                expected=_score(score.expected, lang),
            ),
        ),
        (t("whatif.findings_removed", lang), named(result.findings_removed)),
        (t("whatif.findings_added", lang), named(result.findings_added)),
        (t("whatif.findings_changed", lang), named(result.findings_changed)),
        (t("whatif.steps_removed", lang), named(result.steps_removed)),
        (t("whatif.steps_added", lang), named(result.steps_added)),
    ]
    title = f"{t('whatif.title', lang)}: {program_title(result.after.program, lang)}"
    if fmt == "markdown":
        out = [f"# {_md(title)}", ""]
        out += [f"- {label + ': ' if label else ''}{_md(value)}" for label, value in items]
        for heading, roadmap in (
            (t("whatif.roadmap_before", lang), result.roadmap_before),
            (t("whatif.roadmap_after", lang), result.roadmap_after),
        ):
            out += ["", f"## {heading}", ""]
            out += [f"- {line.strip()}" for line in _phases(roadmap, lang, names)]
        return "\n".join(out) + "\n"
    lines = [title]
    lines += [f"{label + ': ' if label else ''}{value}" for label, value in items]
    lines.append(f"{t('whatif.roadmap_before', lang)}:")
    lines += _phases(result.roadmap_before, lang, names)
    lines.append(f"{t('whatif.roadmap_after', lang)}:")
    lines += _phases(result.roadmap_after, lang, names)
    return "\n".join(lines) + "\n"
