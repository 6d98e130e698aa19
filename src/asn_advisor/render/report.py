"""Reports people read: one self-contained HTML file, or the same in Markdown.

The report is for heads of BKPSDM offices and regional secretaries, who print
it or attach it to a letter, and for analysts who compare programs.  It holds
the program's identity, the overall score and band, a chart of the dimension
scores against the bands, the findings with their evidence, the ranked
recommendations with their explanations, the roadmap (when the advice has
one) and the data gaps.

Design choices, and why:

* The HTML has no script, no web font and no external asset: it must open
  from an e-mail attachment on an office PC without a network, and print the
  same.  The chart is inline SVG drawn here, with a ``<title>``/``<desc>`` and
  text labels, so that screen readers and greyscale printouts keep the values.
* Every text that comes from a profile, a pack or an advice file is escaped;
  a profile is untrusted input.
* The output is a pure function of the advice and the bands: no dates, no
  random ids, dictionaries in a fixed order.  Golden tests rely on it.
* The roadmap comes from the plan (``phase`` on each recommendation,
  ``roadmap`` and ``dropped`` on the advice) and is worded as
  ``asn-advisor plan`` words it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from asn_advisor._base import format_for_path, markdown_code, markdown_escape, visible
from asn_advisor.i18n import has_entry, number, percent, t
from asn_advisor.model import Advice, PriorityTerm, Recommendation, ReportBand
from asn_advisor.render._templates import render_template
from asn_advisor.render.plan import dropped_reason, names_of, roadmap_markdown
from asn_advisor.render.summary import program_title, step_view

__all__ = [
    "REPORT_FORMATS",
    "render_chart_svg",
    "render_report",
    "render_report_html",
    "render_report_markdown",
    "report_format_for",
]


def _escape(text: str, quote: bool = True) -> str:
    """HTML (and SVG) text: markup escaped, control and bidirectional characters written out."""
    return html.escape(visible(text), quote)


# ---------------------------------------------------------------------------
# small helpers shared by both formats


def _num(value: float | None, lang: str = "id") -> str:
    """A score as text in ``lang``; ``-`` when unknown (never 0: absence is not zero)."""
    if value is None:
        return "-"
    return number(value, lang)


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{k}: {_value_text(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
        )
    return str(value)


def _values_text(values: Mapping[str, Any] | None) -> str:
    if not values:
        return ""
    return ", ".join(f"{k} = {_value_text(v)}" for k, v in sorted(values.items()))


def _source(source: str, lang: str) -> str:
    """An evidence source (survey, interview, ...) in the report's language."""
    key = f"report.evidence.{source}"
    return t(key, lang) if has_entry(key, lang) else source


def _title(advice: Advice) -> str:
    return program_title(advice.program, advice.lang)


def _finding_labels(advice: Advice) -> dict[str, str]:
    return {f.id: f.label for f in advice.findings}


def _phase_of(rec: Recommendation, lang: str) -> str | None:
    """The roadmap phase of a recommendation, as shown to readers."""
    return None if rec.phase is None else str(rec.phase)


def _term_label(term: Any, lang: str) -> str:
    """A priority term's finding, saying when it counts as a root cause."""
    if getattr(term, "kind", "finding") == "root_cause":
        return t("report.root_cause_term", lang, finding=term.finding, via=", ".join(term.via))
    if getattr(term, "kind", "finding") == "report_proposal":
        return t("quality.term.report_proposal", lang)
    return str(term.finding)


def _term_name(term: PriorityTerm, labels: Mapping[str, str], lang: str) -> str:
    """A priority term's finding by its label, saying when it counts as a root cause."""
    label = labels.get(term.finding, term.finding)
    if term.kind == "root_cause":
        return t("report.root_cause_term", lang, finding=label, via=", ".join(labels.get(v, v) for v in term.via))
    return label


def _identity(advice: Advice) -> list[tuple[str, str]]:
    lang = advice.lang
    program = advice.program
    rows = [(t("program", lang), program.id)]
    if program.name:
        rows.append((t("report.name", lang), program.name))
    if program.region:
        rows.append((t("region", lang), program.region))
    if program.period:
        rows.append((t("period", lang), program.period))
    if program.type:
        rows.append((t("report.type", lang), program.type))
    extra = program.model_extra or {}
    if isinstance(extra.get("source"), str):
        rows.append((t("report.source", lang), extra["source"]))
    rows.append((t("pack", lang), f"{advice.pack.id} {advice.pack.version} ({advice.pack.digest})"))
    return rows


def _overall_sentence(advice: Advice) -> str:
    lang = advice.lang
    score = advice.score
    if score.overall is None:
        return t("score.none", lang)
    return f"{number(score.overall, lang)} / 100 ({score.band_label or score.band or '-'})"


def _chart_description(advice: Advice, bands: Sequence[ReportBand]) -> str:
    lang = advice.lang
    parts = []
    for dim in advice.score.dimensions:
        if dim.score is None:
            parts.append(f"{dim.label}: {t('no_data', lang)}")
        else:
            parts.append(f"{dim.label}: {number(dim.score, lang)} ({dim.band_label or dim.band or '-'})")
    zones = ", ".join(f"{b.label} \u2265 {b.min:g}" for b in reversed(bands))
    text = "; ".join(parts) + "."
    if zones:
        text += f" {t('report.chart.bands', lang)}: {zones}."
    return text


# ---------------------------------------------------------------------------
# the chart

# Light fills from low (red) to high (green); chosen to stay distinguishable
# when printed in greyscale (lightness rises with the band) and to keep dark
# text readable on top of them.
_ZONE_FILLS = ("#f6c9c4", "#f9dcc0", "#fbeec1", "#e4efc6", "#cfe8cf", "#b9dfc9")


def _zone_fills(count: int) -> list[str]:
    if count <= 0:
        return []
    if count >= len(_ZONE_FILLS):
        return [_ZONE_FILLS[min(i, len(_ZONE_FILLS) - 1)] for i in range(count)]
    # Spread the palette so that the lowest band is red and the highest green.
    step = (len(_ZONE_FILLS) - 1) / max(count - 1, 1)
    return [_ZONE_FILLS[round(i * step)] for i in range(count)]


def render_chart_svg(advice: Advice, bands: Sequence[ReportBand], *, element_id: str = "chart") -> str:
    """A horizontal bar chart of the dimension scores over the band zones.

    Every value is also written as text next to its bar, and the bands are
    labelled above the zones, so the chart reads without colour.
    """
    lang = advice.lang
    e = _escape
    dims = advice.score.dimensions
    label_w, plot_w, right_w = 200, 400, 150
    top, row_h, bar_h, bottom = 40, 34, 18, 70
    width = label_w + plot_w + right_w
    height = top + row_h * max(len(dims), 1) + bottom
    x0 = label_w

    def x(score: float) -> float:
        return x0 + plot_w * max(0.0, min(100.0, score)) / 100.0

    title = t("report.chart.title", lang)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{e(element_id)}" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'aria-labelledby="{e(element_id)}-title {e(element_id)}-desc" font-family="sans-serif" font-size="12">'
        ),
        f'<title id="{e(element_id)}-title">{e(title)}</title>',
        f'<desc id="{e(element_id)}-desc">{e(_chart_description(advice, bands))}</desc>',
    ]
    plot_top, plot_bottom = top - 6, top + row_h * max(len(dims), 1)
    fills = _zone_fills(len(bands))
    for index, band in enumerate(bands):
        upper = bands[index + 1].min if index + 1 < len(bands) else 100.0
        if upper <= band.min:
            continue
        zx, zw = x(band.min), x(upper) - x(band.min)
        out.append(
            f'<rect class="zone" data-band="{e(band.id)}" x="{zx:.1f}" y="{plot_top}" width="{zw:.1f}" '
            f'height="{plot_bottom - plot_top}" fill="{fills[index]}"/>'
        )
        # Band names above the zones when they fit; the legend below always names them.
        if zw >= 6 * len(band.label):
            out.append(
                f'<text class="zone-label" x="{zx + zw / 2:.1f}" y="{plot_top - 6}" text-anchor="middle" '
                f'font-size="10" fill="#333">{e(band.label)}</text>'
            )
        # Legend entry: swatch, name and range, in reading order from the lowest band.
        lx = 10 + index * ((width - 20) / max(len(bands), 1))
        ly = plot_bottom + 44
        # "< 61" for the lowest band and "\u2265 61" for the others: exact for decimal scores.
        range_text = f"< {upper:g}" if index == 0 and len(bands) > 1 else f"\u2265 {band.min:g}"
        out.append(
            f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="12" fill="{fills[index]}" '
            'stroke="#666" stroke-width="0.5"/>'
        )
        out.append(
            f'<text class="legend" x="{lx + 16:.1f}" y="{ly}" font-size="11" fill="#111">'
            f"{e(band.label)} {e(range_text)}</text>"
        )
    # Axis ticks at the band boundaries, where a reader looks for them.
    ticks = sorted({0.0, 100.0, *(b.min for b in bands)})
    for tick in ticks:
        tx = x(tick)
        out.append(
            f'<line x1="{tx:.1f}" y1="{plot_top}" x2="{tx:.1f}" y2="{plot_bottom}" stroke="#888" stroke-width="0.5"/>'
        )
        out.append(
            f'<text x="{tx:.1f}" y="{plot_bottom + 14}" text-anchor="middle" font-size="10" fill="#333">{tick:g}</text>'
        )
    for row, dim in enumerate(dims):
        y = top + row * row_h
        cy = y + row_h / 2
        out.append(f'<g class="dimension" data-dimension="{e(dim.id)}">')
        out.append(f'<text x="{label_w - 8}" y="{cy + 4:.1f}" text-anchor="end" fill="#111">{e(dim.label)}</text>')
        if dim.score is None:
            out.append(
                f'<rect x="{x0}" y="{cy - bar_h / 2:.1f}" width="{plot_w}" height="{bar_h}" fill="none" '
                f'stroke="#666" stroke-dasharray="4 3"/>'
            )
            out.append(
                f'<text x="{x0 + plot_w / 2:.1f}" y="{cy + 4:.1f}" text-anchor="middle" font-style="italic" '
                'fill="#333">'
                f"{e(t('no_data', lang))}</text>"
            )
            out.append(f'<text x="{x0 + plot_w + 8}" y="{cy + 4:.1f}" fill="#111">-</text>')
        else:
            bw = x(dim.score) - x0
            out.append(
                f'<rect class="bar" x="{x0}" y="{cy - bar_h / 2:.1f}" width="{bw:.1f}" height="{bar_h}" '
                'fill="#1f4e79"/>'
            )
            out.append(
                f'<text class="value" x="{x0 + plot_w + 8}" y="{cy + 4:.1f}" font-weight="bold" fill="#111">'
                f"{number(dim.score, lang)} {e(dim.band_label or dim.band or '')}</text>"
            )
        out.append("</g>")
    overall = advice.score.overall
    if overall is not None:
        ox = x(overall)
        out.append(
            f'<line class="overall" x1="{ox:.1f}" y1="{plot_top}" x2="{ox:.1f}" y2="{plot_bottom}" stroke="#b22222" '
            f'stroke-width="2" stroke-dasharray="6 3"/>'
        )
        out.append(
            f'<text x="{ox:.1f}" y="{plot_bottom + 28}" text-anchor="middle" font-size="11" fill="#b22222">'
            f"{e(t('score.overall', lang))} {number(overall, lang)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# HTML: the view the template ``templates/report.html.j2`` lays out

#: Steps on the summary page, and data to collect listed there.
SUMMARY_STEPS = 3
SUMMARY_GAPS = 5


def _strengths(advice: Advice, bands: Sequence[ReportBand]) -> list[str]:
    """What already works: the dimensions in the two highest bands, best first."""
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


@dataclass(frozen=True)
class _GapRow:
    """Missing data as a reader names it: the parts of a map indicator are one row."""

    label: str
    dimensions: list[str]
    rules: int
    parts: int


def _gap_rows(advice: Advice) -> list[_GapRow]:
    """The data gaps, one row per indicator (``absence_reasons.x`` and ``.y`` under one label)."""
    names = {d.id: d.label for d in advice.score.dimensions}
    rows: dict[str, _GapRow] = {}
    for gap in advice.data_gaps:
        base = gap.indicator.split(".", 1)[0]
        label = gap.label.rsplit(" (", 1)[0] if "." in gap.indicator else gap.label
        seen = rows.get(base)
        dims = [names.get(d, d) for d in gap.dimensions]
        if seen is None:
            rows[base] = _GapRow(label, dims, len(gap.decides), 1)
        else:
            merged = list(dict.fromkeys([*seen.dimensions, *dims]))
            rows[base] = _GapRow(seen.label, merged, seen.rules + len(gap.decides), seen.parts + 1)
    return list(rows.values())


def _collect(rows: Sequence[_GapRow]) -> list[str]:
    """The data to collect next: the missing values that decide the most rules and dimensions first."""
    ranked = sorted(rows, key=lambda r: (-(r.rules + 2 * len(r.dimensions)), r.label))
    return [row.label for row in ranked[:SUMMARY_GAPS]]


def _interval_text(advice: Advice) -> str | None:
    interval = advice.score.interval
    if interval is None:
        return None
    lang = advice.lang
    return t("summary.interval", lang, low=number(interval.low, lang), high=number(interval.high, lang))


def _report_view(advice: Advice, bands: Sequence[ReportBand]) -> dict[str, Any]:
    """Everything the HTML template prints, as plain values in the advice's language."""
    lang = advice.lang
    program = advice.program
    score = advice.score
    labels = _finding_labels(advice)
    steps = []
    for rec in advice.recommendations[:SUMMARY_STEPS]:
        view = step_view(rec)
        steps.append(
            {
                "id": rec.id,
                "title": view.title,
                "reason": view.reason,
                "action": view.action,
                "owner": view.owner,
                "quick_win": view.quick_win,
            }
        )
    recommendations = []
    for rec in advice.recommendations:
        facts = [
            f"{t('effort', lang)}: {t('effort.' + rec.effort, lang)}",
            f"{t('time_to_impact', lang)}: {t('impact.' + rec.time_to_impact, lang)}",
        ]
        if rec.phase is not None:
            facts.append(f"{t('report.phase', lang)} {rec.phase}")
        if rec.quick_win:
            facts.append(t("summary.quick_win", lang))
        facts.append(f"{t('priority', lang)} {number(rec.priority, lang, 'priority')}")
        reasons = list(dict.fromkeys(ref.text for ref in rec.because if ref.text))[:2]
        recommendations.append(
            {
                "id": rec.id,
                "rank": rec.rank,
                "title": rec.title,
                "description": rec.description,
                "facts": facts,
                "addresses": [labels.get(f, f) for f in rec.addresses],
                "reasons": reasons,
                "priority": number(rec.priority, lang, "priority"),
                "terms": [
                    {
                        "finding": _term_name(term, labels, lang),
                        "severity": f"{term.severity_factor:g}",
                        "share": f"{term.dimension_share:g}",
                        "gap": f"{term.gap_term:g}",
                        "weight": f"{term.rule_weight:g}",
                        "contribution": number(term.contribution, lang, "priority"),
                    }
                    for term in rec.priority_breakdown
                ],
                "rules": [
                    {
                        "rule": ref.rule,
                        "where": f"{ref.file}:{ref.line}",
                        "when": ref.when,
                        "readings": _values_text(ref.values),
                    }
                    for ref in rec.because
                ],
            }
        )
    findings = []
    for finding in advice.findings:
        quotes = [
            {"text": ev.text, "source": _source(ev.source, lang) if ev.source else None}
            for ev in finding.evidence
            if ev.kind == "stated" and ev.text
        ]
        rules = [
            {"rule": ev.rule or "", "where": f"{ev.file}:{ev.line}", "readings": _values_text(ev.values)}
            for ev in finding.evidence
            if ev.kind == "rule"
        ]
        findings.append(
            {
                "id": finding.id,
                "label": finding.label,
                "severity": finding.severity,
                "severity_label": t("severity." + finding.severity, lang),
                "source": t("source." + finding.source, lang),
                "quotes": quotes,
                "derived": len(rules),
                "rules": rules,
            }
        )
    steps_by_id = {rec.id: rec for rec in advice.recommendations}
    phases = [
        {
            "title": f"{t('phase', lang)} {index}",
            "steps": [f"{steps_by_id[rid].rank}. {steps_by_id[rid].title}" for rid in phase if rid in steps_by_id],
        }
        for index, phase in enumerate(advice.roadmap, start=1)
    ]
    meta = [
        part for part in (program.region, program.period and t("summary.period", lang, period=program.period)) if part
    ]
    gap_rows = _gap_rows(advice)
    collect = _collect(gap_rows)
    return {
        "title": _title(advice),
        "meta": meta,
        "identity": _identity(advice),
        "score": {
            "overall": score.overall,
            "band": score.band_label or score.band or "-",
            "coverage": percent(score.coverage, lang),
            "interval": _interval_text(advice),
        },
        "chart": Markup(render_chart_svg(advice, bands)),  # escaped where it is drawn
        "steps": steps,
        "more_steps": max(0, len(advice.recommendations) - SUMMARY_STEPS),
        "strengths": _strengths(advice, bands),
        "collect": collect,
        "more_gaps": len(gap_rows) - len(collect),
        "dimensions": [
            {
                "label": d.label,
                "score": "-" if d.score is None else number(d.score, lang),
                "band": d.band_label or t("no_data", lang),
                "weight": f"{d.weight:g}",
            }
            for d in score.dimensions
        ],
        "findings": findings,
        "recommendations": recommendations,
        "phases": phases,
        "plan_order": t("plan.order", lang, order=t("plan.order." + advice.plan_order, lang)),
        "dropped": [{"title": d.title, "reason": dropped_reason(d, advice, names_of(advice))} for d in advice.dropped],
        "gaps": [{"label": g.label, "dimensions": ", ".join(g.dimensions) or "-", "rules": g.rules} for g in gap_rows],
    }


def render_report_html(advice: Advice, bands: Sequence[ReportBand]) -> str:
    """The whole report as one self-contained HTML page (inline CSS and SVG, no script).

    Page 1 is the summary for a meeting (score, the top steps, what already
    works, what data to collect); the detail follows; the rules and the
    priority arithmetic are in an appendix.
    """
    return render_template("report.html.j2", advice.lang, **_report_view(advice, bands))


# ---------------------------------------------------------------------------
# Markdown


def _md(text: str) -> str:
    """Escape what Markdown would read as markup or as a table cell border."""
    return markdown_escape(text)


def _md_code(text: str) -> str:
    """Inline code that survives backticks inside the text."""
    return markdown_code(text)


def _text_bar(score: float | None, width: int = 20) -> str:
    """A bar of block characters so the chart survives in plain Markdown."""
    if score is None:
        return ""
    filled = round(width * max(0.0, min(100.0, score)) / 100.0)
    return "\u2588" * filled + "\u2591" * (width - filled)


def _markdown_summary(advice: Advice, bands: Sequence[ReportBand]) -> list[str]:
    """The summary the HTML report prints on page 1, as Markdown: score, main steps, what works, what to collect."""
    lang = advice.lang
    view = _report_view(advice, bands)
    score = view["score"]
    overall = t("score.none", lang) if score["overall"] is None else f"{number(score['overall'], lang)} / 100"
    out = [f"## {t('report.summary', lang)}", ""]
    out.append(f"**{_md(overall)}** {_md(score['band'])}; {_md(t('score.coverage', lang))} {score['coverage']}")
    if score["interval"]:
        out += ["", _md(score["interval"])]
    out += ["", f"### {t('report.summary.steps', lang, n=len(view['steps']))}", ""]
    if not view["steps"]:
        out.append(_md(t("recommendations.none", lang)))
    for index, step in enumerate(view["steps"], start=1):
        mark = f" ({_md(t('summary.quick_win', lang))})" if step["quick_win"] else ""
        out.append(f"{index}. **{_md(step['title'])}**{mark}")
        for key, value in (
            ("summary.why", step["reason"]),
            ("summary.action", step["action"]),
            ("summary.owner", step["owner"]),
        ):
            if value:
                out.append(f"   - {_md(t(key, lang))}: {_md(value)}")
    if view["more_steps"]:
        out += ["", _md(t("report.summary.more", lang, n=view["more_steps"]))]
    out += ["", f"### {t('report.summary.strengths', lang)}", ""]
    out += [f"- {_md(item)}" for item in view["strengths"]] or [_md(t("report.summary.strengths.none", lang))]
    out += ["", f"### {t('report.summary.collect', lang)}", ""]
    out += [f"- {_md(item)}" for item in view["collect"]] or [_md(t("data_gaps.none", lang))]
    if view["more_gaps"]:
        out.append(_md(t("report.summary.collect.more", lang, n=view["more_gaps"])))
    return [*out, ""]


def render_report_markdown(advice: Advice, bands: Sequence[ReportBand]) -> str:
    """The same report as Markdown: the chart becomes a table with text bars."""
    lang = advice.lang
    out = [f"# {t('report.title', lang)}", "", f"**{_md(_title(advice))}**", ""]
    out += _markdown_summary(advice, bands)
    out += [f"| {_md(t('report.identity', lang))} | |", "|---|---|"]
    for key, value in _identity(advice):
        out.append(f"| {_md(key)} | {_md(value)} |")
    score = advice.score
    out += ["", f"## {t('score', lang)}", ""]
    out.append(
        f"**{_md(t('score.overall', lang))}: {_md(_overall_sentence(advice))}**; "
        f"{_md(t('score.coverage', lang))} {percent(score.coverage, lang)}"
    )
    out += ["", f"{_md(t('report.chart.title', lang))}:", ""]
    out.append(
        f"| {_md(t('dimension.heading', lang))} | {_md(t('score', lang))} | "
        f"| {_md(t('band', lang))} | {_md(t('weight', lang))} |"
    )
    out.append("|---|---:|---|---|---:|")
    for dim in score.dimensions:
        out.append(
            f"| {_md(dim.label)} | {_num(dim.score, lang)} | {_text_bar(dim.score)} | "
            f"{_md(dim.band_label or t('no_data', lang))} | {dim.weight:g} |"
        )
    if bands:
        zones = ", ".join(f"{_md(b.label)} \u2265 {b.min:g}" for b in reversed(bands))
        out += ["", f"{_md(t('report.chart.bands', lang))}: {zones}."]

    out += ["", f"## {t('findings', lang)}", ""]
    if not advice.findings:
        out.append(_md(t("findings.none", lang)))
    for finding in advice.findings:
        out.append(f"### {_md(finding.label)}")
        out += [
            "",
            (
                f"{_md_code(finding.id)}; {_md(t('severity', lang))}: {_md(t('severity.' + finding.severity, lang))}; "
                f"{_md(t('source.' + finding.source, lang))}"
            ),
            "",
        ]
        for evidence in finding.evidence:
            if evidence.kind == "stated":
                if evidence.text:
                    source = f" ({_md(_source(evidence.source, lang))})" if evidence.source else ""
                    out.append(f"- \u201c{_md(evidence.text)}\u201d{source}")
            else:
                values = _values_text(evidence.values)
                detail = f"; {_md(t('values', lang))}: {_md_code(values)}" if values else ""
                text = f" {_md(evidence.text)}" if evidence.text else ""
                out.append(
                    f"- {_md(t('rule', lang))} {_md_code(evidence.rule or '')} "
                    f"({_md_code(f'{evidence.file}:{evidence.line}')}){detail}.{text}"
                )
        out.append("")

    labels = _finding_labels(advice)
    out += [f"## {t('recommendations', lang)}", ""]
    if not advice.recommendations:
        out += [_md(t("recommendations.none", lang)), ""]
    for rec in advice.recommendations:
        out += [f"### {rec.rank}. {_md(rec.title)} ({_md_code(rec.id)})", ""]
        facts = [
            f"**{_md(t('priority', lang))}:** {number(rec.priority, lang, 'priority')}",
            f"**{_md(t('effort', lang))}:** {_md(t('effort.' + rec.effort, lang))}",
            f"**{_md(t('time_to_impact', lang))}:** {_md(t('impact.' + rec.time_to_impact, lang))}",
        ]
        phase = _phase_of(rec, lang)
        if phase is not None:
            facts.append(f"**{_md(t('report.phase', lang))}:** {_md(phase)}")
        out += [" · ".join(facts), ""]
        if rec.description:
            out += [_md(rec.description), ""]
        addressed = ", ".join(f"{_md(labels.get(f, f))} ({_md_code(f)})" for f in rec.addresses)
        out += [f"**{_md(t('addresses', lang))}:** {addressed}", "", f"**{_md(t('because', lang))}:**", ""]
        for ref in rec.because:
            where = _md_code(f"{ref.file}:{ref.line}")
            line = f"- {_md(t('rule', lang))} {_md_code(ref.rule)} ({where}): {_md_code(ref.when)}"
            values = _values_text(ref.values)
            if values:
                line += f"; {_md(t('values', lang))}: {_md_code(values)}"
            if ref.text:
                line += f". {_md(ref.text)}"
            out.append(line)
        if rec.priority_breakdown:
            out += [
                "",
                (
                    f"{_md(t('priority.breakdown', lang))}: 100 × {_md(t('report.term.severity', lang))} × "
                    f"{_md(t('report.term.share', lang))} × {_md(t('report.term.gap', lang))} × "
                    f"{_md(t('report.term.weight', lang))}"
                ),
                "",
                (
                    f"| {_md(t('report.finding', lang))} | {_md(t('severity', lang))} | "
                    f"{_md(t('report.term.severity', lang))} | "
                    f"{_md(t('report.term.share', lang))} | {_md(t('report.term.gap', lang))} | "
                    f"{_md(t('report.term.weight', lang))} | "
                    f"{_md(t('report.term.contribution', lang))} |"
                ),
                "|---|---|---:|---:|---:|---:|---:|",
            ]
            for term in rec.priority_breakdown:
                finding_cell = (
                    _md_code(term.finding)
                    if getattr(term, "kind", "finding") == "finding"
                    else _md(_term_label(term, lang))
                )
                out.append(
                    f"| {finding_cell} | {_md(t('severity.' + term.severity, lang))} | {term.severity_factor:g} | "
                    f"{term.dimension_share:g} | {term.gap_term:g} | {term.rule_weight:g} | "
                    f"{number(term.contribution, lang, 'priority')} |"
                )
            out.append(
                f"| **{_md(t('report.total', lang))}** | | | | | | **{number(rec.priority, lang, 'priority')}** |"
            )
        out.append("")

    if advice.roadmap:
        out += roadmap_markdown(advice, level=2)

    out += [f"## {t('data_gaps', lang)}", ""]
    if not advice.data_gaps:
        out.append(_md(t("data_gaps.none", lang)))
    else:
        out += [_md(t("report.data_gaps.intro", lang)), ""]
        out.append(
            f"| {_md(t('report.indicator', lang))} | {_md(t('data_gaps.dimensions', lang))} "
            f"| {_md(t('data_gaps.decides', lang))} |"
        )
        out.append("|---|---|---|")
        for gap in advice.data_gaps:
            out.append(
                f"| {_md(gap.label)} ({_md_code(gap.indicator)}) | {_md(', '.join(gap.dimensions)) or '-'} | "
                f"{', '.join(_md_code(r) for r in gap.decides) or '-'} |"
            )
    out += ["", "---", "", _md(t("report.footer", lang))]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------

REPORT_FORMATS: dict[str, Callable[[Advice, Sequence[ReportBand]], str]] = {
    "html": render_report_html,
    "markdown": render_report_markdown,
}


def report_format_for(path: str) -> str | None:
    """The report format an output file name asks for (``None`` if unknown); ``pdf`` is the HTML printed."""
    return format_for_path(path, [*REPORT_FORMATS, "pdf"])


def render_report(advice: Advice, bands: Iterable[ReportBand], fmt: str = "html") -> str:
    """Render the report of ``advice`` as ``html`` or ``markdown``."""
    return REPORT_FORMATS[fmt](advice, sorted(bands, key=lambda b: (b.min, b.id)))
