"""Programs side by side: the data ``asn-advisor compare`` shows, and the score bands reports draw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from asn_advisor.model.advice import Advice
from asn_advisor.pack import RulePack

__all__ = ["MAX_LISTED", "Comparison", "ProgramRow", "ReportBand", "SharedItem", "Summary", "bands_from_pack"]


@dataclass(frozen=True)
class ReportBand:
    """A score band as the chart draws it: scores from ``min`` up to the next band."""

    id: str
    min: float
    label: str


def bands_from_pack(pack: RulePack, lang: str) -> list[ReportBand]:
    """The bands of a rule pack, lowest first, labelled in ``lang``."""
    bands = [ReportBand(id=b.id, min=float(b.min), label=b.label.get(lang)) for b in pack.scoring.bands]
    return sorted(bands, key=lambda b: (b.min, b.id))


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
    score_low: float | None = None  # lower end of the interval the score can still take
    score_high: float | None = None


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


class Summary(NamedTuple):
    """The part of an advice that tables and comparisons need, without the JSON."""

    program: str
    name: str | None
    region: str | None
    overall: float | None
    band: str | None
    coverage: float
    dimensions: tuple[tuple[str, float | None, str | None], ...]  # (id, score, band)
    findings: tuple[tuple[str, str, str], ...]  # (id, severity, source), the advice's order
    recommendations: tuple[tuple[str, float], ...]  # (id, priority), ranked
    score_low: float | None = None  # the interval the overall score can still take (advice.score.interval)
    score_high: float | None = None

    @classmethod
    def from_advice(cls, advice: Advice) -> Summary:
        score = advice.score
        return cls(
            advice.program.id,
            advice.program.name,
            advice.program.region,
            score.overall,
            score.band,
            score.coverage,
            tuple((d.id, d.score, d.band) for d in score.dimensions),
            tuple((f.id, f.severity, f.source) for f in advice.findings),
            tuple((r.id, r.priority) for r in advice.recommendations),
            score.interval.low if score.interval else None,
            score.interval.high if score.interval else None,
        )
