"""Render a :class:`~asn_advisor.model.comparison.Comparison`: text, Markdown, JSON, HTML."""

from __future__ import annotations

import json
from collections.abc import Sequence

from asn_advisor._base import markdown_escape
from asn_advisor.i18n import number, percent, t
from asn_advisor.model import MAX_LISTED, Comparison, ProgramRow, SharedItem
from asn_advisor.render._templates import render_template
from asn_advisor.render.charts import band_counts_svg, band_index, zone_fills

# ---------------------------------------------------------------------------
# comparison of many programs (asn-advisor compare --format html)


def _listed_html(programs: Sequence[str]) -> str:
    """The first programs of a long list, then how many more (the page stays readable with 200)."""
    shown = ", ".join(programs[:MAX_LISTED])
    rest = len(programs) - MAX_LISTED
    return shown + (f" (+{rest})" if rest > 0 else "")


def render_comparison_html(comparison: Comparison) -> str:
    """A comparison of many programs as one self-contained HTML page (inline CSS and SVG, no script).

    The band counts as a chart, the ranking with every dimension side by side
    (each cell tinted with its band's colour and also showing the number), and
    the findings and recommendations the programs share.
    """
    lang = comparison.lang
    mins = [b.min for b in comparison.bands]
    fills = zone_fills(len(comparison.bands))
    titles = {item.id: item.label for item in comparison.recommendations}
    programs = []
    for row in comparison.programs:
        cells = []
        for dim_id, _ in comparison.dimensions:
            score = row.dimensions.get(dim_id)
            index = band_index(score, mins)
            cells.append(
                {"id": dim_id, "score": _num(score, lang), "fill": fills[index] if index is not None else None}
            )
        programs.append(
            {
                "rank": row.rank,
                "id": row.id,
                "name": row.name,
                "region": row.region,
                "overall": _num(row.overall, lang),
                "interval": _range(row, lang),
                "band": comparison.band_label(row.band),
                "cells": cells,
                "coverage": _share(row.coverage, lang),
                "top": [titles.get(rec, rec) for rec in row.top_recommendations],
            }
        )
    shared = [
        {
            "id": section,
            "heading": heading,
            "empty": empty,
            "column": t(section, lang),
            "rows": [
                {
                    "id": item.id,
                    "label": item.label,
                    "count": item.count,
                    "share": _share(item.share, lang),
                    "programs": _listed_html(item.programs),
                }
                for item in items
            ],
        }
        for section, items, heading, empty in (
            ("findings", comparison.findings, t("compare.findings", lang), t("findings.none", lang)),
            (
                "recommendations",
                comparison.recommendations,
                t("compare.recommendations", lang, top=comparison.top),
                t("recommendations.none", lang),
            ),
        )
    ]
    return render_template(
        "compare.html.j2",
        lang,
        title=t("compare.title", lang, count=len(comparison.programs)),
        failed=comparison.failed,
        chart=band_counts_svg(comparison),
        dimensions=[label for _, label in comparison.dimensions],
        programs=programs,
        shared=shared,
    )


def _num(value: float | None, lang: str = "id") -> str:
    return "-" if value is None else number(value, lang)


def _share(value: float, lang: str) -> str:
    return percent(value, lang)


def _short(label: str) -> str:
    """A dimension's column heading in a text table: the first word of its label."""
    return label.split()[0] if label.split() else label


def _listed(programs: list[str]) -> str:
    shown = ", ".join(programs[:MAX_LISTED])
    rest = len(programs) - MAX_LISTED
    return shown + (f" (+{rest})" if rest > 0 else "")


def render_text(comparison: Comparison) -> str:
    lang = comparison.lang
    lines = [t("compare.title", lang, count=len(comparison.programs)), ""]
    header = ["#", t("program", lang), t("score", lang), t("compare.interval", lang), t("compare.coverage", lang)]
    header += [t("band", lang)] + [_short(label) for _, label in comparison.dimensions]
    table = [header]
    for row in comparison.programs:
        table.append(
            [str(row.rank), row.id, _num(row.overall, lang), _range(row, lang), percent(row.coverage, lang)]
            + [comparison.band_label(row.band)]
            + [_num(row.dimensions.get(did), lang) for did, _ in comparison.dimensions]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        lines.append(
            "  ".join(cell.ljust(widths[i]) if i == 1 else cell.rjust(widths[i]) for i, cell in enumerate(r)).rstrip()
        )
    lines.append("")
    lines.append(t("compare.findings", lang))
    for item in comparison.findings:
        lines.append(f"  {item.count:>4}  {_share(item.share, lang):>6}  {item.label}")
        if item.count > 1:
            lines.append(f"        {t('compare.shared_by', lang)}: {_listed(item.programs)}")
    if not comparison.findings:
        lines.append("  " + t("findings.none", lang))
    lines.append("")
    lines.append(t("compare.recommendations", lang, top=comparison.top))
    for item in comparison.recommendations:
        lines.append(f"  {item.count:>4}  {_share(item.share, lang):>6}  {item.label}")
    if not comparison.recommendations:
        lines.append("  " + t("recommendations.none", lang))
    if comparison.failed:
        lines.append("")
        lines.append(t("compare.failed", lang, count=comparison.failed))
    return "\n".join(lines) + "\n"


def _range(row: ProgramRow, lang: str) -> str:
    """The interval the score can still take, ``-`` when unknown, one number when no missing data can move it."""
    if row.score_low is None or row.score_high is None:
        return "-"
    low, high = _num(row.score_low, lang), _num(row.score_high, lang)
    return low if low == high else f"{low}–{high}"


def _md(text: str) -> str:
    return markdown_escape(text)


def render_markdown(comparison: Comparison) -> str:
    lang = comparison.lang
    lines = [f"# {t('compare.title', lang, count=len(comparison.programs))}", ""]
    header = ["#", t("program", lang), t("score", lang), t("compare.interval", lang), t("compare.coverage", lang)]
    header += [t("band", lang)] + [_md(label) for _, label in comparison.dimensions]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---:" if i != 1 else "---" for i in range(len(header))) + "|")
    for row in comparison.programs:
        name = _md(row.id + (f" ({row.name})" if row.name else ""))
        cells = [str(row.rank), name, _num(row.overall, lang), _range(row, lang), percent(row.coverage, lang)]
        cells += [_md(comparison.band_label(row.band))] + [
            _num(row.dimensions.get(did), lang) for did, _ in comparison.dimensions
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {t('compare.findings', lang)}", ""]
    lines += _shared_table(comparison.findings, "findings", lang)
    lines += ["", f"## {t('compare.recommendations', lang, top=comparison.top)}", ""]
    lines += _shared_table(comparison.recommendations, "recommendations", lang)
    if comparison.failed:
        lines += ["", t("compare.failed", lang, count=comparison.failed)]
    return "\n".join(lines) + "\n"


def _shared_table(items: Sequence[SharedItem], kind: str, lang: str) -> list[str]:
    """Findings or recommendations the programs share, as a Markdown table; ``kind`` names the catalog keys."""
    if not items:
        return [t(f"{kind}.none", lang)]
    lines = [f"| {t(kind, lang)} | n | % | {t('compare.shared_by', lang)} |", "|---|---:|---:|---|"]
    for item in items:
        lines.append(
            f"| {_md(item.label)} | {item.count} | {_share(item.share, lang)} | {_md(_listed(item.programs))} |"
        )
    return lines


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
