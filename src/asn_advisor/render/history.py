"""Formatting of the history: text (with a terminal trend chart), Markdown, JSON and SVG.

Everything here is a pure function of the history models and the labels of
a rule pack, so the same store gives the same bytes every time.  Labels come
from the pack in the chosen language; an id the pack does not know (a
finding dropped from a later pack) is shown as the id itself.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from asn_advisor._base import markdown_escape
from asn_advisor.i18n import number, percent, t
from asn_advisor.pack import RulePack
from asn_advisor.render.charts import history_svg
from asn_advisor.store import EffectReport, PeriodSummary, ProgramHistory, RecommendationEffect

__all__ = [
    "Labels",
    "bar",
    "render_effect_markdown",
    "render_effect_text",
    "render_show_markdown",
    "render_show_text",
    "render_svg",
    "sparkline",
]

_SPARKS = "▁▂▃▄▅▆▇█"


@dataclass
class Labels:
    """Labels of findings, recommendations, dimensions and bands in one language."""

    lang: str
    findings: dict[str, str] = field(default_factory=dict)
    recommendations: dict[str, str] = field(default_factory=dict)
    dimensions: dict[str, str] = field(default_factory=dict)
    bands: dict[str, str] = field(default_factory=dict)
    band_floors: list[tuple[float, str]] = field(default_factory=list)

    @classmethod
    def from_pack(cls, pack: RulePack | None, lang: str) -> Labels:
        if pack is None:
            return cls(lang)
        return cls(
            lang,
            findings={k: v.label.get(lang) for k, v in pack.findings.items()},
            recommendations={k: v.label.get(lang) for k, v in pack.recommendations.items()},
            dimensions={k: v.spec.label.get(lang) for k, v in pack.dimensions.items()},
            bands={b.id: b.label.get(lang) for b in pack.scoring.bands},
            band_floors=sorted(
                ((float(b.min), b.label.get(lang)) for b in pack.scoring.bands if b.min > 0), reverse=True
            ),
        )

    def finding(self, fid: str) -> str:
        return self.findings.get(fid, fid)

    def recommendation(self, rid: str) -> str:
        return self.recommendations.get(rid, rid)

    def dimension(self, did: str) -> str:
        return self.dimensions.get(did, did)

    def band(self, bid: str | None) -> str:
        if bid is None:
            return t("no_data", self.lang)
        return self.bands.get(bid, bid)


def _num(value: float | None, lang: str) -> str:
    return "-" if value is None else number(value, lang)


def _signed(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    return ("+" if value >= 0 else "-") + number(abs(value), lang)


def _pct(value: float | None, lang: str) -> str:
    return "-" if value is None else percent(value, lang)


def sparkline(values: list[float | None]) -> str:
    """One character per value on a 0..100 scale; ``·`` for an unknown score."""
    return "".join(
        "·" if v is None else _SPARKS[min(len(_SPARKS) - 1, max(0, int(v / (100 / len(_SPARKS)))))] for v in values
    )


def bar(value: float | None, width: int = 20) -> str:
    """A horizontal bar of ``width`` cells for a 0..100 score."""
    if value is None:
        return "·" * width
    filled = min(width, max(0, round(value / 100 * width)))
    return "█" * filled + "░" * (width - filled)


def _status(status: str | None, lang: str) -> str:
    return t(f"history.status.{status}", lang) if status else t("history.status.none", lang)


# ---------------------------------------------------------------- show


def _finding_changes(period: PeriodSummary, labels: Labels) -> list[tuple[str, list[str]]]:
    lang = labels.lang
    appeared = [f"{labels.finding(f.id)} ({f.id})" for f in period.findings if f.change == "appeared"]
    persisted = []
    for f in period.findings:
        if f.change != "persisted":
            continue
        text = f"{labels.finding(f.id)} ({f.id})"
        if f.previous_severity and f.previous_severity != f.severity:
            text += f" [{t('severity.' + f.previous_severity, lang)} -> {t('severity.' + f.severity, lang)}]"
        persisted.append(text)
    resolved = [f"{labels.finding(f.id)} ({f.id})" for f in period.resolved]
    first = [f"{labels.finding(f.id)} ({f.id})" for f in period.findings if f.change == "first"]
    if first:
        return [(t("history.findings.first", lang), first)]
    return [
        (t("history.findings.appeared", lang), appeared),
        (t("history.findings.persisted", lang), persisted),
        (t("history.findings.resolved", lang), resolved),
    ]


def _dimension_ids(history: ProgramHistory) -> list[str]:
    seen: list[str] = []
    for period in history.periods:
        for dim in period.dimensions:
            if dim.id not in seen:
                seen.append(dim.id)
    return seen


def _dim_score(period: PeriodSummary, dim_id: str) -> float | None:
    return next((d.score for d in period.dimensions if d.id == dim_id), None)


def _dim_band(period: PeriodSummary, dim_id: str) -> str | None:
    return next((d.band for d in period.dimensions if d.id == dim_id), None)


def _recommendation_lines(history: ProgramHistory, labels: Labels) -> list[tuple[str, str, str, str | None]]:
    """(period, rank+title, status, note): every recommendation of the latest period, and acted-on ones before it."""
    rows = []
    last = len(history.periods) - 1
    for index, period in enumerate(history.periods):
        for rec in period.recommendations:
            if index == last or rec.status is not None:
                rows.append(
                    (
                        period.period,
                        f"{rec.rank}. {labels.recommendation(rec.id)} [{rec.id}]",
                        _status(rec.status, labels.lang),
                        rec.note,
                    )
                )
    return rows


def render_show_text(history: ProgramHistory, labels: Labels) -> str:
    lang = labels.lang
    lines = [f"{t('history.title', lang)}: {history.program_name or history.program_id} ({history.program_id})", ""]
    width = max([len(t("period", lang))] + [len(p.period) for p in history.periods])
    lines.append(
        f"{t('period', lang):<{width}}  {t('score', lang):>6}  {t('history.change', lang):>9}  "
        f"{t('band', lang):<16} {t('score.coverage', lang)}"
    )
    for p in history.periods:
        mark = " *" if p.pack_changed else ""
        cover = _pct(p.coverage, lang)
        lines.append(
            f"{p.period:<{width}}  {_num(p.overall, lang):>6}  {_signed(p.overall_change, lang):>9}  "
            f"{labels.band(p.band):<16} {cover:>5}{mark}"
        )
    if any(p.pack_changed for p in history.periods):
        lines.append(f"  * {t('history.pack_changed', lang)}")
    overall = [p.overall for p in history.periods]
    known = [v for v in overall if v is not None]
    trend = f"{t('history.trend', lang)}: {sparkline(overall)}"
    if len(known) >= 2:
        trend += f"  {_num(known[0], lang)} -> {_num(known[-1], lang)} ({_signed(history.overall_change, lang)})"
    lines += ["", trend]
    for p in history.periods:
        lines.append(f"  {p.period:<{width}}  {bar(p.overall)}  {_num(p.overall, lang)}")
    dim_ids = _dimension_ids(history)
    if dim_ids:
        lines += ["", f"{t('history.dimensions', lang)}:"]
        label_width = max(len(labels.dimension(d)) for d in dim_ids)
        col = max(7, width)
        spark_width = max(len(t("history.trend.short", lang)), len(history.periods))
        lines.append(
            f"  {'':<{label_width}}  "
            + "  ".join(f"{p.period:>{col}}" for p in history.periods)
            + f"  {t('history.trend.short', lang):<{spark_width}}  {t('history.band.latest', lang)}"
        )
        for dim_id in dim_ids:
            scores = [_dim_score(p, dim_id) for p in history.periods]
            lines.append(
                f"  {labels.dimension(dim_id):<{label_width}}  "
                + "  ".join(f"{_num(s, lang):>{col}}" for s in scores)
                + f"  {sparkline(scores):<{spark_width}}  {labels.band(_dim_band(history.periods[-1], dim_id))}"
            )
    lines += ["", f"{t('history.findings', lang)}:"]
    for p in history.periods:
        lines.append(f"  {p.period}:")
        for title, items in _finding_changes(p, labels):
            lines.append(f"    {title}:" + ("" if items else " -"))
            lines.extend(f"      - {item}" for item in items)
    lines += ["", f"{t('history.recommendations', lang)}:"]
    rows = _recommendation_lines(history, labels)
    if not rows:
        lines.append(f"  {t('recommendations.none', lang)}")
    for period, title, status, note in rows:
        lines.append(f"  {period}  {title}: {status}" + (f" ({note})" if note else ""))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return markdown_escape(text)


def render_show_markdown(history: ProgramHistory, labels: Labels) -> str:
    lang = labels.lang
    out = [
        f"# {t('history.title', lang)}: {_md(history.program_name or history.program_id)}",
        "",
        f"- {t('program', lang)}: `{history.program_id}`",
    ]
    overall = [p.overall for p in history.periods]
    out.append(
        f"- {t('history.trend', lang)}: `{sparkline(overall)}`"
        + (f" ({_signed(history.overall_change, lang)})" if history.overall_change is not None else "")
    )
    out += [
        "",
        (
            f"| {t('period', lang)} | {t('score', lang)} | {t('history.change', lang)} | {t('band', lang)} "
            f"| {t('score.coverage', lang)} | {t('pack', lang)} |"
        ),
    ]
    out.append("|---|---:|---:|---|---:|---|")
    for p in history.periods:
        pack = f"{p.pack.id} {p.pack.version} (`{p.pack.digest}`)" + (" *" if p.pack_changed else "")
        out.append(
            f"| {p.period} | {_num(p.overall, lang)} | {_signed(p.overall_change, lang)} | {_md(labels.band(p.band))} "
            f"| {_pct(p.coverage, lang)} | {pack} |"
        )
    if any(p.pack_changed for p in history.periods):
        out += ["", f"\\* {t('history.pack_changed', lang)}"]
    dim_ids = _dimension_ids(history)
    if dim_ids:
        out += ["", f"## {t('history.dimensions', lang)}", ""]
        out.append(
            f"| {t('dimension.heading', lang)} | "
            + " | ".join(p.period for p in history.periods)
            + f" | {t('history.trend.short', lang)} | {t('history.band.latest', lang)} |"
        )
        out.append("|---|" + "---:|" * len(history.periods) + "---|---|")
        for dim_id in dim_ids:
            scores = [_dim_score(p, dim_id) for p in history.periods]
            band = labels.band(_dim_band(history.periods[-1], dim_id))
            out.append(
                f"| {_md(labels.dimension(dim_id))} | "
                + " | ".join(_num(s, lang) for s in scores)
                + f" | `{sparkline(scores)}` | {_md(band)} |"
            )
    out += ["", f"## {t('history.findings', lang)}", ""]
    for p in history.periods:
        out.append(f"### {p.period}")
        out.append("")
        for title, items in _finding_changes(p, labels):
            out.append(f"- **{title}**: " + ("; ".join(_md(i) for i in items) if items else "-"))
        out.append("")
    out += [f"## {t('history.recommendations', lang)}", ""]
    rows = _recommendation_lines(history, labels)
    if not rows:
        out.append(t("recommendations.none", lang))
    else:
        out.append(
            f"| {t('period', lang)} | {t('history.recommendation', lang)} "
            f"| {t('history.status', lang)} | {t('history.note', lang)} |"
        )
        out.append("|---|---|---|---|")
        for period, title, status, note in rows:
            out.append(f"| {period} | {_md(title)} | {status} | {_md(note or '')} |")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ SVG


def render_svg(history: ProgramHistory, labels: Labels) -> str:
    """A line chart of the overall and dimension scores per period (SVG 1.1, no scripts, deterministic)."""
    dimensions = []
    for dim_id in _dimension_ids(history):
        scores = [_dim_score(p, dim_id) for p in history.periods]
        name = labels.dimension(dim_id)
        if all(v is None for v in scores):
            name += f" ({t('no_data', labels.lang)})"
        dimensions.append((name, scores))
    return str(history_svg(history, dimensions, labels.band_floors, labels.lang)) + "\n"


# --------------------------------------------------------------- effect


def _figure(value: float | None, n: int, minimum: int, fmt: Callable[[float], str], lang: str) -> str:
    if value is None:
        if n == 0:
            return t("history.effect.no_data", lang)
        return t("history.effect.insufficient", lang, n=n, min=minimum)
    return f"{fmt(value)} (n={n})"


def _effect_rows(effect: RecommendationEffect, minimum: int, lang: str) -> list[tuple[str, str, str, str]]:
    def pct(v: float) -> str:
        return percent(v, lang)

    def pts(v: float) -> str:
        return _signed(v, lang)

    done, other = effect.done, effect.not_done
    not_done_programs = str(len(other.programs)) + (
        f" ({t('history.effect.unrecorded', lang, n=effect.unrecorded)})" if effect.unrecorded else ""
    )
    return [
        (t("history.effect.programs", lang), str(len(done.programs)), not_done_programs, ""),
        (
            t("history.effect.resolved", lang),
            _figure(done.findings_resolved, done.findings_programs, minimum, pct, lang),
            _figure(other.findings_resolved, other.findings_programs, minimum, pct, lang),
            "-" if effect.resolved_difference is None else f"{effect.resolved_difference * 100:+.0f} pp",
        ),
        (
            t("history.effect.dimension", lang),
            _figure(done.dimension_change, done.dimension_programs, minimum, pts, lang),
            _figure(other.dimension_change, other.dimension_programs, minimum, pts, lang),
            "-" if effect.dimension_difference is None else _signed(effect.dimension_difference, lang),
        ),
    ]


def _targets(effect: RecommendationEffect, labels: Labels) -> str:
    lang = labels.lang
    findings = ", ".join(labels.finding(f) for f in effect.target_findings) or "-"
    dims = ", ".join(labels.dimension(d) for d in effect.target_dimensions) or "-"
    return (
        f"{t('history.effect.targets', lang)}: {t('findings', lang).lower()} {findings}; "
        f"{t('dimensions', lang).lower()} {dims}"
    )


def render_effect_text(report: EffectReport, labels: Labels) -> str:
    lang = labels.lang
    lines = [
        t("history.effect.title", lang),
        *textwrap.wrap(t("history.effect.method", lang, programs=report.programs, min=report.min_programs), 100),
        "",
    ]
    if not report.recommendations:
        lines.append(t("history.effect.none", lang))
    headers = (
        "",
        t("history.effect.done", lang),
        t("history.effect.not_done", lang),
        t("history.effect.difference", lang),
    )
    for effect in report.recommendations:
        lines.append(f"{labels.recommendation(effect.recommendation)} [{effect.recommendation}]")
        lines.append(f"  {_targets(effect, labels)}")
        rows = [headers, *_effect_rows(effect, report.min_programs, lang)]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for row in rows:
            lines.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_effect_markdown(report: EffectReport, labels: Labels) -> str:
    lang = labels.lang
    out = [
        f"# {t('history.effect.title', lang)}",
        "",
        t("history.effect.method", lang, programs=report.programs, min=report.min_programs),
        "",
    ]
    if not report.recommendations:
        out.append(t("history.effect.none", lang))
    for effect in report.recommendations:
        out += [
            f"## {_md(labels.recommendation(effect.recommendation))} (`{effect.recommendation}`)",
            "",
            _md(_targets(effect, labels)),
            "",
        ]
        out.append(
            f"| | {t('history.effect.done', lang)} | {t('history.effect.not_done', lang)} "
            f"| {t('history.effect.difference', lang)} |"
        )
        out.append("|---|---|---|---|")
        for row in _effect_rows(effect, report.min_programs, lang):
            out.append("| " + " | ".join(_md(c) for c in row) + " |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
