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
from typing import Any, NamedTuple

from asn_advisor.pack import CompiledDimension, CompiledMetric, RulePack

__all__ = ["DimensionResult", "ScoreComputation", "ScoreInterval", "compute_scores", "metric_score", "score_interval"]


# Named tuples, not frozen dataclasses: as immutable, and several times
# cheaper to create (about 25 of them per profile).
class MetricResult(NamedTuple):
    metric: CompiledMetric
    value: Any
    score: float | None


class DimensionResult(NamedTuple):
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


@dataclass(frozen=True)
class ScoreInterval:
    """The values the overall score can still take while some indicators are unknown."""

    low: float
    high: float
    open_indicators: tuple[str, ...]  # unknown indicators that could move the score


def _metric_range(metric: CompiledMetric) -> tuple[float, float]:
    spec = metric.spec
    if spec.map is not None:
        scores = [min(100.0, max(0.0, float(v))) for v in spec.map.values()]
        return (min(scores), max(scores)) if scores else (0.0, 100.0)
    if spec.points is not None:
        ys = [min(100.0, max(0.0, y)) for _, y in spec.points]
        return min(ys), max(ys)
    return 0.0, 100.0


Item = tuple[float, float, float]  # weight, lowest score, highest score


def _best_mean(fixed: list[Item], optional: list[Item], *, high: bool) -> float | None:
    """The highest (or lowest) weighted mean of ``fixed`` plus any subset of ``optional``.

    Each item is taken at its highest (lowest) score; an optional item belongs
    to the best subset exactly when its score beats the mean of the better
    ones, so trying them best first finds it.
    """
    pick = 2 if high else 1
    total = sum(item[0] * item[pick] for item in fixed)
    weight = sum(item[0] for item in fixed)
    for item in sorted(optional, key=lambda i: i[pick], reverse=high):
        value = item[pick]
        if weight == 0 or (value > total / weight if high else value < total / weight):
            total += item[0] * value
            weight += item[0]
    return total / weight if weight else None


def _dimension_range(
    dimension: CompiledDimension, result: DimensionResult, values: Mapping[str, Any]
) -> tuple[float, float] | None:
    """The range of the dimension's score once any of its unknown metrics are learned (None: cannot be scored)."""
    fixed: list[Item] = []
    optional: list[Item] = []
    open_primary: list[Item] = []
    for metric_result in result.metrics:
        metric = metric_result.metric
        if metric_result.value is None:
            low, high = _metric_range(metric)
            item = (metric.spec.weight, low, high)
            optional.append(item)
            if metric.spec.primary:
                open_primary.append(item)
        elif metric_result.score is not None:
            fixed.append((metric.spec.weight, metric_result.score, metric_result.score))
    if result.score is not None:
        bounds: list[float | None] = [_best_mean(fixed, optional, high=False), _best_mean(fixed, optional, high=True)]
    else:
        # Scored only once a primary metric is known: try each as the one that is.
        lows: list[float] = []
        highs: list[float] = []
        for forced in open_primary:
            rest = [item for item in optional if item is not forced]
            low_mean = _best_mean([*fixed, forced], rest, high=False)
            high_mean = _best_mean([*fixed, forced], rest, high=True)
            if low_mean is not None and high_mean is not None:
                lows.append(low_mean)
                highs.append(high_mean)
        if not lows:
            return None
        bounds = [min(lows), max(highs)]
    if bounds[0] is None or bounds[1] is None:
        return None
    low, high = bounds[0], bounds[1]
    for cap in dimension.caps:
        unknown = any(values.get(name) is None for name in cap.condition.names)
        if unknown:
            low = min(low, cap.spec.max)  # it may come to apply
        elif cap.condition.evaluate(values, {}) is True:
            low, high = min(low, cap.spec.max), min(high, cap.spec.max)
    return min(100.0, max(0.0, low)), min(100.0, max(0.0, high))


def score_interval(pack: RulePack, values: Mapping[str, Any], scores: ScoreComputation) -> ScoreInterval | None:
    """The interval the overall score can take over every value the unknown indicators may have.

    Learning any unknown indicator's value never moves the score outside it
    (tests/test_properties.py).  None when the overall score is unknown.
    """
    if scores.overall is None:
        return None
    fixed: list[Item] = []
    optional: list[Item] = []
    open_names: set[str] = set()
    for result in scores.dimensions:
        dimension = result.dimension
        for metric_result in result.metrics:
            if metric_result.value is None:
                open_names.update(n for n in metric_result.metric.evaluate.names if values.get(n) is None)
        span = _dimension_range(dimension, result, values)
        if span is None:
            continue
        item = (dimension.spec.weight, span[0], span[1])
        (fixed if result.score is not None else optional).append(item)
    low = _best_mean(fixed, optional, high=False)
    high = _best_mean(fixed, optional, high=True)
    if low is None or high is None:
        return None
    low, high = min(low, scores.overall), max(high, scores.overall)
    return ScoreInterval(low, high, tuple(sorted(open_names)))
