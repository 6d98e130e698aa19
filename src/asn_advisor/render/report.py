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

from asn_advisor._base import format_for_path, markdown_code, markdown_escape, visible
from asn_advisor.i18n import MESSAGES, t
from asn_advisor.model import Advice, FindingResult, Recommendation, ReportBand
from asn_advisor.render.plan import gain_text, roadmap_markdown, step_notes

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


def _num(value: float | None, digits: int = 1) -> str:
    """A score as text; ``-`` when unknown (never 0: absence is not zero)."""
    if value is None:
        return "-"
    return f"{value:.{digits}f}"


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
    return t(key, lang) if key in MESSAGES else source


def _title(advice: Advice) -> str:
    return advice.program.name or advice.program.id


def _finding_labels(advice: Advice) -> dict[str, str]:
    return {f.id: f.label for f in advice.findings}


def _phase_of(rec: Recommendation, lang: str) -> str | None:
    """The roadmap phase of a recommendation, as shown to readers."""
    return None if rec.phase is None else str(rec.phase)


@dataclass(frozen=True)
class _RoadmapItem:
    id: str
    title: str
    marks: list[str]
    effort: str
    time: str
    gain: str
    notes: list[str]


def _roadmap(advice: Advice) -> list[tuple[str, list[_RoadmapItem]]]:
    """The plan's phases with their steps, in order, as the plan renderer words them."""
    lang = advice.lang
    steps = {rec.id: rec for rec in advice.recommendations}
    phases: list[tuple[str, list[_RoadmapItem]]] = []
    for index, phase in enumerate(advice.roadmap, start=1):
        items = []
        for rid in phase:
            rec = steps[rid]
            marks = [t("quick_win", lang)] if rec.quick_win else []
            if rec.added_as_prerequisite:
                marks.append(t("plan.added", lang))
            items.append(
                _RoadmapItem(
                    id=rid,
                    title=rec.title,
                    marks=marks,
                    effort=t("effort." + rec.effort, lang),
                    time=t("impact." + rec.time_to_impact, lang),
                    gain=gain_text(rec, lang),
                    notes=step_notes(rec, lang),
                )
            )
        phases.append((f"{t('phase', lang)} {index}", items))
    return phases


def _html_term(term: Any, lang: str) -> str:
    if getattr(term, "kind", "finding") in ("root_cause", "report_proposal"):
        return _escape(_term_label(term, lang))
    return f"<code>{_escape(term.finding)}</code>"


def _term_label(term: Any, lang: str) -> str:
    """A priority term's finding, saying when it counts as a root cause."""
    if getattr(term, "kind", "finding") == "root_cause":
        return t("report.root_cause_term", lang, finding=term.finding, via=", ".join(term.via))
    if getattr(term, "kind", "finding") == "report_proposal":
        return t("quality.term.report_proposal", lang)
    return str(term.finding)


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
    return f"{score.overall:.1f} / 100 ({score.band_label or score.band or '-'})"


def _chart_description(advice: Advice, bands: Sequence[ReportBand]) -> str:
    lang = advice.lang
    parts = []
    for dim in advice.score.dimensions:
        if dim.score is None:
            parts.append(f"{dim.label}: {t('no_data', lang)}")
        else:
            parts.append(f"{dim.label}: {dim.score:.1f} ({dim.band_label or dim.band or '-'})")
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
                f"{dim.score:.1f} {e(dim.band_label or dim.band or '')}</text>"
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
            f"{e(t('score.overall', lang))} {overall:.1f}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------------------
# HTML

_CSS = """
:root { color-scheme: light; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff;
  max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; color: #1f4e79; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #1f4e79; \
padding-bottom: .15rem; color: #1f4e79; }
h3 { font-size: 1.02rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.identity th { width: 28%; }
.overall { display: flex; gap: 1.2rem; align-items: baseline; flex-wrap: wrap; margin: .4rem 0 .8rem; }
.overall .big { font-size: 2.4rem; font-weight: bold; color: #1f4e79; }
.overall .band { font-size: 1.2rem; font-weight: bold; }
.chart { width: 100%; height: auto; max-width: 700px; display: block; margin: .4rem 0; }
figure { margin: 0; }
figcaption { font-size: .9rem; color: #333; }
.badge { display: inline-block; border: 1px solid #555; border-radius: .25rem; padding: 0 .3rem; font-size: .85rem; }
.sev-high { background: #f6c9c4; } .sev-medium { background: #fbeec1; } .sev-low { background: #e4efc6; }
.finding, .rec { break-inside: avoid; page-break-inside: avoid; margin-bottom: .8rem; }
.rec { border-left: 4px solid #1f4e79; padding-left: .7rem; }
blockquote { margin: .2rem 0 .2rem 1rem; padding-left: .6rem; border-left: 3px solid #bbb; color: #222; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .88em; background: #f3f3f3; padding: 0 .15rem; }
.muted { color: #444; font-size: .9rem; }
ul { margin: .2rem 0 .4rem; }
body.wide { max-width: 96rem; }
.scroll { overflow-x: auto; }
table.ranking { font-size: .9rem; }
table.ranking td:nth-child(2) { min-width: 16rem; }
footer { margin-top: 2rem; font-size: .85rem; color: #444; border-top: 1px solid #bbb; padding-top: .4rem; }
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  /* Keep the chart and each row whole, but let a table continue on the next
     page rather than leave half a page empty. */
  figure, tr, .identity { break-inside: avoid; page-break-inside: avoid; }
  table.ranking { font-size: 8pt; }
  table.ranking td:nth-child(2) { min-width: 0; }
  a { color: inherit; text-decoration: none; }
}
"""


def _html_evidence(finding: FindingResult, lang: str) -> list[str]:
    e = _escape
    out = ["<ul>"]
    for evidence in finding.evidence:
        if evidence.kind == "stated":
            if not evidence.text:
                continue
            source = f' <span class="muted">({e(_source(evidence.source, lang))})</span>' if evidence.source else ""
            out.append(f"<li><blockquote>\u201c{e(evidence.text)}\u201d</blockquote>{source}</li>")
        else:
            values = _values_text(evidence.values)
            text = f" {e(evidence.text)}" if evidence.text else ""
            detail = f"; {e(t('values', lang))}: <code>{e(values)}</code>" if values else ""
            out.append(
                f"<li>{e(t('rule', lang))} <code>{e(evidence.rule or '')}</code> "
                f"(<code>{e(evidence.file or '')}:{evidence.line or 0}</code>){detail}.{text}</li>"
            )
    out.append("</ul>")
    return out if len(out) > 2 else []


def _html_recommendation(rec: Recommendation, labels: Mapping[str, str], lang: str) -> list[str]:
    e = _escape
    out = [f'<section class="rec" id="rec-{e(rec.id)}" data-recommendation="{e(rec.id)}">']
    out.append(f"<h3>{rec.rank}. {e(rec.title)} <code>{e(rec.id)}</code></h3>")
    facts = [
        f"<strong>{e(t('priority', lang))}:</strong> {rec.priority:g}",
        f"<strong>{e(t('effort', lang))}:</strong> {e(t('effort.' + rec.effort, lang))}",
        f"<strong>{e(t('time_to_impact', lang))}:</strong> {e(t('impact.' + rec.time_to_impact, lang))}",
    ]
    phase = _phase_of(rec, lang)
    if phase is not None:
        facts.append(f"<strong>{e(t('report.phase', lang))}:</strong> {e(phase)}")
    out.append("<p>" + " &middot; ".join(facts) + "</p>")
    if rec.description:
        out.append(f"<p>{e(rec.description)}</p>")
    addressed = ", ".join(f"{e(labels.get(f, f))} (<code>{e(f)}</code>)" for f in rec.addresses)
    out.append(f"<p><strong>{e(t('addresses', lang))}:</strong> {addressed}</p>")
    out.append(f"<p><strong>{e(t('because', lang))}:</strong></p><ul>")
    for ref in rec.because:
        values = _values_text(ref.values)
        parts = [
            (
                f"{e(t('rule', lang))} <code>{e(ref.rule)}</code> (<code>{e(ref.file)}:{ref.line}</code>): "
                f"<code>{e(ref.when)}</code>"
            )
        ]
        if values:
            parts.append(f"; {e(t('values', lang))}: <code>{e(values)}</code>")
        if ref.text:
            parts.append(f". {e(ref.text)}")
        out.append("<li>" + "".join(parts) + "</li>")
    out.append("</ul>")
    if rec.priority_breakdown:
        out.append(
            f'<table class="breakdown"><caption class="muted">{e(t("priority.breakdown", lang))}: '
            f"100 \u00d7 {e(t('report.term.severity', lang))} \u00d7 {e(t('report.term.share', lang))} "
            f"\u00d7 {e(t('report.term.gap', lang))} \u00d7 {e(t('report.term.weight', lang))}</caption>"
        )
        out.append(
            "<thead><tr>"
            f"<th>{e(t('report.finding', lang))}</th>"
            f"<th>{e(t('severity', lang))}</th>"
            f'<th class="num">{e(t("report.term.severity", lang))}</th>'
            f'<th class="num">{e(t("report.term.share", lang))}</th>'
            f'<th class="num">{e(t("report.term.gap", lang))}</th>'
            f'<th class="num">{e(t("report.term.weight", lang))}</th>'
            f'<th class="num">{e(t("report.term.contribution", lang))}</th>'
            "</tr></thead><tbody>"
        )
        for term in rec.priority_breakdown:
            out.append(
                f"<tr><td>{_html_term(term, lang)}</td><td>{e(t('severity.' + term.severity, lang))}</td>"
                f'<td class="num">{term.severity_factor:g}</td><td class="num">{term.dimension_share:g}</td>'
                f'<td class="num">{term.gap_term:g}</td><td class="num">{term.rule_weight:g}</td>'
                f'<td class="num">{term.contribution:g}</td></tr>'
            )
        out.append(f'<tr><th colspan="6">{e(t("report.total", lang))}</th><th class="num">{rec.priority:g}</th></tr>')
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _html_head(title: str, lang: str, body_class: str | None = None) -> list[str]:
    e = _escape
    return [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No network access at all, even if someone edits the file later.
        (
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        ),
        f"<title>{e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        f'<body class="{body_class}">' if body_class else "<body>",
    ]


def render_report_html(advice: Advice, bands: Sequence[ReportBand]) -> str:
    """The whole report as one self-contained HTML page (inline CSS and SVG, no script)."""
    lang = advice.lang
    e = _escape
    title = f"{t('report.title', lang)}: {_title(advice)}"
    out = [
        *_html_head(title, lang),
        "<header>",
        f"<h1>{e(t('report.title', lang))}</h1>",
        f'<p class="muted">{e(_title(advice))}</p>',
        (
            '<table class="identity"><caption class="muted" style="text-align:left">'
            f"{e(t('report.identity', lang))}</caption><tbody>"
        ),
    ]
    for key, value in _identity(advice):
        out.append(f'<tr><th scope="row">{e(key)}</th><td>{e(value)}</td></tr>')
    out += ["</tbody></table>", "</header>", "<main>"]

    # Score
    score = advice.score
    out.append(f'<section id="score"><h2>{e(t("score", lang))}</h2>')
    out.append('<div class="overall">')
    if score.overall is None:
        out.append(f'<span class="band" id="overall-score">{e(t("score.none", lang))}</span>')
    else:
        out.append(
            f'<span class="big" id="overall-score">{score.overall:.1f}</span><span class="muted">/ 100</span>'
            f'<span class="band" id="overall-band">{e(score.band_label or score.band or "-")}</span>'
        )
    out.append(f'<span class="muted">{e(t("score.coverage", lang))}: {score.coverage:.0%}</span></div>')
    out.append("<figure>")
    out.append(render_chart_svg(advice, bands))
    out.append(f"<figcaption>{e(t('report.chart.caption', lang))}</figcaption></figure>")
    out.append(
        '<table class="dimensions"><thead><tr>'
        f'<th>{e(t("dimension", lang))}</th><th class="num">{e(t("score", lang))}</th>'
        f'<th>{e(t("band", lang))}</th><th class="num">{e(t("weight", lang))}</th></tr></thead><tbody>'
    )
    for dim in score.dimensions:
        out.append(
            f'<tr><td>{e(dim.label)}</td><td class="num">{_num(dim.score)}</td>'
            f'<td>{e(dim.band_label or t("no_data", lang))}</td><td class="num">{dim.weight:g}</td></tr>'
        )
    out.append("</tbody></table></section>")

    # Findings
    out.append(f'<section id="findings"><h2>{e(t("findings", lang))}</h2>')
    if not advice.findings:
        out.append(f"<p>{e(t('findings.none', lang))}</p>")
    for finding in advice.findings:
        out.append(f'<div class="finding" data-finding="{e(finding.id)}">')
        out.append(
            f'<h3>{e(finding.label)} <span class="badge sev-{e(finding.severity)}">{e(t("severity", lang))}: '
            f"{e(t('severity.' + finding.severity, lang))}</span></h3>"
        )
        out.append(f'<p class="muted"><code>{e(finding.id)}</code>; {e(t("source." + finding.source, lang))}</p>')
        out += _html_evidence(finding, lang)
        out.append("</div>")
    out.append("</section>")

    # Recommendations
    labels = _finding_labels(advice)
    out.append(f'<section id="recommendations"><h2>{e(t("recommendations", lang))}</h2>')
    if not advice.recommendations:
        out.append(f"<p>{e(t('recommendations.none', lang))}</p>")
    for rec in advice.recommendations:
        out += _html_recommendation(rec, labels, lang)
    out.append("</section>")

    # Roadmap
    phases = _roadmap(advice)
    if phases:
        out.append(f'<section id="roadmap"><h2>{e(t("roadmap", lang))}</h2>')
        out.append(
            f'<p class="muted">{e(t("plan.order", lang, order=t("plan.order." + advice.plan_order, lang)))}.</p><ol>'
        )
        for title, items in phases:
            out.append(f"<li><strong>{e(title)}</strong><ul>")
            for item in items:
                marks = f" <em>({e(', '.join(item.marks))})</em>" if item.marks else ""
                out.append(
                    f'<li>{e(item.title)} <code>{e(item.id)}</code>{marks}<br><span class="muted">'
                    f"{e(t('effort', lang))}: {e(item.effort)}; {e(t('time_to_impact', lang))}: {e(item.time)}; "
                    f"{e(t('expected_gain', lang))}: {e(item.gain)}</span>"
                )
                if item.notes:
                    out.append("<br>" + " ".join(e(note) for note in item.notes))
                out.append("</li>")
            out.append("</ul></li>")
        out.append("</ol>")
        if advice.dropped:
            out.append(f"<h3>{e(t('plan.dropped.title', lang))}</h3><ul>")
            for dropped in advice.dropped:
                out.append(f"<li>{e(dropped.title)} <code>{e(dropped.id)}</code>: {e(dropped.reason)}</li>")
            out.append("</ul>")
        out.append("</section>")

    # Data gaps
    out.append(f'<section id="data-gaps"><h2>{e(t("data_gaps", lang))}</h2>')
    if not advice.data_gaps:
        out.append(f"<p>{e(t('data_gaps.none', lang))}</p>")
    else:
        out.append(f'<p class="muted">{e(t("report.data_gaps.intro", lang))}</p>')
        out.append(
            '<table class="gaps"><thead><tr>'
            f"<th>{e(t('report.indicator', lang))}</th><th>{e(t('data_gaps.dimensions', lang))}</th>"
            f"<th>{e(t('data_gaps.decides', lang))}</th></tr></thead><tbody>"
        )
        for gap in advice.data_gaps:
            out.append(
                f"<tr><td>{e(gap.label)}<br><code>{e(gap.indicator)}</code></td>"
                f"<td>{e(', '.join(gap.dimensions)) or '-'}</td>"
                f"<td>{', '.join(f'<code>{e(r)}</code>' for r in gap.decides) or '-'}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</section>")
    out.append("</main>")
    out.append(f"<footer>{e(t('report.footer', lang))}</footer>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"


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


def render_report_markdown(advice: Advice, bands: Sequence[ReportBand]) -> str:
    """The same report as Markdown: the chart becomes a table with text bars."""
    lang = advice.lang
    out = [f"# {t('report.title', lang)}", "", f"**{_md(_title(advice))}**", ""]
    out += [f"| {_md(t('report.identity', lang))} | |", "|---|---|"]
    for key, value in _identity(advice):
        out.append(f"| {_md(key)} | {_md(value)} |")
    score = advice.score
    out += ["", f"## {t('score', lang)}", ""]
    out.append(
        f"**{_md(t('score.overall', lang))}: {_md(_overall_sentence(advice))}**; "
        f"{_md(t('score.coverage', lang))} {score.coverage:.0%}"
    )
    out += ["", f"{_md(t('report.chart.title', lang))}:", ""]
    out.append(
        f"| {_md(t('dimension', lang))} | {_md(t('score', lang))} | "
        f"| {_md(t('band', lang))} | {_md(t('weight', lang))} |"
    )
    out.append("|---|---:|---|---|---:|")
    for dim in score.dimensions:
        out.append(
            f"| {_md(dim.label)} | {_num(dim.score)} | {_text_bar(dim.score)} | "
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
            f"**{_md(t('priority', lang))}:** {rec.priority:g}",
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
                    f"{term.dimension_share:g} | {term.gap_term:g} | {term.rule_weight:g} | {term.contribution:g} |"
                )
            out.append(f"| **{_md(t('report.total', lang))}** | | | | | | **{rec.priority:g}** |")
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
    """The report format an output file name asks for (``None`` if unknown)."""
    return format_for_path(path, REPORT_FORMATS)


def render_report(advice: Advice, bands: Iterable[ReportBand], fmt: str = "html") -> str:
    """Render the report of ``advice`` as ``html`` or ``markdown``."""
    return REPORT_FORMATS[fmt](advice, sorted(bands, key=lambda b: (b.min, b.id)))
