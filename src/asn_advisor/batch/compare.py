"""Programs side by side: rank the advised programs and find what they share.

:func:`compare` turns the :class:`~asn_advisor.model.comparison.Summary` of each
advised program into a :class:`~asn_advisor.model.comparison.Comparison`;
:mod:`asn_advisor.render.compare` prints it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from asn_advisor.model import Comparison, ProgramRow, SharedItem, Summary, bands_from_pack
from asn_advisor.pack import RulePack

__all__ = ["compare"]


def compare(
    summaries: Iterable[Summary], rules: RulePack, *, lang: str = "id", top: int = 5, failed: int = 0
) -> Comparison:
    """Rank the programs and find what they share.

    Programs are ranked by the lower end of the interval their score can still
    take (docs/advice-quality.md), so a program never ranks higher only because
    it measured less; then by the point score, then by id, so the order never
    depends on the input order.  Programs without a score come last.
    A recommendation counts for a program when it is among that program's
    ``top`` recommendations.
    """

    def order(s: Summary) -> tuple[bool, float, float, str]:
        low = s.score_low if s.score_low is not None else s.overall
        return (s.overall is None, -(low or 0.0), -(s.overall or 0.0), s.program)

    rows: list[Summary] = sorted(summaries, key=order)
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
                score_low=summary.score_low,
                score_high=summary.score_high,
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
