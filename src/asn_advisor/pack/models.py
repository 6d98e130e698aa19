"""The rule-file models: what each section of a pack file may hold, validated by pydantic.

One model per section entry (an indicator, a finding, a rule, an override...)
and :class:`PackFile` for a whole file; :mod:`asn_advisor.pack.reading`
validates files against them entry by entry.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from asn_advisor._base import TextField
from asn_advisor.i18n import Message
from asn_advisor.reader import ExtractionPatterns

__all__ = [
    "BandSpec",
    "CapSpec",
    "DeriveRule",
    "DimensionSpec",
    "Escalation",
    "FindingSpec",
    "IndicatorSpec",
    "IndicatorType",
    "MetricSpec",
    "PackFile",
    "PackMeta",
    "PackOverride",
    "PlanSpec",
    "PrioritySpec",
    "RecommendRule",
    "RecommendationSpec",
    "Relation",
    "RuleOverride",
    "ScaleSpec",
    "ScoringSpec",
    "Severity",
]


Severity = Literal["low", "medium", "high"]
IndicatorType = Literal["percent", "number", "rating", "bool", "list", "map"]


class _Model(BaseModel):
    # allow_inf_nan=False: a weight of .inf or .nan would pass gt/le checks
    # (.inf > 0) or fail them with a misleading message (.nan <= 3), and then
    # turn every score it touches into NaN.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class PackMeta(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str
    name: TextField | None = None
    description: TextField | None = None


class IndicatorSpec(_Model):
    type: IndicatorType
    label: TextField
    description: TextField | None = None
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    keys: list[str] | None = None
    # What each key of a map is called where a reader sees it ("tidak mengonfirmasi", not no_confirmation).
    key_labels: dict[str, TextField] | None = None
    values: list[str] | None = None
    # A value at or above the target is a strength ("what already works").
    target: float | None = None
    source: str | None = None

    def key_label(self, key: str, lang: str) -> str:
        """A map key as a reader sees it: its label, or the key itself where the pack gives none."""
        label = (self.key_labels or {}).get(key)
        return label.get(lang) if label is not None else key

    def bounds(self) -> tuple[float | None, float | None]:
        if self.type in ("percent", "rating"):
            return (0.0 if self.min is None else self.min, 100.0 if self.max is None else self.max)
        return (self.min, self.max)


class Relation(_Model):
    """One relation to another finding or recommendation, with its source.

    Written either as a plain id (``- low_participation``) or as a mapping
    (``- {id: low_participation, source: "Seed Bungo"}``) so that every
    relation can cite where it comes from, like every other default.
    """

    id: str
    source: str | None = None

    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"id": item} if isinstance(item, str) else item for item in value]
        return value


class FindingSpec(_Model):
    label: TextField
    description: TextField | None = None
    dimension: str
    severity: Severity = "medium"
    causes: list[Relation] = Field(default_factory=list)
    source: str | None = None

    @field_validator("causes", mode="before")
    @classmethod
    def _plain_ids(cls, value: Any) -> Any:
        return Relation._coerce(value)

    @property
    def cause_ids(self) -> list[str]:
        """The ids of the findings this finding causes."""
        return [r.id for r in self.causes]


RecommendationRelation = Literal["requires", "supports", "conflicts_with"]


Actor = Literal["bkpsdm", "atasan_langsung", "ppk_sekda", "bpsdm_lan", "peserta"]
ProgramType = Literal["pelatihan", "pembinaan", "pengembangan_karier"]


class RecommendationSpec(_Model):
    label: TextField
    description: TextField | None = None
    effort: Literal["low", "medium", "high"] = "medium"
    time_to_impact: Literal["short", "medium", "long"] = "medium"
    # What acting on it takes (docs/advice-quality.md); `rules check` warns where one is missing.
    first_steps: list[TextField] = Field(default_factory=list, max_length=4)
    actors: list[Actor] = Field(default_factory=list)
    cost: Literal["low", "medium", "high"] | None = None
    first_result: TextField | None = None
    basis: TextField | None = None
    # The program types it suits; empty: every type.
    program_types: list[ProgramType] = Field(default_factory=list)
    # A condition that shows the remedy is already in place: then it is not recommended as new.
    in_place_when: str | None = None
    in_place_because: TextField | None = None
    requires: list[Relation] = Field(default_factory=list)
    supports: list[Relation] = Field(default_factory=list)
    conflicts_with: list[Relation] = Field(default_factory=list)
    source: str | None = None

    @field_validator("requires", "supports", "conflicts_with", mode="before")
    @classmethod
    def _plain_ids(cls, value: Any) -> Any:
        return Relation._coerce(value)

    def related(self, relation: RecommendationRelation) -> list[str]:
        """The ids this recommendation ``requires``, ``supports`` or ``conflicts_with``."""
        relations: list[Relation] = getattr(self, relation)
        return [r.id for r in relations]


class ScaleSpec(_Model):
    min: float
    max: float
    factor: float = Field(gt=0)


class BandSpec(_Model):
    id: str
    min: float = Field(ge=0, le=100)
    label: TextField


class PrioritySpec(_Model):
    gap_floor: float = Field(default=0.5, ge=0, le=1)
    unknown_gap: float = Field(default=0.5, ge=0, le=1)
    # The weight of a root-cause term (docs/plan.md): a recommendation that
    # addresses a cause of another present finding gains that finding's
    # priority term times this weight.
    root_cause_weight: float = Field(default=0.5, ge=0, le=3)
    # Points a recommendation gains when the evaluation itself proposes it (docs/advice-quality.md).
    report_proposal: float = Field(default=0.0, ge=0, le=100)


class PlanSpec(_Model):
    """Parameters of the roadmap (docs/plan.md)."""

    # A step is a quick win when effort + time to impact, graded low/short = 0,
    # medium = 1, high/long = 2, is at most this.
    quick_win_max_ease: int = Field(default=1, ge=0, le=4)
    source: str | None = None


def _default_severity_factors() -> dict[Severity, float]:
    return {"low": 0.5, "medium": 1.0, "high": 1.5}


class ScoringSpec(_Model):
    scales: dict[str, ScaleSpec] = Field(default_factory=dict)
    bands: list[BandSpec] = Field(default_factory=list)
    severity_factors: dict[Severity, float] = Field(default_factory=_default_severity_factors)
    overall_min_coverage: float = Field(default=0.5, ge=0, le=1)
    priority: PrioritySpec = Field(default_factory=PrioritySpec)
    plan: PlanSpec = Field(default_factory=PlanSpec)
    source: str | None = None


class MetricSpec(_Model):
    indicator: str | None = None
    expr: str | None = None
    primary: bool = False
    weight: float = Field(default=1.0, gt=0)
    points: list[tuple[float, float]] | None = None
    map: dict[Any, float] | None = None
    source: str | None = None

    @field_validator("points")
    @classmethod
    def _increasing(cls, points: list[tuple[float, float]] | None) -> list[tuple[float, float]] | None:
        if points is not None:
            if len(points) < 2:
                raise ValueError(Message("points needs at least two [value, score] pairs"))
            xs = [x for x, _ in points]
            if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
                raise ValueError(Message("the values in points must increase strictly"))
        return points


class CapSpec(_Model):
    when: str
    max: float = Field(ge=0, le=100)
    source: str | None = None


class DimensionSpec(_Model):
    label: TextField
    description: TextField | None = None
    weight: float = Field(gt=0)
    metrics: list[MetricSpec]
    caps: list[CapSpec] = Field(default_factory=list)
    source: str | None = None


class Escalation(_Model):
    when: str
    severity: Severity


class DeriveRule(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    finding: str
    when: str
    severity: Severity = "medium"
    escalate: list[Escalation] = Field(default_factory=list)
    because: TextField | None = None
    source: str | None = None


class RecommendRule(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    when: str
    recommend: list[str]
    addresses: list[str] | None = None
    weight: float = Field(default=1.0, gt=0, le=3)
    because: TextField | None = None
    source: str | None = None

    @field_validator("recommend", mode="before", json_schema_input_type=str | list[str])
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class RuleOverride(_Model):
    """What a regional pack may change in an inherited rule (``override: rules:``)."""

    when: str | None = None
    severity: Severity | None = Field(default=None, description="derive rules only")
    escalate: list[Escalation] | None = Field(default=None, description="derive rules only; replaces the whole list")
    weight: float | None = Field(default=None, gt=0, le=3, description="recommend rules only")
    because: TextField | None = None
    source: str | None = None


class FindingOverride(_Model):
    label: TextField | None = None
    description: TextField | None = None
    severity: Severity | None = None
    source: str | None = None


class RecommendationOverride(_Model):
    label: TextField | None = None
    description: TextField | None = None
    effort: Literal["low", "medium", "high"] | None = None
    time_to_impact: Literal["short", "medium", "long"] | None = None
    first_steps: list[TextField] | None = Field(default=None, max_length=4)
    actors: list[Actor] | None = None
    cost: Literal["low", "medium", "high"] | None = None
    first_result: TextField | None = None
    basis: TextField | None = None
    program_types: list[ProgramType] | None = None
    in_place_when: str | None = None
    in_place_because: TextField | None = None
    source: str | None = None


class DimensionOverride(_Model):
    label: TextField | None = None
    description: TextField | None = None
    weight: float | None = Field(default=None, gt=0)
    source: str | None = None


class IndicatorOverride(_Model):
    label: TextField | None = None
    description: TextField | None = None
    unit: str | None = None
    source: str | None = None


class ScoringOverride(_Model):
    bands: list[BandSpec] | None = None
    severity_factors: dict[Severity, float] | None = None
    overall_min_coverage: float | None = Field(default=None, ge=0, le=1)
    priority: PrioritySpec | None = None
    source: str | None = None


class PackOverride(_Model):
    """Changes a pack makes to what it inherits through ``extends``, by id."""

    rules: dict[str, RuleOverride] = Field(default_factory=dict)
    findings: dict[str, FindingOverride] = Field(default_factory=dict)
    recommendations: dict[str, RecommendationOverride] = Field(default_factory=dict)
    dimensions: dict[str, DimensionOverride] = Field(default_factory=dict)
    indicators: dict[str, IndicatorOverride] = Field(default_factory=dict)
    scoring: ScoringOverride | None = None


class PackFile(_Model):
    """The sections any file of a pack may hold."""

    pack: PackMeta | None = None
    include: list[str] | None = None
    extends: str | None = Field(
        default=None, description="'nasional' (the installed national pack) or a directory inside this pack"
    )
    tests: list[str] | None = Field(default=None, description="test case files (globs allowed), relative to pack.yaml")
    override: PackOverride | None = None
    disable: list[str] | None = Field(default=None, description="ids of inherited rules to switch off")
    indicators: dict[str, IndicatorSpec] | None = None
    findings: dict[str, FindingSpec] | None = None
    recommendations: dict[str, RecommendationSpec] | None = None
    scoring: ScoringSpec | None = None
    dimensions: dict[str, DimensionSpec] | None = None
    derive: list[DeriveRule] | None = None
    recommend: list[RecommendRule] | None = None
    extract: ExtractionPatterns | None = None  # narrative-report patterns (docs/extraction.md)
