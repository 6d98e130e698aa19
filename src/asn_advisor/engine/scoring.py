"""Scoring: indicator values to dimension scores, bands and an overall score.

All parameters (weights, metrics, points, caps, bands, scales) come from the
rule pack's ``scoring`` and ``dimensions`` sections; nothing is hard-coded
here.  See docs/scoring.md for the method and its sources.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from asn_advisor.engine.pack_cache import PackCache
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


def _interpolate(points: list[tuple[float, float]], value: float, xs: list[float] | None = None) -> float:
    if xs is None:
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


#: A compiled condition's closure (asn_advisor.condition's Evaluator).
Evaluator = Callable[[Mapping[str, Any], Mapping[str, int]], Any]


class _Metric(NamedTuple):
    """A metric as scoring reads it: its spec's fields, the range its score can take, the names it reads."""

    metric: CompiledMetric
    evaluator: Evaluator
    weight: float
    primary: bool
    mapped: bool
    points: list[tuple[float, float]] | None
    xs: list[float] | None  # the points' values
    low: float
    high: float
    names: tuple[str, ...]


class _Cap(NamedTuple):
    evaluator: Evaluator
    max: float
    when: str
    names: tuple[str, ...]


class _Dimension(NamedTuple):
    dimension: CompiledDimension
    weight: float
    metrics: tuple[_Metric, ...]
    caps: tuple[_Cap, ...]


def _metric(metric: CompiledMetric) -> _Metric:
    spec = metric.spec
    low, high = _metric_range(metric)
    xs = None if spec.points is None else [x for x, _ in spec.points]
    names = tuple(metric.evaluate.names)
    mapped = spec.map is not None
    return _Metric(
        metric, metric.evaluate.evaluator, spec.weight, spec.primary, mapped, spec.points, xs, low, high, names
    )


def _caps(dimension: CompiledDimension) -> tuple[_Cap, ...]:
    return tuple(
        _Cap(cap.condition.evaluator, cap.spec.max, cap.spec.when, tuple(cap.condition.names)) for cap in dimension.caps
    )


class _Plan:
    """The pack's dimensions in the shape scoring reads them, sorted by id; built once per pack."""

    __slots__ = ("by_id", "dimensions")

    def __init__(self, pack: RulePack) -> None:
        self.dimensions = tuple(
            _Dimension(
                dimension,
                dimension.spec.weight,
                tuple(_metric(metric) for metric in dimension.metrics),
                _caps(dimension),
            )
            for dimension in (pack.dimensions[dim_id] for dim_id in sorted(pack.dimensions))
        )
        self.by_id = {plan.dimension.id: plan for plan in self.dimensions}


_PLANS: PackCache[_Plan] = PackCache(_Plan, lambda pack: (pack.dimensions,))


# MetricResult(...) with every field given, without the named tuple's own constructor (a Python function).
_new = tuple.__new__

#: Metric expressions and caps read indicators only, never findings.
_NO_FINDINGS: dict[str, int] = {}


def _score(metric: _Metric, value: Any) -> float | None:
    """:func:`metric_score` of a known value, with the points' values prepared."""
    if metric.mapped:
        return metric_score(metric.metric, value)
    if isinstance(value, bool):
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    if metric.points is not None:
        number = _interpolate(metric.points, number, metric.xs)
    return min(100.0, max(0.0, number))


def compute_scores(pack: RulePack, values: Mapping[str, Any]) -> ScoreComputation:
    """Score every dimension of ``pack`` from normalized indicator ``values``."""
    results: list[DimensionResult] = []
    scored_weight = 0.0
    weighted_sum = 0.0
    for dimension, dim_weight, metrics, caps in _PLANS.get(pack).dimensions:
        metric_results: list[MetricResult] = []
        total = weight = 0.0
        primary_known = False
        for metric in metrics:
            value = metric.evaluator(values, _NO_FINDINGS)
            score = None if value is None else _score(metric, value)
            metric_results.append(_new(MetricResult, (metric.metric, value, score)))
            if score is not None:
                total += metric.weight * score
                weight += metric.weight
                primary_known = primary_known or metric.primary
        score_value: float | None = None
        applied: list[str] = []
        if primary_known and weight > 0:
            score_value = total / weight
            for cap in caps:
                if cap.evaluator(values, _NO_FINDINGS) and score_value > cap.max:
                    score_value = cap.max
                    applied.append(cap.when)
            score_value = min(100.0, max(0.0, score_value))
            scored_weight += dim_weight
            weighted_sum += dim_weight * score_value
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
_PICK = {1: itemgetter(1), 2: itemgetter(2)}


def _best_mean(fixed: list[Item], optional: list[Item], *, high: bool) -> float | None:
    """The highest (or lowest) weighted mean of ``fixed`` plus any subset of ``optional``.

    Each item is taken at its highest (lowest) score; an optional item belongs
    to the best subset exactly when its score beats the mean of the better
    ones, so trying them best first finds it.
    """
    pick = 2 if high else 1
    total = sum([item[0] * item[pick] for item in fixed])
    return _best_added(total, sum([item[0] for item in fixed]), optional, high=high)


def _best_added(total: float, weight: float, optional: list[Item], *, high: bool) -> float | None:
    """:func:`_best_mean` given the weighted sum and the weight of the fixed items."""
    if not optional:
        return total / weight if weight else None
    pick = 2 if high else 1
    for item in sorted(optional, key=_PICK[pick], reverse=high):
        value = item[pick]
        if weight == 0 or (value > total / weight if high else value < total / weight):
            total += item[0] * value
            weight += item[0]
    return total / weight if weight else None


def _dimension_range(
    plan: _Dimension, result: DimensionResult, values: Mapping[str, Any]
) -> tuple[float, float] | None:
    """The range of the dimension's score once any of its unknown metrics are learned (None: cannot be scored)."""
    fixed: list[Item] = []
    optional: list[Item] = []
    open_primary: list[Item] = []
    for metric, metric_result in zip(plan.metrics, result.metrics, strict=True):
        if metric_result.value is None:
            item = (metric.weight, metric.low, metric.high)
            optional.append(item)
            if metric.primary:
                open_primary.append(item)
        elif metric_result.score is not None:
            fixed.append((metric.weight, metric_result.score, metric_result.score))
    if result.score is not None:
        # A known metric has one score, its lowest and highest: the fixed sums serve both bounds.
        total, weight = sum([item[0] * item[1] for item in fixed]), sum([item[0] for item in fixed])
        bounds: list[float | None] = [
            _best_added(total, weight, optional, high=False),
            _best_added(total, weight, optional, high=True),
        ]
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
    for cap in plan.caps:
        for name in cap.names:
            if values.get(name) is None:
                low = min(low, cap.max)  # it may come to apply
                break
        else:
            if cap.evaluator(values, _NO_FINDINGS):
                low, high = min(low, cap.max), min(high, cap.max)
    return min(100.0, max(0.0, low)), min(100.0, max(0.0, high))


def score_interval(
    pack: RulePack, values: Mapping[str, Any], scores: ScoreComputation, *, names: bool = True
) -> ScoreInterval | None:
    """The interval the overall score can take over every value the unknown indicators may have.

    Learning any unknown indicator's value never moves the score outside it
    (tests/test_properties.py).  None when the overall score is unknown.
    ``names=False`` leaves ``open_indicators`` empty (the summary does not show them).
    """
    if scores.overall is None:
        return None
    fixed: list[Item] = []
    optional: list[Item] = []
    open_names: set[str] = set()
    by_id = _PLANS.get(pack).by_id
    for result in scores.dimensions:
        plan = by_id[result.dimension.id]
        if names:
            for metric, metric_result in zip(plan.metrics, result.metrics, strict=True):
                if metric_result.value is None:
                    open_names.update([n for n in metric.names if values.get(n) is None])
        span = _dimension_range(plan, result, values)
        if span is None:
            continue
        item = (plan.weight, span[0], span[1])
        (fixed if result.score is not None else optional).append(item)
    low = _best_mean(fixed, optional, high=False)
    high = _best_mean(fixed, optional, high=True)
    if low is None or high is None:
        return None
    low, high = min(low, scores.overall), max(high, scores.overall)
    return ScoreInterval(low, high, tuple(sorted(open_names)))
