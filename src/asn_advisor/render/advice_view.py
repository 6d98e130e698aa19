"""The advice in detail, for analysts and rule authors: one view, a text and a Markdown template.

``templates/advice.txt.j2`` (``advise --rinci``) and ``templates/advice.md.j2``
(``advise --format markdown``) lay out the same view, so a field added here
reaches both.  Unlike the one-screen summary and the meeting report, this view
keeps the codes: rule ids, files and lines, conditions and the values read.
"""

from __future__ import annotations

from typing import Any

from asn_advisor.i18n import number, percent, t
from asn_advisor.model import Advice, DataGap, FindingResult, Recommendation
from asn_advisor.render.evidence import readings_text, rule_reference, source_label
from asn_advisor.render.summary import dimension_labels, open_interval, program_title

__all__ = ["advice_view", "overall_line"]


def overall_line(advice: Advice) -> str:
    """``Skor keseluruhan: 71,3 / 100 (Sedang); Cakupan data 100%`` in the advice's language."""
    lang = advice.lang
    score = advice.score
    coverage = f"{t('score.coverage', lang)} {percent(score.coverage, lang)}"
    if score.overall is None:
        return f"{t('score.overall', lang)}: {t('score.none', lang)}; {coverage}"
    return f"{t('score.overall', lang)}: {number(score.overall, lang)} / 100 ({score.band_label}); {coverage}"


def _interval(advice: Advice) -> str | None:
    """The interval the score can still take, and whether the band is certain."""
    interval = open_interval(advice)
    if interval is None:
        return None
    low, high = (number(end, advice.lang) for end in interval)
    if advice.score.band_certain:
        return t("quality.band.certain", advice.lang, low=low, high=high)
    names = ", ".join(advice.score.band_settled_by_labels)
    return t("quality.band.uncertain", advice.lang, low=low, high=high, names=names)


def _finding(finding: FindingResult, lang: str) -> dict[str, Any]:
    evidence = []
    for item in finding.evidence:
        if item.kind == "stated" and item.text:
            evidence.append({"quote": item.text, "source": source_label(item.source, lang) if item.source else None})
        elif item.kind == "rule":
            evidence.append(
                {
                    "quote": None,
                    "rule": item.rule,
                    "where": f"{item.file}:{item.line}",
                    "readings": readings_text(item.values),
                }
            )
    return {
        "id": finding.id,
        "label": finding.label,
        "severity": t("severity." + finding.severity, lang),
        "source": t(f"source.{finding.source}", lang),
        "evidence": evidence,
    }


def _action(rec: Recommendation, lang: str) -> dict[str, Any]:
    """What acting on ``rec`` takes: steps, who acts, cost, first result, basis."""
    facts = []
    if rec.actor_labels:
        facts.append(f"{t('quality.actors', lang)}: {', '.join(rec.actor_labels)}")
    if rec.cost:
        facts.append(f"{t('quality.cost', lang)}: {t('quality.cost.' + rec.cost, lang)}")
    if rec.first_result:
        facts.append(f"{t('quality.first_result', lang)}: {rec.first_result}")
    return {
        "proposed": t("quality.proposed", lang) if rec.proposed_by_report else None,
        "first_steps": list(rec.first_steps),
        "facts": "; ".join(facts),
        "basis": rec.basis,
    }


def _recommendation(rec: Recommendation, lang: str) -> dict[str, Any]:
    return {
        "id": rec.id,
        "rank": rec.rank,
        "title": rec.title,
        "description": rec.description,
        "priority": number(rec.priority, lang, "priority"),
        "addresses": list(rec.addresses),
        "effort": t("effort." + rec.effort, lang),
        "impact": t("impact." + rec.time_to_impact, lang),
        "because": [rule_reference(ref) for ref in rec.because],
        **_action(rec, lang),
    }


def _proposals(advice: Advice) -> list[dict[str, Any]] | None:
    """The report's own proposals beside the advice; ``None`` when the advice was not read from a report."""
    if advice.report is None:
        return None
    lang = advice.lang
    return [
        {
            "id": prop.id,
            "title": prop.title,
            "mark": t("report_proposals.advised", lang, rank=prop.rank)
            if prop.advised
            else t("report_proposals.only", lang),
            "quote": " ".join(prop.quote.split()),
            "where": f"{advice.report.file}:{prop.line}:{prop.column}",
        }
        for prop in advice.report_proposals
    ]


def _in_place(advice: Advice) -> list[str]:
    lang = advice.lang
    labels = {f.id: f.label for f in advice.findings}
    items = []
    for placed in advice.in_place:
        if placed.working:
            state = t("quality.in_place.working", lang)
        else:
            names = ", ".join(labels.get(f, f) for f in placed.findings)
            state = t("quality.in_place.not_working", lang, findings=names)
        because = f" {placed.because}" if placed.because else ""
        items.append(f"{placed.title}:{because} {state}")
    return items


def _gap(gap: DataGap, lang: str, dimension_labels: dict[str, str]) -> dict[str, Any]:
    """A missing value and what it would help with: dimensions to score (by label), rules to decide."""
    parts = []
    if gap.dimensions:
        names = ", ".join(dimension_labels.get(d, d) for d in gap.dimensions)
        parts.append(f"{t('data_gaps.dimensions', lang)} {names}")
    if gap.decides:
        parts.append(f"{t('data_gaps.decides', lang)} {', '.join(gap.decides)}")
    return {"indicator": gap.indicator, "label": gap.label, "detail": "; ".join(parts)}


def advice_view(advice: Advice) -> dict[str, Any]:
    """Everything the detailed advice prints, in the advice's language."""
    lang = advice.lang
    program = advice.program
    return {
        "title": f"{t('advice.title', lang)}: {program_title(program, lang)}",
        "program": program,
        "pack": f"{advice.pack.id} {advice.pack.version}",
        "overall": overall_line(advice),
        "interval": _interval(advice),
        "dimensions": [
            {
                "label": d.label,
                "score": "-" if d.score is None else number(d.score, lang),
                "band": d.band_label or t("no_data", lang),
                "weight": f"{d.weight:g}",
            }
            for d in advice.score.dimensions
        ],
        "findings": [_finding(f, lang) for f in advice.findings],
        "recommendations": [_recommendation(r, lang) for r in advice.recommendations],
        "proposals": _proposals(advice),
        "strengths": [s.text for s in advice.strengths],
        "in_place": _in_place(advice),
        "unsupported": [f"{u.title}: {u.why}" for u in advice.unsupported_proposals],
        "gaps": [_gap(g, lang, dimension_labels(advice)) for g in advice.data_gaps],
    }
