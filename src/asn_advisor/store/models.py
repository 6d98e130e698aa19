"""What the history store keeps and the reports it gives: evaluations, statuses, trends, effects."""

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from asn_advisor.model import PackInfo

__all__ = [
    "STATUSES",
    "DimensionPoint",
    "EffectReport",
    "EvaluationRecord",
    "FindingPoint",
    "GroupEffect",
    "PeriodSummary",
    "ProgramHistory",
    "RecommendationEffect",
    "RecommendationPoint",
    "Status",
    "StatusEntry",
    "StoredEvaluation",
]


Status = Literal["planned", "in_progress", "done", "dropped"]
STATUSES: tuple[str, ...] = get_args(Status)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EvaluationRecord(_Model):
    """One recorded evaluation (without its stored documents)."""

    id: int
    program_id: str
    program_name: str | None = None
    period: str
    recorded_at: str = Field(description="UTC, ISO 8601")
    pack: PackInfo
    tool_version: str = Field(description="asn-advisor version that recorded it; empty for records older than schema 2")
    source: str | None = Field(default=None, description="the file it was recorded from, as given")
    overall: float | None
    band: str | None
    coverage: float | None


class StoredEvaluation(_Model):
    """A recorded evaluation with its profile and advice as stored (plain JSON data)."""

    record: EvaluationRecord
    profile: dict[str, Any]
    advice: dict[str, Any]


class DimensionPoint(_Model):
    id: str
    score: float | None
    band: str | None
    change: float | None = Field(default=None, description="score minus the previous period's, when both are known")


class FindingPoint(_Model):
    id: str
    severity: str
    dimension: str | None = None
    change: Literal["first", "appeared", "persisted", "resolved"]
    previous_severity: str | None = None


class RecommendationPoint(_Model):
    id: str
    rank: int
    priority: float | None = None
    addresses: list[str] = Field(default_factory=list)
    status: Status | None = Field(default=None, description="what the office recorded it did about it")
    note: str | None = None


class PeriodSummary(_Model):
    """A program's evaluation in one period (the latest record of that period)."""

    period: str
    evaluation_id: int
    recorded_at: str
    records: int = Field(description="evaluations recorded for this period; the latest is shown")
    pack: PackInfo
    pack_changed: bool = Field(
        default=False,
        description="the rule pack differs from the previous period's: part of a change may come from the rules",
    )
    overall: float | None
    band: str | None
    coverage: float | None
    overall_change: float | None = None
    dimensions: list[DimensionPoint]
    findings: list[FindingPoint] = Field(description="findings present in this period")
    resolved: list[FindingPoint] = Field(description="findings of the previous period that are gone")
    recommendations: list[RecommendationPoint]


class StatusEntry(_Model):
    program_id: str
    period: str
    recommendation: str
    status: Status
    note: str | None = None
    updated_at: str


class ProgramHistory(_Model):
    """One program's evaluations over time."""

    program_id: str
    program_name: str | None
    periods: list[PeriodSummary]
    overall_change: float | None = Field(description="last known overall score minus the first known one")
    status_log: list[StatusEntry] = Field(default_factory=list, description="every status change, oldest first")


class GroupEffect(_Model):
    """The changes seen in one group (carried out, or not) for one recommendation."""

    programs: list[str] = Field(description="programs in the group")
    pairs: int = Field(description="consecutive period pairs observed")
    findings_resolved: float | None = Field(
        description="mean share (0..1) of the targeted findings gone in the next period; null when too few programs"
    )
    findings_programs: int = Field(description="programs the findings figure rests on")
    dimension_change: float | None = Field(
        description="mean change of the targeted dimension scores (points); null when too few programs"
    )
    dimension_programs: int = Field(description="programs the dimension figure rests on")


class RecommendationEffect(_Model):
    recommendation: str
    target_findings: list[str]
    target_dimensions: list[str]
    done: GroupEffect
    not_done: GroupEffect
    unrecorded: int = Field(
        description="programs in not_done with at least one period pair for which no status was recorded"
    )
    resolved_difference: float | None = Field(
        description="done minus not_done findings_resolved, when both rest on enough programs"
    )
    dimension_difference: float | None = Field(
        description="done minus not_done dimension_change, when both rest on enough programs"
    )


class EffectReport(_Model):
    """Across programs: the change that followed each recommendation, carried out or not."""

    min_programs: int
    programs: int = Field(description="programs with at least two recorded periods")
    recommendations: list[RecommendationEffect]
