"""Rule packs: YAML files to typed, checked, compiled rules.

:func:`load_rules` reads a pack directory (``pack.yaml`` and the files it
includes), validates every section with pydantic, checks every reference and
condition, and gathers *every* problem before it fails, each with its file,
line and column and a hint where one exists.
"""

from __future__ import annotations

import hashlib
import os
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from asn_advisor._base import (
    Document,
    Limits,
    Text,
    TextField,
    load_file,
    suggest,
    union_members,
    unknown_id_hint,
    validation_problems,
)
from asn_advisor.condition import Condition, ConditionError, NameInfo, Vocabulary
from asn_advisor.errors import MAX_PROBLEMS, AdvisorError, Location, Problem, RulePackError
from asn_advisor.pack.graph import check_relations
from asn_advisor.reader import ExtractionPatterns, check_targets, compile_patterns

__all__ = [
    "CompiledCap",
    "CompiledMetric",
    "DeriveRule",
    "DimensionSpec",
    "FindingSpec",
    "IndicatorSpec",
    "RecommendRule",
    "RecommendationSpec",
    "Relation",
    "RulePack",
    "ScoringSpec",
    "default_pack_dir",
    "load_rules",
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
    values: list[str] | None = None
    # A value at or above the target is a strength ("what already works").
    target: float | None = None
    source: str | None = None

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
                raise ValueError("points needs at least two [value, score] pairs")
            xs = [x for x, _ in points]
            if any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
                raise ValueError("the values in points must increase strictly")
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


# ---------------------------------------------------------------- compiled pack


@dataclass(frozen=True)
class CompiledMetric:
    spec: MetricSpec
    name: str  # indicator id or the expr text
    evaluate: Condition


@dataclass(frozen=True)
class CompiledCap:
    spec: CapSpec
    condition: Condition
    location: Location


@dataclass(frozen=True)
class CompiledDimension:
    id: str
    spec: DimensionSpec
    metrics: tuple[CompiledMetric, ...]
    caps: tuple[CompiledCap, ...]
    primary_names: frozenset[str]


@dataclass(frozen=True)
class CompiledDerive:
    rule: DeriveRule
    condition: Condition
    escalations: tuple[tuple[Condition, str], ...]
    location: Location

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def names(self) -> frozenset[str]:
        names = set(self.condition.names)
        for condition, _ in self.escalations:
            names |= condition.names
        return frozenset(names)


@dataclass(frozen=True)
class CompiledRecommend:
    rule: RecommendRule
    condition: Condition
    addresses: tuple[str, ...]
    location: Location

    @property
    def id(self) -> str:
        return self.rule.id


@dataclass
class RulePack:
    """A loaded, checked and compiled rule pack."""

    meta: PackMeta
    root: Path
    files: tuple[str, ...]
    digest: str
    indicators: dict[str, IndicatorSpec]
    findings: dict[str, FindingSpec]
    recommendations: dict[str, RecommendationSpec]
    scoring: ScoringSpec
    dimensions: dict[str, CompiledDimension]
    derive_rules: tuple[CompiledDerive, ...]
    recommend_rules: tuple[CompiledRecommend, ...]
    vocabulary: Vocabulary
    locations: dict[str, Location] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    sections: dict[str, Any] = field(default_factory=dict)
    extract: ExtractionPatterns | None = None
    #: Compiled ``in_place_when`` of each recommendation that has one.
    in_place: dict[str, Condition] = field(default_factory=dict)

    #: Where each element was written: ("rule"|"when"|"escalate"|"finding"|
    #: "recommendation"|"indicator"|"dimension"|"scoring", id) -> (document,
    #: path inside it).  Authoring tools (lint, tests) locate problems with it.
    origins: dict[tuple[str, str], tuple[Document, tuple[Any, ...]]] = field(default_factory=dict)
    #: Test case files of this pack (not of the packs it extends): (path, display name).
    test_files: tuple[tuple[Path, str], ...] = ()
    #: Display names of the files this pack itself holds (not inherited ones).
    own_files: frozenset[str] = frozenset()
    #: Rule ids this pack's own files define or override.
    own_rules: frozenset[str] = frozenset()
    #: What pack.yaml ``extends`` (as written), if anything.
    extends: str | None = None
    # (relation, from id, to id) -> where the relation is written; relations
    # are causes (finding to finding), requires, supports and conflicts_with
    # (recommendation to recommendation).
    relation_locations: dict[tuple[str, str, str], Location] = field(default_factory=dict)
    paths: tuple[Path, ...] = ()  # the files read, resolved; outputs never overwrite them

    def __repr__(self) -> str:
        # The generated repr runs to hundreds of kilobytes; test frameworks
        # print it for every failing example, which hides the failure.
        return (
            f"RulePack({self.meta.id!r}, version={self.meta.version!r}, root={str(self.root)!r}, "
            f"{len(self.derive_rules)} derive + {len(self.recommend_rules)} recommend rules)"
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Pretty printers (IPython, hypothesis) walk dataclass fields unless told otherwise.
        printer.text(repr(self))

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def version(self) -> str:
        return self.meta.version

    @cached_property
    def total_weight(self) -> float:
        return sum(d.spec.weight for d in self.dimensions.values())

    def rule_location(self, rule_id: str) -> Location:
        return self.locations[rule_id]

    def band_for(self, score: float | None) -> BandSpec | None:
        if score is None:
            return None
        for band in self.scoring.bands:
            if score >= band.min:
                return band
        return self.scoring.bands[-1] if self.scoring.bands else None


#: The id by which ``extends`` names the installed national pack.
NATIONAL_PACK = "nasional"


def default_pack_dir() -> Path:
    """The national pack shipped with the package."""
    packaged = Path(str(resources.files("asn_advisor"))) / "rules"
    return packaged


# ---------------------------------------------------------------- loading


_SECTION_KEYS = tuple(PackFile.model_fields)
_NOT_REGULAR_HINT = "a pack holds plain files only, not pipes, sockets or devices"


class _TooManyProblems(Exception):
    """Raised by :class:`_Collector` once :data:`MAX_PROBLEMS` errors are gathered."""


class _Collector:
    """Gathers the problems of a pack, up to :data:`MAX_PROBLEMS` errors.

    Each problem may cost a did-you-mean search over the catalog, so a pack
    with tens of thousands of broken entries would take minutes to report in
    full; past the cap loading stops and the first problems are shown.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.truncated = False
        self.error_count = 0

    def add(
        self, location: Location, message: str, code: str, hint: str | None = None, severity: str = "error"
    ) -> None:
        self.extend([Problem(location, message, code=code, severity=severity, hint=hint)])

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem.severity == "error":
                if self.error_count >= MAX_PROBLEMS:
                    self.truncated = True
                    raise _TooManyProblems
                self.error_count += 1
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _expand_includes(
    root: Path, display_root: str, manifest: Document, includes: list[str], out: _Collector, key: str = "include"
) -> list[Path]:
    paths: list[Path] = []
    seen: set[Path] = set()
    for index, pattern in enumerate(includes):
        location = manifest.locate((key, index))
        if not isinstance(pattern, str) or not pattern.strip():
            out.add(location, f"an entry of {key!r} must be a file name", "E201")
            continue
        if os.path.isabs(pattern) or pattern.startswith(("/", "\\")) or (len(pattern) > 1 and pattern[1] == ":"):
            out.add(
                location,
                f"{key} {pattern!r} is an absolute path; files must stay inside the pack",
                "E202",
                hint="write a path relative to pack.yaml",
            )
            continue
        parts = Path(pattern).parts
        if ".." in parts:
            out.add(
                location,
                f"{key} {pattern!r} leaves the pack directory",
                "E202",
                hint="keep every file of the pack inside its directory",
            )
            continue
        matches = sorted(root.glob(pattern)) if any(c in pattern for c in "*?[") else [root / pattern]
        if not matches or not all(m.exists() for m in matches):
            out.add(location, f"{key} {pattern!r}: file not found", "E203", hint=_file_hint(root, pattern))
            continue
        for match in matches:
            if not _inside(root, match):
                out.add(
                    location,
                    f"{key} {pattern!r} resolves outside the pack (through a link)",
                    "E202",
                    hint="copy the file into the pack instead of linking it",
                )
                continue
            if match.is_dir() or match.suffix not in (".yaml", ".yml"):
                continue
            if not match.is_file():
                # A named pipe or a device would block or never end when read.
                out.add(
                    location, f"include {pattern!r}: {match.name} is not a regular file", "E204", hint=_NOT_REGULAR_HINT
                )
                continue
            if match.name == "pack.yaml" or match in seen:
                continue
            seen.add(match)
            paths.append(match)
    return paths


def _file_hint(root: Path, pattern: str) -> str | None:
    try:
        names = [p.name for p in root.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return None
    close = suggest(Path(pattern).name, names)
    return f"did you mean {close!r}?" if close else None


@dataclass
class _Source:
    doc: Document
    rel: str
    manifest: bool = False  # a pack.yaml (of this pack or of one it extends)
    inherited: bool = False  # read through ``extends``
    path: Path | None = None  # the file read, so that outputs can refuse to overwrite it


#: Sections only a pack.yaml may hold.
_MANIFEST_ONLY = ("pack", "include", "extends", "tests")
#: How deep ``extends`` may chain (a regional pack on a provincial pack on the national one).
_MAX_EXTENDS = 8


def _vocabulary(indicators: dict[str, IndicatorSpec], findings: Iterable[str]) -> Vocabulary:
    names: dict[str, NameInfo] = {}
    for name, spec in indicators.items():
        low, high = spec.bounds()
        if spec.type in ("percent", "number", "rating"):
            names[name] = NameInfo("number", minimum=low, maximum=high)
        elif spec.type == "bool":
            names[name] = NameInfo("bool")
        elif spec.type == "list":
            names[name] = NameInfo("list", values=tuple(spec.values or ()))
        elif spec.type == "map":
            names[name] = NameInfo("map")
            for key in spec.keys or ():
                names[f"{name}.{key}"] = NameInfo("number", minimum=0.0, maximum=100.0)
    names["coverage"] = NameInfo("number", minimum=0.0, maximum=100.0)
    return Vocabulary(names=names, findings=frozenset(findings))


def load_rules(
    path: str | os.PathLike[str] | None = None, *, limits: Limits | None = None, display: str | None = None
) -> RulePack:
    """Load, check and compile the rule pack in directory ``path``.

    Args:
        path: the pack directory (holding ``pack.yaml``), or ``None`` for the
            national pack shipped with asn-advisor.
        limits: bounds on each file's size and structure.
        display: how file names are shown in messages and explanations
            (default: ``path`` as given, ``rules`` for the shipped pack).

    Returns:
        The compiled :class:`RulePack`; warnings are in ``RulePack.warnings``.

    Raises:
        RulePackError: listing every problem found, each with its location.
        InputError: a file cannot be read safely.
    """
    root = Path(path) if path is not None else default_pack_dir()
    if path is None and limits is None:
        # The shipped pack is installed with the code and trusted like it;
        # limits lowered for untrusted profiles (--max-nodes 500) must not
        # make it unloadable, so it is read with at least the defaults.
        current, default = Limits.current(), Limits()
        limits = Limits(
            max_bytes=max(current.max_bytes, default.max_bytes),
            max_depth=max(current.max_depth, default.max_depth),
            max_nodes=max(current.max_nodes, default.max_nodes),
        )
    display_root = display if display is not None else (str(path) if path is not None else "rules")
    out = _Collector()
    manifest_path = root / "pack.yaml" if root.is_dir() else root
    if root.is_file():
        root = root.parent
        display_root = str(Path(display_root).parent) if display is None else display_root
    if not manifest_path.exists():
        raise RulePackError(
            "no pack.yaml found: this is not a rule pack directory",
            location=Location(os.path.join(display_root, "pack.yaml")),
            hint="give the directory that holds pack.yaml, or create one with 'asn-advisor rules init'",
        )

    manifest_shown = os.path.join(display_root, manifest_path.name)
    if not _inside(root, manifest_path):
        # A pack.yaml that is a link to a file elsewhere would let the pack
        # read outside its directory just as an include could.
        raise RulePackError(
            "pack.yaml resolves outside the pack directory (through a link)",
            location=Location(manifest_shown),
            hint="copy the file into the pack instead of linking it",
        )
    if not manifest_path.is_file():
        raise RulePackError(
            f"{manifest_path.name} is not a regular file", location=Location(manifest_shown), hint=_NOT_REGULAR_HINT
        )

    pack: RulePack | None = None
    try:
        sources, test_files = _gather(root, display_root, limits, out, inherited=False, chain=(root.resolve(),))

        parsed: list[tuple[_Source, PackFile]] = []
        broken: dict[str, set[str]] = {}
        for source in sources:
            data = source.doc.data
            if data is None:
                out.add(
                    Location(source.doc.file, 1, 1),
                    "the file is empty",
                    "E104",
                    hint="a pack file holds sections such as findings: or derive:",
                )
                continue
            if not isinstance(data, dict):
                out.add(
                    source.doc.locate(()),
                    "a pack file must be a mapping of sections",
                    "E104",
                    hint=f"sections: {', '.join(_SECTION_KEYS)}",
                )
                continue
            if not source.manifest:
                for key in _MANIFEST_ONLY:
                    if key in data:
                        out.add(source.doc.locate((key,), key=True), f"{key!r} belongs in pack.yaml only", "E105")
            parsed.append((source, _parse_file(source.doc, data, out, broken)))

        pack = _assemble(parsed, sources, root, out, broken)
    except _TooManyProblems:
        pack = None
    errors = out.errors
    if errors or pack is None:
        message = f"the rule pack has {len(errors)} error(s)"
        if out.truncated:
            message = (
                f"the rule pack has more than {MAX_PROBLEMS} errors; checking stopped after the first {MAX_PROBLEMS}"
            )
        raise RulePackError(message, location=Location(display_root), problems=out.problems)
    pack.warnings = sorted((p for p in out.problems if p.severity == "warning"), key=Problem.sort_key)
    pack.test_files = tuple(test_files)
    return pack


def _shown(root: Path, display_root: str, path: Path) -> str:
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    return f"{display_root.rstrip('/')}/{rel}" if display_root not in ("", ".") else rel


def _gather(
    root: Path,
    display_root: str,
    limits: Limits | None,
    out: _Collector,
    *,
    inherited: bool,
    chain: tuple[Path, ...],
) -> tuple[list[_Source], list[tuple[Path, str]]]:
    """Read a pack's manifest and files, after those of the pack it extends.

    Returns the sources in merge order (inherited first) and this pack's own
    test files.  Nothing outside ``root`` is read, except the pack named by
    ``extends`` (a directory inside ``root`` or the installed national pack).
    """
    manifest_path = root / "pack.yaml"
    name = _shown(root, display_root, manifest_path)
    manifest = load_file(manifest_path, name, limits=limits, error=RulePackError)
    out.extend(manifest.problems)
    data = manifest.data if isinstance(manifest.data, dict) else {}

    sources: list[_Source] = []
    extends = data.get("extends")
    if extends is not None:
        base = _resolve_extends(root, display_root, manifest, extends, out)
        if base is not None:
            base_root, base_display = base
            if base_root.resolve() in chain:
                out.add(
                    manifest.locate(("extends",)),
                    f"extends {extends!r} leads back to a pack already being extended",
                    "E205",
                    hint="a pack cannot extend itself, directly or not",
                )
            elif len(chain) > _MAX_EXTENDS:
                out.add(manifest.locate(("extends",)), f"extends chains more than {_MAX_EXTENDS} packs", "E205")
            else:
                base_sources, _ = _gather(
                    base_root, base_display, limits, out, inherited=True, chain=(*chain, base_root.resolve())
                )
                sources.extend(base_sources)

    sources.append(_Source(manifest, "pack.yaml", manifest=True, inherited=inherited, path=manifest_path.resolve()))
    includes = data.get("include", [])
    for file_path in _expand_includes(
        root, display_root, manifest, includes if isinstance(includes, list) else [], out
    ):
        name = _shown(root, display_root, file_path)
        doc = load_file(file_path, name, limits=limits, error=RulePackError)
        out.extend(doc.problems)
        sources.append(_Source(doc, name, inherited=inherited, path=file_path.resolve()))
    tests = data.get("tests", [])
    test_files: list[tuple[Path, str]] = []
    if not inherited and isinstance(tests, list):
        for file_path in _expand_includes(root, display_root, manifest, tests, out, key="tests"):
            test_files.append((file_path, _shown(root, display_root, file_path)))
    return sources, test_files


def _resolve_extends(
    root: Path, display_root: str, manifest: Document, value: Any, out: _Collector
) -> tuple[Path, str] | None:
    """Where ``extends`` points: the installed national pack, or a pack directory inside ``root``."""
    location = manifest.locate(("extends",))
    if not isinstance(value, str) or not value.strip():
        out.add(location, "extends must name a pack", "E204", hint="extends: nasional")
        return None
    national = default_pack_dir()
    if value == NATIONAL_PACK:
        return national, f"<{NATIONAL_PACK}>"
    if os.path.isabs(value) or value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        out.add(
            location,
            f"extends {value!r} is an absolute path; "
            f"a pack may only extend '{NATIONAL_PACK}' or a pack inside its own directory",
            "E202",
            hint=f"extends: {NATIONAL_PACK}",
        )
        return None
    if ".." in Path(value).parts:
        out.add(
            location,
            f"extends {value!r} leaves the pack directory",
            "E202",
            hint=f"extends: {NATIONAL_PACK}, or copy the base pack into a sub-directory",
        )
        return None
    candidate = root / value
    if not (candidate / "pack.yaml").is_file():
        out.add(
            location,
            f"extends {value!r}: no pack.yaml found there",
            "E203",
            hint=f"extends: {NATIONAL_PACK} (the installed national pack) or a sub-directory holding pack.yaml",
        )
        return None
    if not _inside(root, candidate) or not _inside(root, candidate / "pack.yaml"):
        out.add(
            location,
            f"extends {value!r} resolves outside the pack (through a link)",
            "E202",
            hint="copy the base pack into the pack instead of linking it",
        )
        return None
    return candidate, f"{display_root.rstrip('/')}/{Path(value).as_posix()}" if display_root not in ("", ".") else Path(
        value
    ).as_posix()


def _merge(
    parsed: list[tuple[_Source, PackFile]], section: str, out: _Collector
) -> tuple[dict[str, Any], dict[str, tuple[_Source, tuple[Any, ...]]]]:
    merged: dict[str, Any] = {}
    where: dict[str, tuple[_Source, tuple[Any, ...]]] = {}
    for source, pf in parsed:
        entries = getattr(pf, section) or {}
        for key, value in entries.items():
            path = (section, key)
            if key in merged:
                first_source, first_path = where[key]
                first = first_source.doc.locate(first_path, key=True)
                out.add(
                    source.doc.locate(path, key=True),
                    f"{section[:-1] if section.endswith('s') else section} {key!r} is defined twice (first at {first})",
                    "E106",
                    hint="to change an inherited entry use override:"
                    if first_source.inherited and not source.inherited
                    else "keep one definition",
                )
                continue
            merged[key] = value
            where[key] = (source, path)
    return merged, where


def _parse_file(doc: Document, data: dict[Any, Any], out: _Collector, broken: dict[str, set[str]]) -> PackFile:
    """Validate a file entry by entry, so one bad entry does not hide the rest."""
    sections: dict[str, Any] = {}
    for key, value in data.items():
        if key not in PackFile.model_fields:
            close = suggest(str(key), _SECTION_KEYS)
            out.add(
                doc.locate((key,), key=True),
                f"unknown section {key!r}",
                "E102",
                hint=f"did you mean {close!r}?" if close else f"sections: {', '.join(_SECTION_KEYS)}",
            )
            continue
        if value is None:
            continue
        annotation = union_members(PackFile.model_fields[key].annotation)[0]
        origin = typing.get_origin(annotation)
        element = typing.get_args(annotation)[-1] if origin in (dict, list) else None
        per_entry = isinstance(element, type) and issubclass(element, BaseModel)
        if per_entry and origin is dict and isinstance(value, dict):
            model = typing.get_args(annotation)[1]
            good: dict[str, Any] = {}
            for entry_id, entry in value.items():
                if not isinstance(entry_id, str):
                    out.add(doc.locate((key, entry_id), key=True), f"id {entry_id!r} must be text", "E103")
                    continue
                try:
                    good[entry_id] = model.model_validate(entry)
                except ValidationError as exc:
                    out.extend(validation_problems(exc, model, doc, (key, entry_id)))
                    broken.setdefault(key, set()).add(entry_id)
                    if (
                        key == "indicators"
                        and isinstance(entry, dict)
                        and entry.get("type") in typing.get_args(IndicatorType)
                    ):
                        broken.setdefault("indicator_types", set()).add(f"{entry_id}:{entry['type']}")
            sections[key] = good
        elif per_entry and origin is list and isinstance(value, list):
            model = typing.get_args(annotation)[0]
            items: list[Any] = []
            for index, entry in enumerate(value):
                try:
                    items.append(model.model_validate(entry))
                except ValidationError as exc:
                    out.extend(validation_problems(exc, model, doc, (key, index)))
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        broken.setdefault("rules", set()).add(entry["id"])
            sections[key] = items
        else:
            try:
                sections[key] = PackFile.model_validate({key: value}).__dict__[key]
            except ValidationError as exc:
                out.extend(validation_problems(exc, PackFile, doc))
    return PackFile.model_construct(**sections)


def _assemble(
    parsed: list[tuple[_Source, PackFile]],
    sources: list[_Source],
    root: Path,
    out: _Collector,
    broken: dict[str, set[str]],
) -> RulePack | None:
    own_manifest = next(source for source in sources if source.manifest and not source.inherited)
    manifest_pf = next((pf for source, pf in parsed if source is own_manifest), None)
    meta = manifest_pf.pack if manifest_pf else None
    if manifest_pf is not None and meta is None:
        out.add(
            Location(own_manifest.doc.file, 1, 1),
            "pack.yaml needs a 'pack:' section with id and version",
            "E107",
            hint='pack: {id: nasional, version: "1"}',
        )

    indicators, ind_where = _merge(parsed, "indicators", out)
    findings, find_where = _merge(parsed, "findings", out)
    recommendations, rec_where = _merge(parsed, "recommendations", out)
    dimensions, dim_where = _merge(parsed, "dimensions", out)

    scoring: ScoringSpec | None = None
    scoring_source: _Source | None = None
    extract: ExtractionPatterns | None = None
    extract_source: _Source | None = None
    derive: list[tuple[_Source, int, DeriveRule]] = []
    recommend: list[tuple[_Source, int, RecommendRule]] = []
    for source, pf in parsed:
        if pf.scoring is not None:
            if scoring is not None and scoring_source is not None:
                out.add(
                    source.doc.locate(("scoring",), key=True),
                    f"'scoring' is defined twice (first in {scoring_source.doc.file})",
                    "E106",
                )
            else:
                scoring, scoring_source = pf.scoring, source
        if pf.extract is not None:
            if extract is not None and extract_source is not None:
                out.add(
                    source.doc.locate(("extract",), key=True),
                    f"'extract' is defined twice (first in {extract_source.doc.file})",
                    "E106",
                )
            else:
                extract, extract_source = pf.extract, source
        derive.extend((source, i, rule) for i, rule in enumerate(pf.derive or []))
        recommend.extend((source, i, rule) for i, rule in enumerate(pf.recommend or []))
    if scoring is None:
        scoring = ScoringSpec()
        if parsed:
            out.add(
                Location(own_manifest.doc.file, 1, 1),
                "the pack has no 'scoring' section",
                "E108",
                hint="define scales, bands and severity_factors",
                severity="warning",
            )

    scoring, at = _apply_overrides(
        parsed, indicators, findings, recommendations, dimensions, scoring, derive, recommend, out
    )

    # Indicator specs that need keys or values.
    for name, spec in indicators.items():
        source, path = ind_where[name]
        if spec.type == "map" and not spec.keys:
            out.add(source.doc.locate(path), f"indicator {name!r} of type map needs 'keys'", "E109")
        if spec.type == "list" and not spec.values:
            out.add(source.doc.locate(path), f"indicator {name!r} of type list needs 'values'", "E109")

    # Scoring checks.
    if scoring_source is not None:
        mins = [b.min for b in scoring.bands]
        if mins != sorted(mins, reverse=True):
            out.add(
                scoring_source.doc.locate(("scoring", "bands")),
                "bands must be listed from the highest min to the lowest",
                "E110",
            )
        if scoring.bands and scoring.bands[-1].min != 0:
            out.add(
                scoring_source.doc.locate(("scoring", "bands")),
                "the last band must start at min: 0 so every score has a band",
                "E110",
            )

    vocabulary = _vocabulary(indicators, set(findings) | broken.get("findings", set()))
    for item in broken.get("indicator_types", set()):
        name, kind = item.split(":", 1)
        vocabulary.names.setdefault(name, NameInfo({"bool": "bool", "list": "list", "map": "map"}.get(kind, "number")))
    locations: dict[str, Location] = {}
    relation_locations: dict[tuple[str, str, str], Location] = {}
    silent = {kind: broken.get(kind, set()) for kind in ("findings", "recommendations", "dimensions", "indicators")}

    def compile_at(source: _Source, path: tuple[Any, ...], text: str, expect: str = "bool") -> Condition | None:
        try:
            return Condition.compile(text, vocabulary, expect=expect)
        except ConditionError as exc:
            out.add(source.doc.expression_location(path, exc.offset), exc.message, "E301", hint=exc.hint)
            return None

    # Findings -> dimensions; causes.
    for fid, spec in findings.items():
        source, path = find_where[fid]
        if spec.dimension not in dimensions and spec.dimension not in silent["dimensions"]:
            out.add(
                source.doc.locate((*path, "dimension")),
                f"unknown dimension {spec.dimension!r}",
                "E111",
                hint=unknown_id_hint(spec.dimension, dimensions, f"dimensions: {', '.join(sorted(dimensions))}"),
            )
        for i, cause in enumerate(spec.cause_ids):
            relation_locations[("causes", fid, cause)] = source.doc.locate((*path, "causes", i))
            if cause not in findings and cause not in silent["findings"]:
                out.add(
                    source.doc.locate((*path, "causes", i)),
                    f"unknown finding {cause!r}",
                    "E111",
                    hint=unknown_id_hint(cause, findings, None),
                )
    for rid, spec in recommendations.items():
        source, path = rec_where[rid]
        for relation in ("requires", "supports", "conflicts_with"):
            for i, other in enumerate(spec.related(relation)):
                relation_locations[(relation, rid, other)] = source.doc.locate((*path, relation, i))
                if other not in recommendations and other not in silent["recommendations"]:
                    out.add(
                        source.doc.locate((*path, relation, i)),
                        f"unknown recommendation {other!r}",
                        "E111",
                        hint=unknown_id_hint(other, recommendations, None),
                    )
    check_relations(findings, recommendations, relation_locations, out.add)
    in_place: dict[str, Condition] = {}
    for rid, spec in recommendations.items():
        if spec.in_place_when is not None:
            source, path = rec_where[rid]
            compiled = compile_at(source, (*path, "in_place_when"), spec.in_place_when)
            if compiled is not None:
                in_place[rid] = compiled

    # Dimensions.
    compiled_dims: dict[str, CompiledDimension] = {}
    for did, dspec in dimensions.items():
        source, path = dim_where[did]
        metrics: list[CompiledMetric] = []
        for i, metric in enumerate(dspec.metrics):
            mpath = (*path, "metrics", i)
            if (metric.indicator is None) == (metric.expr is None):
                out.add(source.doc.locate(mpath), "a metric needs exactly one of 'indicator' or 'expr'", "E112")
                continue
            if metric.indicator is not None:
                if metric.indicator in silent["indicators"]:
                    continue
                if metric.indicator not in vocabulary.names or vocabulary.names[metric.indicator].kind in (
                    "list",
                    "map",
                ):
                    out.add(
                        source.doc.locate((*mpath, "indicator")),
                        f"unknown or unscorable indicator {metric.indicator!r}",
                        "E111",
                        hint=unknown_id_hint(metric.indicator, indicators, None),
                    )
                    continue
                kind = vocabulary.names[metric.indicator].kind
                if kind == "bool" and metric.map is None:
                    out.add(
                        source.doc.locate(mpath),
                        f"metric {metric.indicator!r} is true/false: give a map such as {{true: 100, false: 0}}",
                        "E112",
                    )
                    continue
                condition = compile_at(source, (*mpath, "indicator"), metric.indicator, expect=kind)
            else:
                condition = compile_at(source, (*mpath, "expr"), metric.expr or "", expect="number")
            if condition is not None:
                metrics.append(CompiledMetric(metric, metric.indicator or metric.expr or "", condition))
        if not any(m.primary for m in dspec.metrics):
            out.add(
                source.doc.locate((*path, "metrics")),
                f"dimension {did!r} has no primary metric, so it can never be scored",
                "E113",
                hint="mark one metric with primary: true",
            )
        caps: list[CompiledCap] = []
        for i, cap in enumerate(dspec.caps):
            condition = compile_at(source, (*path, "caps", i, "when"), cap.when)
            if condition is not None:
                caps.append(CompiledCap(cap, condition, source.doc.locate((*path, "caps", i))))
        primary = frozenset(n for m in metrics if m.spec.primary for n in m.evaluate.names)
        compiled_dims[did] = CompiledDimension(did, dspec, tuple(metrics), tuple(caps), primary)

    # Rules.
    rule_ids: dict[str, Location] = {}

    def register(rule_id: str, location: Location) -> None:
        if rule_id in rule_ids:
            out.add(
                location,
                f"rule id {rule_id!r} is used twice (first at {rule_ids[rule_id]})",
                "E114",
                hint="every rule needs its own id; to change an inherited rule use override: or disable:",
            )
        else:
            rule_ids[rule_id] = location

    def effective(rule_id: str, location: Location) -> Location:
        # An overridden rule is shown where it was last overridden: that is the
        # text that decides it in this pack (the override names the rule's id).
        where = at.get(("override", rule_id))
        return where[0].doc.locate(where[1], key=True) if where is not None else location

    compiled_derive: list[CompiledDerive] = []
    for source, i, rule in derive:
        path = ("derive", i)
        location = source.doc.locate(path)
        register(rule.id, location)
        if rule.finding not in findings and rule.finding not in silent["findings"]:
            out.add(
                source.doc.locate((*path, "finding")),
                f"unknown finding {rule.finding!r}",
                "E111",
                hint=unknown_id_hint(rule.finding, findings, "finding ids are defined under findings:"),
            )
        condition = compile_at(*at.get(("when", rule.id), (source, (*path, "when"))), rule.when)
        esc_source, esc_path = at.get(("escalate", rule.id), (source, (*path, "escalate")))
        escalations: list[tuple[Condition, str]] = []
        for j, esc in enumerate(rule.escalate):
            esc_condition = compile_at(esc_source, (*esc_path, j, "when"), esc.when)
            if esc_condition is not None:
                escalations.append((esc_condition, esc.severity))
        if condition is not None:
            location = effective(rule.id, location)
            compiled_derive.append(CompiledDerive(rule, condition, tuple(escalations), location))
            locations[rule.id] = location

    compiled_recommend: list[CompiledRecommend] = []
    for source, i, rec_rule in recommend:
        path = ("recommend", i)
        location = source.doc.locate(path)
        register(rec_rule.id, location)
        for j, rec in enumerate(rec_rule.recommend):
            if rec not in recommendations and rec not in silent["recommendations"]:
                out.add(
                    source.doc.locate((*path, "recommend", j)),
                    f"unknown recommendation {rec!r}",
                    "E111",
                    hint=unknown_id_hint(rec, recommendations, "recommendation ids are defined under recommendations:"),
                )
        for j, fid in enumerate(rec_rule.addresses or []):
            if fid not in findings and fid not in silent["findings"]:
                out.add(
                    source.doc.locate((*path, "addresses", j)),
                    f"unknown finding {fid!r}",
                    "E111",
                    hint=unknown_id_hint(fid, findings, None),
                )
        condition = compile_at(*at.get(("when", rec_rule.id), (source, (*path, "when"))), rec_rule.when)
        if condition is None:
            continue
        addresses = tuple(sorted(rec_rule.addresses if rec_rule.addresses is not None else condition.findings))
        if not addresses:
            out.add(
                source.doc.locate((*path, "when")),
                f"rule {rec_rule.id!r} addresses no finding",
                "E115",
                hint="add addresses: [finding_id], or test a finding with has(...)",
            )
            continue
        location = effective(rec_rule.id, location)
        compiled_recommend.append(CompiledRecommend(rec_rule, condition, addresses, location))
        locations[rec_rule.id] = location

    ordered = _order_derive_rules(compiled_derive, out)

    # Extraction patterns: the word notation, and the ids they produce.
    if extract is not None and extract_source is not None:
        out.extend(compile_patterns(extract, extract_source.doc))
        for problem in check_targets(
            extract,
            findings=set(findings) | silent["findings"],
            recommendations=set(recommendations) | silent["recommendations"],
            indicators=set(indicators) | silent["indicators"],
            doc=extract_source.doc,
        ):
            out.problems.append(problem)

    if meta is None or out.errors:
        return None
    origins: dict[tuple[str, str], tuple[Document, tuple[Any, ...]]] = {}
    for kind, where in (
        ("indicator", ind_where),
        ("finding", find_where),
        ("recommendation", rec_where),
        ("dimension", dim_where),
    ):
        for key, (source, path) in where.items():
            origins[(kind, key)] = (source.doc, path)
    if scoring_source is not None:
        origins[("scoring", "")] = (scoring_source.doc, ("scoring",))
    placed: list[tuple[str, _Source, int, str]] = [("derive", s, i, r.id) for s, i, r in derive] + [
        ("recommend", s, i, r.id) for s, i, r in recommend
    ]
    for kind, source, i, rule_id in placed:
        origins[("rule", rule_id)] = (source.doc, (kind, i))
        when_source, when_path = at.get(("when", rule_id), (source, (kind, i, "when")))
        origins[("when", rule_id)] = (when_source.doc, when_path)
        if kind == "derive":
            esc_source, esc_path = at.get(("escalate", rule_id), (source, (kind, i, "escalate")))
            origins[("escalate", rule_id)] = (esc_source.doc, esc_path)
    for (kind, key), (source, path) in at.items():
        if kind == "override":
            origins[("override", key)] = (source.doc, path)
    own_files = frozenset(source.doc.file for source in sources if not source.inherited)
    own_rules = {rule_id for _, source, _, rule_id in placed if not source.inherited}
    own_rules |= {key for (kind, key), (source, _) in at.items() if kind == "override" and not source.inherited}
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.doc.file.encode())
        digest.update(b"\0")
        digest.update(repr(source.doc.data).encode())
    return RulePack(
        meta=meta,
        root=root,
        files=tuple(s.doc.file for s in sources),
        digest=digest.hexdigest()[:16],
        indicators=indicators,
        findings=findings,
        recommendations=recommendations,
        scoring=scoring,
        dimensions=compiled_dims,
        derive_rules=tuple(ordered),
        recommend_rules=tuple(sorted(compiled_recommend, key=lambda r: r.id)),
        vocabulary=vocabulary,
        locations=locations,
        extract=extract,
        in_place=in_place,
        origins=origins,
        own_files=own_files,
        own_rules=frozenset(own_rules),
        extends=manifest_pf.extends if manifest_pf else None,
        relation_locations=relation_locations,
        paths=tuple(s.path for s in sources if s.path is not None),
    )


def _merge_text(old: Text | None, new: Text | None) -> Text | None:
    """An overriding text keeps the language it does not give from the inherited one."""
    if new is None:
        return old
    if old is None:
        return new
    return Text(id=new.id or old.id, en=new.en or old.en)


def _updated(spec: Any, change: BaseModel) -> Any:
    update: dict[str, Any] = {}
    for name in change.model_fields_set:
        value = getattr(change, name)
        if value is None:
            continue
        if isinstance(value, Text):
            value = _merge_text(getattr(spec, name), value)
        update[name] = value
    return spec.model_copy(update=update)


def _apply_overrides(
    parsed: list[tuple[_Source, PackFile]],
    indicators: dict[str, Any],
    findings: dict[str, Any],
    recommendations: dict[str, Any],
    dimensions: dict[str, Any],
    scoring: ScoringSpec,
    derive: list[tuple[_Source, int, DeriveRule]],
    recommend: list[tuple[_Source, int, RecommendRule]],
    out: _Collector,
) -> tuple[ScoringSpec, dict[tuple[str, str], tuple[_Source, tuple[Any, ...]]]]:
    """Apply every ``override:`` and ``disable:`` in file order (inherited packs first).

    Catalogs and rules are changed in place.  Returns the scoring and, for
    each rule whose condition now comes from an override, where that text is
    (``("when", id)``, ``("escalate", id)``), plus ``("override", id)`` for
    every overridden rule, so that errors point at the override.
    """
    at: dict[tuple[str, str], tuple[_Source, tuple[Any, ...]]] = {}
    catalogs: dict[str, dict[str, Any]] = {
        "indicators": indicators,
        "findings": findings,
        "recommendations": recommendations,
        "dimensions": dimensions,
    }
    for source, pf in parsed:
        override = pf.override
        if override is None:
            continue
        for section, catalog in catalogs.items():
            for key, change in getattr(override, section).items():
                path = ("override", section, key)
                if key not in catalog:
                    close = suggest(key, catalog)
                    out.add(
                        source.doc.locate(path, key=True),
                        f"override of unknown {section[:-1]} {key!r}",
                        "E111",
                        hint=f"did you mean {close!r}?"
                        if close
                        else "only what the pack defines or inherits can be overridden",
                    )
                    continue
                catalog[key] = _updated(catalog[key], change)
        if override.scoring is not None:
            scoring = _updated(scoring, override.scoring)
        rules: dict[str, tuple[list[Any], int]] = {}
        for index, (_, _, derive_rule) in enumerate(derive):
            rules[derive_rule.id] = (derive, index)
        for index, (_, _, recommend_rule) in enumerate(recommend):
            rules[recommend_rule.id] = (recommend, index)
        for rule_id, change in override.rules.items():
            path = ("override", "rules", rule_id)
            if rule_id not in rules:
                close = suggest(rule_id, rules)
                out.add(
                    source.doc.locate(path, key=True),
                    f"override of unknown rule {rule_id!r}",
                    "E111",
                    hint=f"did you mean {close!r}?" if close else "rule ids are the id: of derive and recommend rules",
                )
                continue
            entries, index = rules[rule_id]
            rule_source, position, rule = entries[index]
            is_derive = isinstance(rule, DeriveRule)
            wrong = [name for name in ("weight",) if is_derive and getattr(change, name) is not None]
            wrong += [name for name in ("severity", "escalate") if not is_derive and getattr(change, name) is not None]
            for name in wrong:
                kind = "recommend" if name == "weight" else "derive"
                out.add(
                    source.doc.locate((*path, name), key=True),
                    f"{name!r} applies only to {kind} rules, and {rule_id!r} is not one",
                    "E117",
                )
            if wrong:
                continue
            entries[index] = (rule_source, position, _updated(rule, change))
            at[("override", rule_id)] = (source, path)
            if change.when is not None:
                at[("when", rule_id)] = (source, (*path, "when"))
            if change.escalate is not None:
                at[("escalate", rule_id)] = (source, (*path, "escalate"))
    for source, pf in parsed:
        for j, rule_id in enumerate(pf.disable or []):
            at_derive = next((k for k, (_, _, rule) in enumerate(derive) if rule.id == rule_id), None)
            if at_derive is not None:
                del derive[at_derive]
                continue
            at_recommend = next((k for k, (_, _, rec) in enumerate(recommend) if rec.id == rule_id), None)
            if at_recommend is not None:
                del recommend[at_recommend]
                continue
            close = suggest(rule_id, [d.id for _, _, d in derive] + [r.id for _, _, r in recommend])
            out.add(
                source.doc.locate(("disable", j)),
                f"cannot disable unknown rule {rule_id!r}",
                "E111",
                hint=f"did you mean {close!r}?" if close else None,
            )
    return scoring, at


def _order_derive_rules(rules: list[CompiledDerive], out: _Collector) -> list[CompiledDerive]:
    """Order derivation rules so that a rule reading a finding runs after every rule producing it."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    by_id = {rule.id: rule for rule in rules}
    producers: dict[str, list[str]] = {}
    for rule in rules:
        graph.add_node(rule.id)
        producers.setdefault(rule.rule.finding, []).append(rule.id)
    for rule in rules:
        read = set(rule.condition.findings)
        for condition, _ in rule.escalations:
            read |= condition.findings
        for finding in read:
            for producer in producers.get(finding, []):
                graph.add_edge(producer, rule.id)
    try:
        return [by_id[rid] for rid in nx.lexicographical_topological_sort(graph)]
    except nx.NetworkXUnfeasible:
        for component in sorted(
            sorted(c)
            for c in nx.strongly_connected_components(graph)
            if len(c) > 1 or any(graph.has_edge(n, n) for n in c)
        ):
            members = ", ".join(f"{rid} ({by_id[rid].location})" for rid in component)
            first = by_id[component[0]]
            out.add(
                first.location,
                f"derivation rules form a cycle through the findings they produce and read: {members}",
                "E116",
                hint="break the cycle: a rule cannot depend, directly or not, on its own finding",
            )
        return sorted(rules, key=lambda r: r.id)


def pack_error_summary(error: AdvisorError) -> str:
    return "\n".join(str(p) for p in error.problems) or str(error)
