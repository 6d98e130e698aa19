"""Scoring: indicator values to dimension scores, bands and an overall score.

All parameters (weights, metrics, points, caps, bands, scales) come from the
rule pack's ``scoring`` and ``dimensions`` sections; nothing is hard-coded
here.  See docs/scoring.md for the method and its sources.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from asn_advisor.pack import CompiledDimension, CompiledMetric, RulePack

__all__ = ["DimensionResult", "ScoreComputation", "compute_scores", "metric_score"]


@dataclass(frozen=True)
class MetricResult:
    metric: CompiledMetric
    value: Any
    score: float | None


@dataclass(frozen=True)
class DimensionResult:
    dimension: CompiledDimension
    score: float | None
    metrics: tuple[MetricResult, ...]
    caps: tuple[str, ...]


@dataclass(frozen=True)
class ScoreComputation:
    dimensions: tuple[DimensionResult, ...]
    overall: float | None
    coverage: float

    def by_id(self) -> dict[str, DimensionResult]:
        return {d.dimension.id: d for d in self.dimensions}


def _interpolate(points: list[tuple[float, float]], value: float) -> float:
    xs = [x for x, _ in points]
    if value <= xs[0]:
        return points[0][1]
    if value >= xs[-1]:
        return points[-1][1]
    index = bisect.bisect_right(xs, value)
    (x0, y0), (x1, y1) = points[index - 1], points[index]
    return y0 + (y1 - y0) * (value - x0) / (x1 - x0)


def metric_score(metric: CompiledMetric, value: Any) -> float | None:
    """Score one metric value on 0..100 (``None`` when unknown)."""
    if value is None:
        return None
    spec = metric.spec
    if spec.map is not None:
        if isinstance(value, bool):
            score = spec.map.get(value)
        else:
            numeric_keys = sorted(k for k in spec.map if isinstance(k, (int, float)) and not isinstance(k, bool))
            below = [k for k in numeric_keys if k <= value]
            score = spec.map[below[-1]] if below else None
        return None if score is None else min(100.0, max(0.0, float(score)))
    if isinstance(value, bool):
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    if spec.points is not None:
        number = _interpolate(spec.points, number)
    return min(100.0, max(0.0, number))


def compute_scores(pack: RulePack, values: Mapping[str, Any]) -> ScoreComputation:
    """Score every dimension of ``pack`` from normalized indicator ``values``."""
    results: list[DimensionResult] = []
    scored_weight = 0.0
    weighted_sum = 0.0
    for dim_id in sorted(pack.dimensions):
        dimension = pack.dimensions[dim_id]
        metric_results: list[MetricResult] = []
        total = weight = 0.0
        primary_known = False
        for metric in dimension.metrics:
            value = metric.evaluate.value(values, {})
            score = metric_score(metric, value)
            metric_results.append(MetricResult(metric, value, score))
            if score is not None:
                total += metric.spec.weight * score
                weight += metric.spec.weight
                primary_known = primary_known or metric.spec.primary
        score_value: float | None = None
        applied: list[str] = []
        if primary_known and weight > 0:
            score_value = total / weight
            for cap in dimension.caps:
                if cap.condition.evaluate(values, {}) is True and score_value > cap.spec.max:
                    score_value = cap.spec.max
                    applied.append(cap.spec.when)
            score_value = min(100.0, max(0.0, score_value))
            scored_weight += dimension.spec.weight
            weighted_sum += dimension.spec.weight * score_value
        results.append(DimensionResult(dimension, score_value, tuple(metric_results), tuple(applied)))
    total_weight = pack.total_weight
    coverage = scored_weight / total_weight if total_weight else 0.0
    overall: float | None = None
    if scored_weight > 0 and coverage + 1e-9 >= pack.scoring.overall_min_coverage:
        overall = weighted_sum / scored_weight
    return ScoreComputation(tuple(results), overall, coverage)
