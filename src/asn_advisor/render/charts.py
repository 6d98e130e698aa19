"""The SVG charts: geometry computed here, markup in ``templates/charts/``.

A chart is a pure function of its data, so the same advice gives the same
bytes.  Every value is also written as text beside its mark, so a chart reads
in greyscale and to a screen reader (``<title>``/``<desc>``).  The templates
are autoescaped like the pages that embed them; a chart is returned as
:class:`markupsafe.Markup` so that a page prints it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from asn_advisor.i18n import number, t
from asn_advisor.model import Advice, Comparison, ReportBand
from asn_advisor.render._templates import render_template
from asn_advisor.store import ProgramHistory

__all__ = ["band_counts_svg", "band_index", "dimensions_svg", "history_svg", "zone_fills"]

# Light fills from low (red) to high (green); lightness rises with the band,
# so that the zones stay apart in greyscale and dark text stays readable.
_ZONE_FILLS = ("#f6c9c4", "#f9dcc0", "#fbeec1", "#e4efc6", "#cfe8cf", "#b9dfc9")

# Colour-blind-safe (Okabe-Ito) and fixed, so that the chart is the same bytes for the same data.
_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#999999", "#F0E442")


def zone_fills(count: int) -> list[str]:
    """``count`` fills from the lowest band (red) to the highest (green)."""
    if count <= 0:
        return []
    if count >= len(_ZONE_FILLS):
        return [_ZONE_FILLS[min(i, len(_ZONE_FILLS) - 1)] for i in range(count)]
    step = (len(_ZONE_FILLS) - 1) / max(count - 1, 1)
    return [_ZONE_FILLS[round(i * step)] for i in range(count)]


def _svg(name: str, lang: str, **geometry: Any) -> Markup:
    return Markup(render_template(f"charts/{name}.svg.j2", lang, **geometry).rstrip("\n"))


# ---------------------------------------------------------------- dimensions


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


def _zones(bands: Sequence[ReportBand], x: Any, width: int) -> list[dict[str, Any]]:
    """The band zones behind the bars, each with its legend entry."""
    fills = zone_fills(len(bands))
    zones = []
    for index, band in enumerate(bands):
        upper = bands[index + 1].min if index + 1 < len(bands) else 100.0
        if upper <= band.min:
            continue
        zx, zw = x(band.min), x(upper) - x(band.min)
        legend_x = 10 + index * ((width - 20) / max(len(bands), 1))
        zones.append(
            {
                "id": band.id,
                "label": band.label,
                "fill": fills[index],
                "x": f"{zx:.1f}",
                "width": f"{zw:.1f}",
                # The name above its zone only where it fits; the legend always names it.
                "label_x": f"{zx + zw / 2:.1f}" if zw >= 6 * len(band.label) else None,
                "legend_x": f"{legend_x:.1f}",
                "legend_text_x": f"{legend_x + 16:.1f}",
                # "< 61" for the lowest band, "\u2265 61" above: exact for decimal scores.
                "range": f"< {upper:g}" if index == 0 and len(bands) > 1 else f"\u2265 {band.min:g}",
            }
        )
    return zones


def dimensions_svg(advice: Advice, bands: Sequence[ReportBand], *, element_id: str = "chart") -> Markup:
    """A horizontal bar chart of the dimension scores over the band zones, the overall score as a line."""
    dims = advice.score.dimensions
    label_w, plot_w, right_w = 200, 400, 150
    top, row_h, bar_h, bottom = 40, 34, 18, 70
    width = label_w + plot_w + right_w

    def x(score: float) -> float:
        return label_w + plot_w * max(0.0, min(100.0, score)) / 100.0

    plot_top, plot_bottom = top - 6, top + row_h * max(len(dims), 1)
    rows = []
    for index, dim in enumerate(dims):
        cy = top + index * row_h + row_h / 2
        rows.append(
            {
                "id": dim.id,
                "label": dim.label,
                "score": dim.score,
                "band": dim.band_label or dim.band or "",
                "text_y": f"{cy + 4:.1f}",
                "bar_y": f"{cy - bar_h / 2:.1f}",
                "bar_width": f"{x(dim.score) - label_w:.1f}" if dim.score is not None else None,
                "middle_x": f"{label_w + plot_w / 2:.1f}",
            }
        )
    overall = advice.score.overall
    return _svg(
        "dimensions",
        advice.lang,
        element_id=element_id,
        width=width,
        height=top + row_h * max(len(dims), 1) + bottom,
        title=t("report.chart.title", advice.lang),
        description=_chart_description(advice, bands),
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        plot_height=plot_bottom - plot_top,
        legend_y=plot_bottom + 44,
        label_width=label_w,
        plot_width=plot_w,
        bar_height=bar_h,
        value_x=label_w + plot_w + 8,
        zones=_zones(bands, x, width),
        # Ticks at the band boundaries, where a reader looks for them.
        ticks=[{"x": f"{x(tick):.1f}", "label": f"{tick:g}"} for tick in sorted({0.0, 100.0, *(b.min for b in bands)})],
        rows=rows,
        overall=None if overall is None else {"x": f"{x(overall):.1f}", "score": overall},
    )


# ---------------------------------------------------------------- programs per band


def band_index(score: float | None, mins: Sequence[float]) -> int | None:
    """Index of the band ``score`` falls in (bands lowest first), ``None`` without a score."""
    if score is None:
        return None
    found = None
    for index, low in enumerate(mins):
        if score >= low:
            found = index
    return found


def band_counts_svg(comparison: Comparison, *, element_id: str = "bands-chart") -> Markup:
    """Bars of how many programs fall in each band (highest first), and those without a score.

    One row per band whatever the number of programs; counts and shares are
    written beside the bars.
    """
    lang = comparison.lang
    bands = comparison.bands
    fills = zone_fills(len(bands))
    counts = [0] * len(bands)
    unscored = 0
    for program in comparison.programs:
        index = band_index(program.overall, [b.min for b in bands])
        if index is None:
            unscored += 1
        else:
            counts[index] += 1
    entries: list[tuple[str, int, str | None]] = [
        (band.label, counts[i], fills[i]) for i, band in reversed(list(enumerate(bands)))
    ]
    entries.append((t("compare.no_score", lang), unscored, None))
    label_w, plot_w, right_w, top, row_h, bar_h = 200, 400, 150, 10, 30, 18
    total = len(comparison.programs) or 1
    largest = max(count for _, count, _ in entries) or 1
    rows = []
    for position, (label, count, fill) in enumerate(entries):
        cy = top + position * row_h + row_h / 2
        rows.append(
            {
                "label": label,
                "count": count,
                "fill": fill,
                "share": f"{count / total:.0%}",
                "text_y": f"{cy + 4:.1f}",
                "bar_y": f"{cy - bar_h / 2:.1f}",
                "bar_width": f"{plot_w * count / largest:.1f}",
            }
        )
    return _svg(
        "band_counts",
        lang,
        element_id=element_id,
        width=label_w + plot_w + right_w,
        height=top * 2 + row_h * len(rows),
        count=len(comparison.programs),
        parts=", ".join(f"{label} {count}" for label, count, _ in entries),
        label_width=label_w,
        bar_height=bar_h,
        value_x=label_w + plot_w + 8,
        rows=rows,
    )


# ---------------------------------------------------------------- history


def _history_series(
    name: str, values: Sequence[float | None], periods: Sequence[str], color: str, stroke: float, at: Any
) -> dict[str, Any]:
    """One line; an unknown score breaks it rather than being drawn as zero."""
    segments: list[list[str]] = [[]]
    points = []
    for index, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        px, py = at(index, value)
        segments[-1].append(f"{px:.1f},{py:.1f}")
        points.append({"x": f"{px:.1f}", "y": f"{py:.1f}", "period": periods[index], "value": f"{value:.1f}"})
    return {
        "name": name,
        "color": color,
        "stroke": f"{stroke:g}",
        "radius": f"{stroke + 1.5:g}",
        "segments": [" ".join(segment) for segment in segments if len(segment) > 1],
        "points": points,
    }


def history_svg(
    history: ProgramHistory,
    dimensions: Sequence[tuple[str, Sequence[float | None]]],
    band_floors: Sequence[tuple[float, str]],
    lang: str,
) -> Markup:
    """A line chart of the overall score and of each ``(name, scores)`` dimension per period."""
    periods = [p.period for p in history.periods]
    width, height = 720, 360
    left, right, top, bottom = 48, 220, 40, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    pad = 24  # keeps the first and last points off the axes

    def x(i: int) -> float:
        span = plot_w - 2 * pad
        return left + pad + (span / 2 if len(periods) == 1 else span * i / (len(periods) - 1))

    def y(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    def at(i: int, v: float) -> tuple[float, float]:
        return x(i), y(v)

    series = [
        _history_series(name, scores, periods, _PALETTE[index % len(_PALETTE)], 1.5, at)
        for index, (name, scores) in enumerate(dimensions)
    ]
    overall = _history_series(
        t("score.overall", lang), [p.overall for p in history.periods], periods, "#222222", 3.0, at
    )
    series.append(overall)
    legend = [overall, *series[:-1]]
    return _svg(
        "history",
        lang,
        width=width,
        height=height,
        left=left,
        right=left + plot_w,
        title=f"{t('history.title', lang)}: {history.program_name or history.program_id}",
        ticks=[{"y": f"{y(v):.1f}", "label_y": f"{y(v) + 4:.1f}", "value": v} for v in (0, 25, 50, 75, 100)],
        floors=[
            {"y": f"{y(floor):.1f}", "label_y": f"{y(floor) - 3:.1f}", "name": name, "value": f"{floor:g}"}
            for floor, name in band_floors
        ],
        periods=[{"x": f"{x(i):.1f}", "name": name} for i, name in enumerate(periods)],
        axis_y=top + plot_h + 18,
        series=series,
        legend_x=left + plot_w + 20,
        legend=[
            {"y": top + 8 + i * 18, "name": line["name"], "color": line["color"], "stroke": line["stroke"]}
            for i, line in enumerate(legend)
        ],
    )
