"""What the reader returns: findings, proposals, strengths, figures and identity, each traced to its sentence."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from asn_advisor.reader.patterns import _SEVERITY_ORDER, Severity

# ---------------------------------------------------------------------------
# Result models
# ---------------------------------------------------------------------------


class LocalText(BaseModel):
    """A message in Indonesian and English."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class _Traced(BaseModel):
    id: str
    quote: str = Field(
        description="the sentence, exactly as in the text (of a very long sentence, a window around what matched)"
    )
    start: int = Field(description="offset of the quote's first character")
    end: int = Field(description="offset just after the quote's last character")
    line: int
    column: int
    pattern: str
    matched: str = Field(description="the words that matched, as in the text")


class ExtractedFinding(_Traced):
    severity: Severity


class ExtractedStrength(_Traced):
    """Something the report states went well (``id`` is the kind of strength)."""


class ProgramField(BaseModel):
    """One part of the program's identity as the text states it."""

    value: str
    quote: str = Field(description="the words it was read from, exactly as in the text")
    start: int
    end: int


class ExtractedProgram(BaseModel):
    """Which program the report is about, as far as the text names it."""

    name: ProgramField | None = None
    region: ProgramField | None = None
    type: ProgramField | None = Field(default=None, description="pelatihan, pembinaan or pengembangan karier")
    period: ProgramField | None = None


class ExtractedRecommendation(_Traced):
    """A recommendation the report itself proposes."""


def is_scale(unit: str) -> bool:
    """Whether a figure's unit is a rating scale ("1-5"), not a unit of measure."""
    return bool(_SCALE_RE.fullmatch(unit))


_SCALE_RE = re.compile(r"\d+-\d+")


class ExtractedIndicator(_Traced):
    value: float
    unit: str
    figure: str = Field(description="the figure as written, e.g. '53%' or 'Rp 2,5 juta'")


class ExtractedFigure(ExtractedIndicator):
    """A figure with what it measures (``id``), for measures no profile indicator takes."""


class Extraction(BaseModel):
    """What a narrative report states: findings, figures, proposals."""

    source: str = "<text>"
    language: str = "id"
    is_evaluation_report: bool = True
    reason: LocalText | None = None
    reason_code: str | None = None
    sentences: int = 0
    findings: list[ExtractedFinding] = []
    indicators: list[ExtractedIndicator] = []
    recommendations: list[ExtractedRecommendation] = []
    strengths: list[ExtractedStrength] = []
    figures: list[ExtractedFigure] = []
    program: ExtractedProgram | None = None

    def finding_ids(self) -> list[str]:
        return sorted({f.id for f in self.findings})

    def recommendation_ids(self) -> list[str]:
        return sorted({r.id for r in self.recommendations})

    def to_profile_dict(self, program_id: str) -> dict[str, Any]:
        """A profile (program, indicators, findings, proposals, strengths) built from the extraction.

        One finding per id: the highest severity stated, every sentence that
        states it as evidence (in text order). One value per indicator: the
        first one stated. One proposal per id, with the first sentence that
        proposes it; one strength per sentence that states one.
        """
        indicators: dict[str, Any] = {}
        for ind in self.indicators:
            if ind.id not in indicators:
                value = int(ind.value) if float(ind.value).is_integer() else ind.value
                indicators[ind.id] = {"value": value, "scale": ind.unit} if is_scale(ind.unit) else value
        findings: dict[str, dict[str, Any]] = {}
        for f in self.findings:
            evidence = " ".join(f.quote.split())
            entry = findings.get(f.id)
            if entry is None:
                findings[f.id] = {"id": f.id, "severity": f.severity, "source": "document", "evidence": [evidence]}
                continue
            if _SEVERITY_ORDER[f.severity] > _SEVERITY_ORDER[entry["severity"]]:
                entry["severity"] = f.severity
            if evidence not in entry["evidence"]:
                entry["evidence"].append(evidence)
        program: dict[str, Any] = {"id": program_id}
        if self.program is not None:
            for key in ("name", "region", "type", "period"):
                part = getattr(self.program, key)
                if part is not None:
                    program[key] = part.value
        return {
            "program": program,
            "indicators": indicators,
            "findings": list(findings.values()),
            "proposals": self._stated_proposals(),
            "strengths": self._stated_strengths(),
        }

    def _stated_proposals(self) -> list[dict[str, Any]]:
        proposals: dict[str, dict[str, Any]] = {}
        for rec in self.recommendations:
            proposals.setdefault(rec.id, {"id": rec.id, "text": " ".join(rec.quote.split()), "source": "document"})
        return list(proposals.values())

    def _stated_strengths(self) -> list[dict[str, Any]]:
        # A strength stated by a figure the profile takes ("Seluruh peserta dinyatakan lulus") is
        # judged by the advice against the indicator's target; stated again, it would be said twice.
        first: dict[str, ExtractedIndicator] = {}
        for ind in self.indicators:
            first.setdefault(ind.id, ind)
        taken = [(ind.start, ind.end) for ind in first.values()]
        sentences = dict.fromkeys(
            " ".join(strength.quote.split())
            for strength in self.strengths
            if not any(strength.start < end and start < strength.end for start, end in taken)
        )
        return [{"text": sentence, "source": "document"} for sentence in sentences]
