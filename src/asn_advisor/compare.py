"""Programs side by side: ranking, dimensions, shared findings and recommendations.

:func:`compare` turns the :class:`~asn_advisor._fast.Summary` of each advised
program into a :class:`Comparison`; renderers registered in
:data:`COMPARE_FORMATS` print it; ``asn-advisor compare --format`` offers
every registered name (the HTML page is drawn by :mod:`.report`, imported
when used).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._io import format_for_path
from ._text import markdown_escape
from .i18n import t
from .rulepack import RulePack

if TYPE_CHECKING:  # the CLI imports this module at start-up; NumPy (via _fast) only when comparing
    from ._fast import Summary
    from .report import ReportBand

__all__ = ["COMPARE_FORMATS", "Comparison", "ProgramRow", "SharedItem", "compare", "format_for", "render_comparison"]

#: Programs listed by name under one shared finding before "and N more".
MAX_LISTED = 20


@dataclass(frozen=True)
class ProgramRow:
    """One program in the ranking."""

    rank: int
    id: str
    name: str | None
    region: str | None
    overall: float | None
    band: str | None
    coverage: float
    dimensions: dict[str, float | None]
    findings: list[str]
    top_recommendations: list[str]


@dataclass(frozen=True)
class SharedItem:
    """A finding or recommendation and the programs that have it."""

    id: str
    label: str
    count: int
    share: float
    programs: list[str]


@dataclass
class Comparison:
    """Everything ``asn-advisor compare`` shows; ``to_dict`` is its JSON."""

    lang: str
    dimensions: list[tuple[str, str]]  # (id, label)
    programs: list[ProgramRow]
    findings: list[SharedItem]
    recommendations: list[SharedItem]
    top: int
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    bands: list[ReportBand] = field(default_factory=list)  # lowest first

    def band_label(self, band: str | None) -> str:
        """The band's label in the comparison's language; ``-`` for no band."""
        if band is None:
            return "-"
        return next((b.label for b in self.bands if b.id == band), band)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "programs": [row.__dict__ for row in self.programs],
            "dimensions": [{"id": did, "label": label} for did, label in self.dimensions],
            "findings": [item.__dict__ for item in self.findings],
            "recommendations": [item.__dict__ for item in self.recommendations],
            "top": self.top,
            "failed": self.failed,
        }


def compare(
    summaries: Iterable[Summary], rules: RulePack, *, lang: str = "id", top: int = 5, failed: int = 0
) -> Comparison:
    """Rank the programs and find what they share.

    Programs are ranked by overall score (highest first; programs without a
    score last), then by id, so the order never depends on the input order.
    A recommendation counts for a program when it is among that program's
    ``top`` recommendations.
    """
    from .report import bands_from_pack  # report imports this module

    rows: list[Summary] = sorted(summaries, key=lambda s: (s.overall is None, -(s.overall or 0.0), s.program))
    total = len(rows) or 1
    finding_programs: dict[str, list[str]] = {}
    rec_programs: dict[str, list[str]] = {}
    programs: list[ProgramRow] = []
    for rank, summary in enumerate(rows, start=1):
        for fid, _, _ in summary.findings:
            finding_programs.setdefault(fid, []).append(summary.program)
        tops = [rid for rid, _ in summary.recommendations[:top]]
        for rid in tops:
            rec_programs.setdefault(rid, []).append(summary.program)
        programs.append(
            ProgramRow(
                rank=rank,
                id=summary.program,
                name=summary.name,
                region=summary.region,
                overall=summary.overall,
                band=summary.band,
                coverage=summary.coverage,
                dimensions={did: score for did, score, _ in summary.dimensions},
                findings=[fid for fid, _, _ in summary.findings],
                top_recommendations=tops,
            )
        )

    def shared(source: dict[str, list[str]], label: Callable[[str], str]) -> list[SharedItem]:
        counts = Counter({key: len(value) for key, value in source.items()})
        ordered = sorted(counts, key=lambda key: (-counts[key], key))
        return [
            SharedItem(key, label(key), counts[key], round(counts[key] / total, 4), sorted(source[key]))
            for key in ordered
        ]

    dimensions = [(did, rules.dimensions[did].spec.label.get(lang)) for did in sorted(rules.dimensions)]
    return Comparison(
        lang=lang,
        dimensions=dimensions,
        programs=programs,
        findings=shared(
            finding_programs, lambda fid: rules.findings[fid].label.get(lang) if fid in rules.findings else fid
        ),
        recommendations=shared(
            rec_programs,
            lambda rid: rules.recommendations[rid].label.get(lang) if rid in rules.recommendations else rid,
        ),
        top=top,
        failed=failed,
        bands=bands_from_pack(rules, lang),
    )


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _listed(programs: list[str]) -> str:
    shown = ", ".join(programs[:MAX_LISTED])
    rest = len(programs) - MAX_LISTED
    return shown + (f" (+{rest})" if rest > 0 else "")


def render_text(comparison: Comparison) -> str:
    lang = comparison.lang
    lines = [t("compare.title", lang, count=len(comparison.programs)), ""]
    header = ["#", t("program", lang), t("score", lang), t("band", lang)] + [did for did, _ in comparison.dimensions]
    table = [header]
    for row in comparison.programs:
        table.append(
            [str(row.rank), row.id, _num(row.overall), comparison.band_label(row.band)]
            + [_num(row.dimensions.get(did)) for did, _ in comparison.dimensions]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        lines.append(
            "  ".join(cell.ljust(widths[i]) if i == 1 else cell.rjust(widths[i]) for i, cell in enumerate(r)).rstrip()
        )
    lines.append("")
    lines.append(t("compare.findings", lang))
    for item in comparison.findings:
        lines.append(f"  {item.count:>4}  {item.share:>6.0%}  {item.label} [{item.id}]")
        if item.count > 1:
            lines.append(f"        {t('compare.shared_by', lang)}: {_listed(item.programs)}")
    if not comparison.findings:
        lines.append("  " + t("findings.none", lang))
    lines.append("")
    lines.append(t("compare.recommendations", lang, top=comparison.top))
    for item in comparison.recommendations:
        lines.append(f"  {item.count:>4}  {item.share:>6.0%}  {item.label} [{item.id}]")
    if not comparison.recommendations:
        lines.append("  " + t("recommendations.none", lang))
    if comparison.failed:
        lines.append("")
        lines.append(t("compare.failed", lang, count=comparison.failed))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return markdown_escape(text)


def render_markdown(comparison: Comparison) -> str:
    lang = comparison.lang
    lines = [f"# {t('compare.title', lang, count=len(comparison.programs))}", ""]
    header = ["#", t("program", lang), t("score", lang), t("band", lang)] + [
        _md(label) for _, label in comparison.dimensions
    ]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join("---:" if i != 1 else "---" for i in range(len(header))) + "|")
    for row in comparison.programs:
        name = _md(row.id + (f" ({row.name})" if row.name else ""))
        cells = [str(row.rank), name, _num(row.overall), _md(comparison.band_label(row.band))] + [
            _num(row.dimensions.get(did)) for did, _ in comparison.dimensions
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"## {t('compare.findings', lang)}", ""]
    if comparison.findings:
        lines.append(f"| {t('findings', lang)} | n | % | {t('compare.shared_by', lang)} |")
        lines.append("|---|---:|---:|---|")
        for item in comparison.findings:
            lines.append(
                f"| {_md(item.label)} (`{item.id}`) | {item.count} | {item.share:.0%} | {_md(_listed(item.programs))} |"
            )
    else:
        lines.append(t("findings.none", lang))
    lines += ["", f"## {t('compare.recommendations', lang, top=comparison.top)}", ""]
    if comparison.recommendations:
        lines.append(f"| {t('recommendations', lang)} | n | % | {t('compare.shared_by', lang)} |")
        lines.append("|---|---:|---:|---|")
        for item in comparison.recommendations:
            lines.append(
                f"| {_md(item.label)} (`{item.id}`) | {item.count} | {item.share:.0%} | {_md(_listed(item.programs))} |"
            )
    else:
        lines.append(t("recommendations.none", lang))
    if comparison.failed:
        lines += ["", t("compare.failed", lang, count=comparison.failed)]
    return "\n".join(lines) + "\n"


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_html(comparison: Comparison) -> str:
    from .report import render_comparison_html  # the report module is only needed for this format

    return render_comparison_html(comparison)


#: Output formats of ``asn-advisor compare``: name -> renderer.
COMPARE_FORMATS: dict[str, Callable[[Comparison], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
}


def format_for(path: str | None) -> str:
    """The format an output file name asks for: by extension, else text."""
    return format_for_path(path, COMPARE_FORMATS) or "text"


def render_comparison(comparison: Comparison, fmt: str) -> str:
    """Render with the registered format ``fmt``."""
    return COMPARE_FORMATS[fmt](comparison)
