"""What the report prints, as plain values in the advice's language: one view, two templates.

``templates/report.html.j2`` and ``templates/report.md.j2`` lay out the same
view, so a field added here reaches both formats.  The view holds texts and
formatted numbers only; escaping is the templates' job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from asn_advisor.i18n import number, percent, t
from asn_advisor.model import Advice, FindingResult, PriorityTerm, Recommendation, ReportBand
from asn_advisor.render.charts import dimensions_svg
from asn_advisor.render.evidence import readings_text, rule_reference, source_label
from asn_advisor.render.plan import dropped_reason, names_of
from asn_advisor.render.summary import data_to_collect, gap_rows_of, open_interval, program_title, step_view

__all__ = ["SUMMARY_STEPS", "report_view"]

#: Steps on the summary page.
SUMMARY_STEPS = 3


def _term_name(term: PriorityTerm, labels: Mapping[str, str], lang: str) -> str:
    """A priority term by its finding's label, saying when it counts as a root cause or a proposal."""
    if term.kind == "report_proposal":
        return t("quality.term.report_proposal", lang)
    label = labels.get(term.finding, term.finding)
    if term.kind == "root_cause":
        return t("report.root_cause_term", lang, finding=label, via=", ".join(labels.get(v, v) for v in term.via))
    return label


def _identity(advice: Advice) -> list[tuple[str, str]]:
    lang = advice.lang
    program = advice.program
    rows = [(t("program", lang), program.id)]
    for key, value in (
        ("report.name", program.name),
        ("region", program.region),
        ("period", program.period),
        ("report.type", program.type),
    ):
        if value:
            rows.append((t(key, lang), value))
    extra = program.model_extra or {}
    if isinstance(extra.get("source"), str):
        rows.append((t("report.source", lang), extra["source"]))
    rows.append((t("pack", lang), f"{advice.pack.id} {advice.pack.version} ({advice.pack.digest})"))
    return rows


def _strengths(advice: Advice, bands: Sequence[ReportBand]) -> list[str]:
    """What already works: the strengths the advice states, else the dimensions in the two highest bands."""
    lang = advice.lang
    if advice.strengths:
        return [item.text for item in advice.strengths]
    if not bands:
        return []
    floor = bands[-2].min if len(bands) >= 2 else bands[-1].min
    good = [d for d in advice.score.dimensions if d.score is not None and d.score >= floor]
    good.sort(key=lambda d: (-(d.score or 0.0), d.id))
    return [
        t(
            "report.strength",
            lang,
            label=d.label,
            score=number(d.score or 0.0, lang),
            band=d.band_label or d.band or "-",
        )
        for d in good
    ]


def _score_view(advice: Advice) -> dict[str, Any]:
    lang = advice.lang
    score = advice.score
    interval = open_interval(advice)
    return {
        "overall": score.overall,
        "band": score.band_label or score.band or "-",
        "coverage": percent(score.coverage, lang),
        "interval": None
        if interval is None
        else t("summary.interval", lang, low=number(interval[0], lang), high=number(interval[1], lang)),
    }


def _step_rows(advice: Advice) -> list[dict[str, Any]]:
    rows = []
    for rec in advice.recommendations[:SUMMARY_STEPS]:
        view = step_view(rec)
        rows.append(
            {
                "id": rec.id,
                "title": view.title,
                "reason": view.reason,
                "action": view.action,
                "owner": view.owner,
                "quick_win": view.quick_win,
            }
        )
    return rows


def _facts(rec: Recommendation, lang: str) -> list[str]:
    facts = [
        f"{t('effort', lang)}: {t('effort.' + rec.effort, lang)}",
        f"{t('time_to_impact', lang)}: {t('impact.' + rec.time_to_impact, lang)}",
    ]
    if rec.phase is not None:
        facts.append(f"{t('report.phase', lang)} {rec.phase}")
    if rec.quick_win:
        facts.append(t("summary.quick_win", lang))
    facts.append(f"{t('priority', lang)} {number(rec.priority, lang, 'priority')}")
    return facts


def _recommendation_row(rec: Recommendation, labels: Mapping[str, str], lang: str) -> dict[str, Any]:
    return {
        "id": rec.id,
        "rank": rec.rank,
        "title": rec.title,
        "description": rec.description,
        "facts": _facts(rec, lang),
        "addresses": [labels.get(f, f) for f in rec.addresses],
        "reasons": list(dict.fromkeys(ref.text for ref in rec.because if ref.text))[:2],
        "priority": number(rec.priority, lang, "priority"),
        "terms": [
            {
                "finding": _term_name(term, labels, lang),
                # A report's own proposal adds fixed points; it has no product to show.
                "product": term.kind != "report_proposal",
                "severity": f"{term.severity_factor:g}",
                "share": f"{term.dimension_share:g}",
                "gap": f"{term.gap_term:g}",
                "weight": f"{term.rule_weight:g}",
                "contribution": number(term.contribution, lang, "priority"),
            }
            for term in rec.priority_breakdown
        ],
        "rules": [rule_reference(ref) for ref in rec.because],
    }


def _finding_row(finding: FindingResult, lang: str) -> dict[str, Any]:
    quotes = [
        {"text": ev.text, "source": source_label(ev.source, lang) if ev.source else None}
        for ev in finding.evidence
        if ev.kind == "stated" and ev.text
    ]
    rules = [
        {"rule": ev.rule or "", "where": f"{ev.file}:{ev.line}", "readings": readings_text(ev.values)}
        for ev in finding.evidence
        if ev.kind == "rule"
    ]
    return {
        "id": finding.id,
        "label": finding.label,
        "severity": finding.severity,
        "severity_label": t("severity." + finding.severity, lang),
        "source": t("source." + finding.source, lang),
        "quotes": quotes,
        "derived": len(rules),
        "rules": rules,
    }


def _text_bar(score: float | None, width: int = 20) -> str:
    """A bar of block characters, for the formats that draw no chart."""
    if score is None:
        return ""
    filled = round(width * max(0.0, min(100.0, score)) / 100.0)
    return "\u2588" * filled + "\u2591" * (width - filled)


def _dimension_rows(advice: Advice) -> list[dict[str, Any]]:
    lang = advice.lang
    return [
        {
            "label": d.label,
            "score": "-" if d.score is None else number(d.score, lang),
            "bar": _text_bar(d.score),
            "band": d.band_label or t("no_data", lang),
            "weight": f"{d.weight:g}",
        }
        for d in advice.score.dimensions
    ]


def _roadmap_view(advice: Advice) -> dict[str, Any]:
    lang = advice.lang
    steps = {rec.id: rec for rec in advice.recommendations}
    return {
        "phases": [
            {
                "title": f"{t('phase', lang)} {index}",
                "steps": [f"{steps[rid].rank}. {steps[rid].title}" for rid in phase if rid in steps],
            }
            for index, phase in enumerate(advice.roadmap, start=1)
        ],
        "plan_order": t("plan.order", lang, order=t("plan.order." + advice.plan_order, lang)),
        "dropped": [{"title": d.title, "reason": dropped_reason(d, advice, names_of(advice))} for d in advice.dropped],
    }


def report_view(advice: Advice, bands: Sequence[ReportBand]) -> dict[str, Any]:
    """Everything the report prints, in the advice's language; ``bands`` lowest first."""
    lang = advice.lang
    program = advice.program
    labels = {f.id: f.label for f in advice.findings}
    gap_rows = gap_rows_of(advice)
    collect = data_to_collect(gap_rows)
    meta = [
        part for part in (program.region, program.period and t("summary.period", lang, period=program.period)) if part
    ]
    return {
        "title": program_title(program, lang),
        "meta": meta,
        "identity": _identity(advice),
        "score": _score_view(advice),
        "chart": dimensions_svg(advice, bands),
        "bands": [f"{b.label} \u2265 {b.min:g}" for b in reversed(bands)],
        "steps": _step_rows(advice),
        "more_steps": max(0, len(advice.recommendations) - SUMMARY_STEPS),
        "strengths": _strengths(advice, bands),
        "collect": collect,
        "more_gaps": len(gap_rows) - len(collect),
        "dimensions": _dimension_rows(advice),
        "findings": [_finding_row(finding, lang) for finding in advice.findings],
        "recommendations": [_recommendation_row(rec, labels, lang) for rec in advice.recommendations],
        **_roadmap_view(advice),
        "gaps": [{"label": g.label, "dimensions": ", ".join(g.dimensions) or "-", "rules": g.rules} for g in gap_rows],
    }
