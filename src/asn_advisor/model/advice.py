"""The advice: typed output of :func:`asn_advisor.advise`.

Its JSON (``Advice.model_dump_json()``) is what ``asn-advisor advise --format
json`` prints and what other tools code against; ``asn-advisor schema advice``
prints its JSON Schema.  Fields may be added; none is renamed or removed.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from asn_advisor.model.profile import Program

__all__ = [
    "SCHEMA_VERSION",
    "Advice",
    "DataGap",
    "DimensionScore",
    "DroppedRecommendation",
    "Evidence",
    "FindingResult",
    "InPlace",
    "MetricScore",
    "PackInfo",
    "PriorityTerm",
    "Recommendation",
    "RelationReference",
    "ReportProposal",
    "ReportSource",
    "RuleReference",
    "ScoreInterval",
    "ScoreResult",
    "Strength",
    "UnsupportedProposal",
]

SCHEMA_VERSION = "1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PackInfo(_Out):
    id: str
    version: str
    digest: str = Field(description="SHA-256 (first 16 hex digits) of the pack's files as loaded")


class MetricScore(_Out):
    metric: str = Field(description="indicator id or the metric's expression")
    value: Any = Field(default=None, description="the value read from the profile (ratings on 0..100)")
    score: float | None = Field(default=None, description="0..100, null when the value is unknown")
    primary: bool = False


class DimensionScore(_Out):
    id: str
    label: str
    score: float | None = Field(description="0..100, null when no primary metric is known")
    band: str | None
    band_label: str | None = None
    weight: float
    metrics: list[MetricScore] = Field(default_factory=list)
    caps: list[str] = Field(default_factory=list, description="caps that lowered the score (their conditions)")


class ScoreInterval(_Out):
    """The values the overall score can still take over every value the unknown indicators may have."""

    low: float
    high: float
    band_low: str | None = Field(default=None, description="band of the interval's lower end")
    band_high: str | None = Field(default=None, description="band of the interval's upper end")


class ScoreResult(_Out):
    overall: float | None = Field(description="0..100, null when too little of the weight has data")
    band: str | None
    band_label: str | None = None
    coverage: float = Field(ge=0, le=1, description="share of dimension weight that could be scored")
    dimensions: list[DimensionScore]
    interval: ScoreInterval | None = Field(
        default=None, description="the interval the overall score can still take; null when it is unknown"
    )
    band_certain: bool | None = Field(
        default=None, description="true when the whole interval lies in one band; null when the score is unknown"
    )
    band_settled_by: list[str] = Field(
        default_factory=list, description="unknown indicators that would settle the band when it is not certain"
    )
    band_settled_by_labels: list[str] = Field(
        default_factory=list, description="the same indicators, labelled in the chosen language"
    )


class Evidence(_Out):
    kind: Literal["stated", "rule"]
    text: str | None = None
    source: str | None = Field(default=None, description="survey, interview, observation, performance_data or document")
    rule: str | None = None
    file: str | None = None
    line: int | None = None
    values: dict[str, Any] | None = None


class FindingResult(_Out):
    id: str
    label: str
    severity: Literal["low", "medium", "high"]
    source: Literal["stated", "derived"]
    dimension: str | None = None
    evidence: list[Evidence]


class RuleReference(_Out):
    rule: str
    file: str
    line: int
    when: str
    text: str | None = Field(default=None, description="the rule's 'because' in the chosen language")
    values: dict[str, Any] = Field(default_factory=dict, description="indicator values the condition read")
    findings: list[str] = Field(default_factory=list, description="findings the condition read")
    weight: float = 1.0


class PriorityTerm(_Out):
    finding: str
    severity: str
    severity_factor: float
    dimension: str | None
    dimension_share: float = Field(description="dimension weight / total weight")
    dimension_score: float | None
    gap_term: float = Field(description="gap_floor + (1 - gap_floor) * gap, gap = (100 - score) / 100, or unknown_gap")
    rule_weight: float
    contribution: float = Field(description="100 x severity_factor x dimension_share x gap_term x rule_weight")
    kind: Literal["finding", "root_cause", "report_proposal"] = Field(
        default="finding",
        description="'finding': a finding the recommendation addresses; "
        "'root_cause': a present finding caused by one it addresses"
        " (rule_weight is then the pack's root_cause_weight); "
        "'report_proposal': the evaluation itself proposes it (contribution: the pack's report_proposal points)",
    )
    via: list[str] = Field(
        default_factory=list, description="for a root_cause term: the addressed findings that cause this one"
    )


class RelationReference(_Out):
    """A relation of the pack that put a step into the plan or out of it."""

    id: str = Field(description="the recommendation at the other end")
    relation: Literal["requires", "conflicts_with"]
    file: str | None = None
    line: int | None = None
    source: str | None = Field(default=None, description="the relation's cited source")


class Recommendation(_Out):
    rank: int = Field(ge=1)
    id: str
    title: str
    description: str | None = None
    priority: float
    addresses: list[str]
    because: list[RuleReference]
    priority_breakdown: list[PriorityTerm]
    effort: Literal["low", "medium", "high"]
    time_to_impact: Literal["short", "medium", "long"]
    phase: int | None = Field(
        default=None, ge=1, description="roadmap phase; every prerequisite is in an earlier phase"
    )
    quick_win: bool = Field(default=False, description="effort + time to impact at most the pack's quick_win_max_ease")
    root_cause_of: list[str] = Field(
        default_factory=list, description="present findings caused by findings this recommendation addresses"
    )
    added_as_prerequisite: bool = Field(default=False, description="no rule recommended it: a planned step requires it")
    prerequisite_for: list[RelationReference] = Field(
        default_factory=list, description="planned steps that require this one"
    )
    requires: list[str] = Field(default_factory=list, description="planned steps this one requires")
    supports: list[str] = Field(default_factory=list, description="planned steps this one makes more effective")
    expected_gain: float | None = Field(
        default=None,
        description="expected rise of the overall score if the findings it addresses were resolved (docs/plan.md); "
        "null when the overall score is unknown",
    )
    expected_gain_unscored: list[str] = Field(
        default_factory=list,
        description="dimensions of addressed findings that have no score, so their part of the gain is unknown",
    )
    explanation: list[str] = Field(
        default_factory=list, description="why the plan placed this step, in the chosen language"
    )
    proposed_by_report: bool = Field(default=False, description="the evaluation itself proposes it")
    first_steps: list[str] = Field(default_factory=list, description="two to four concrete first steps")
    actors: list[str] = Field(
        default_factory=list, description="who acts: bkpsdm, atasan_langsung, ppk_sekda, bpsdm_lan, peserta"
    )
    actor_labels: list[str] = Field(default_factory=list, description="who acts, in the chosen language")
    cost: Literal["low", "medium", "high"] | None = Field(default=None, description="cost band")
    first_result: str | None = Field(default=None, description="time to a first visible result")
    basis: str | None = Field(default=None, description="legal or evidence basis")


class DroppedRecommendation(_Out):
    """A recommendation left out of the plan because it conflicts with a stronger one."""

    id: str
    title: str
    priority: float
    addresses: list[str]
    conflicts_with: RelationReference = Field(description="the conflict that excluded it")
    kept: str = Field(description="the stronger planned step it would conflict with")
    through: str | None = Field(
        default=None, description="the prerequisite of this recommendation that conflicts, when not itself"
    )
    reason: str = Field(description="the reason in the chosen language")


class InPlace(_Out):
    """A remedy the indicators show is already in place: not recommended as new."""

    id: str
    title: str
    because: str | None = Field(default=None, description="why the pack reads it as in place")
    values: dict[str, Any] = Field(default_factory=dict, description="indicator values the condition read")
    working: bool = Field(description="no present finding it would answer")
    findings: list[str] = Field(default_factory=list, description="present findings it would answer: not working")


class UnsupportedProposal(_Out):
    """A remedy the evaluation proposes that the advisor does not support."""

    id: str
    title: str
    reason: Literal["unknown", "program_type", "in_place"]
    why: str = Field(description="the reason in the chosen language")


class Strength(_Out):
    """What already works: an indicator at or above its target, or a strength the evaluation states."""

    kind: Literal["indicator", "stated"]
    text: str
    indicator: str | None = None
    value: Any = None
    target: float | None = None
    source: str | None = None


class DataGap(_Out):
    indicator: str
    label: str
    decides: list[str] = Field(default_factory=list, description="rules whose outcome this value would decide")
    dimensions: list[str] = Field(default_factory=list, description="dimensions this value would help score")


class ReportSource(_Out):
    """The narrative report an advice was read from (``advise REPORT.txt``)."""

    file: str
    sentences: int
    findings_stated: int = Field(description="finding sentences the extractor read")
    indicators_stated: int = Field(description="figures the extractor read as indicators")


class ReportProposal(_Out):
    """A recommendation the report itself proposes, set beside the advisor's."""

    id: str
    title: str
    quote: str = Field(description="the sentence that proposes it")
    line: int
    column: int
    pattern: str = Field(description="the extraction pattern that matched")
    advised: bool = Field(description="the advisor recommends it too")
    rank: int | None = Field(default=None, description="its rank among the advisor's recommendations")


class Advice(_Out):
    """The score, findings, ranked recommendations and data gaps of one profile."""

    schema_version: str = SCHEMA_VERSION
    lang: Literal["id", "en"] = "id"
    program: Program
    pack: PackInfo
    score: ScoreResult
    findings: list[FindingResult]
    recommendations: list[Recommendation]
    data_gaps: list[DataGap]
    report: ReportSource | None = Field(default=None, description="set when the input was a narrative report")
    report_proposals: list[ReportProposal] = Field(
        default_factory=list, description="what the report itself proposes, beside the advisor's recommendations"
    )
    roadmap: list[list[str]] = Field(
        default_factory=list, description="the plan's phases, each a list of recommendation ids in order"
    )
    plan_order: Literal["priority", "gain"] = Field(
        default="priority", description="how steps are ordered within a phase after quick wins"
    )
    dropped: list[DroppedRecommendation] = Field(
        default_factory=list, description="recommendations left out because of a conflict"
    )
    in_place: list[InPlace] = Field(
        default_factory=list, description="remedies already in place, working or not, never recommended as new"
    )
    unsupported_proposals: list[UnsupportedProposal] = Field(
        default_factory=list, description="the evaluation's proposals the advisor does not support, with why"
    )
    strengths: list[Strength] = Field(default_factory=list, description="what already works")
