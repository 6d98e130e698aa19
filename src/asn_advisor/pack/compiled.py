"""A compiled rule pack: conditions compiled, references checked, rules ordered.

:class:`RulePack` is what :func:`~asn_advisor.pack.loader.load_rules` returns
and what the engine, lint and the graph read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from asn_advisor._base import Document
from asn_advisor.condition import Condition, Vocabulary
from asn_advisor.errors import Location, Problem
from asn_advisor.pack.models import (
    BandSpec,
    CapSpec,
    DeriveRule,
    DimensionSpec,
    FindingSpec,
    IndicatorSpec,
    MetricSpec,
    PackMeta,
    RecommendationSpec,
    RecommendRule,
    ScoringSpec,
)
from asn_advisor.reader import ExtractionPatterns

__all__ = ["CompiledCap", "CompiledDerive", "CompiledDimension", "CompiledMetric", "CompiledRecommend", "RulePack"]


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
