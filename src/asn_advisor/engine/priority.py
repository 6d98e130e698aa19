"""A recommendation's priority, term by term, and the rounding every figure of the advice uses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.scoring import ScoreComputation
from asn_advisor.model import PriorityTerm
from asn_advisor.pack import RulePack

__all__ = ["RANK_SEVERITY", "plain", "priority_terms", "rounded"]

RANK_SEVERITY = {rank: name for name, rank in SEVERITY_RANK.items()}


def rounded(value: float | None, digits: int = 2) -> float | None:
    if value is None:
        return None
    rounded = round(value, digits)
    return rounded + 0.0  # normalizes -0.0


def plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return rounded(value, 4)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in sorted(value.items())}
    return value


def priority_terms(
    pack: RulePack,
    addressed: Mapping[str, float],
    findings: Mapping[str, int],
    scores: ScoreComputation,
) -> list[PriorityTerm]:
    """The terms of a recommendation's priority, one per finding it addresses.

    ``addressed`` maps each present finding to the largest weight among the
    fired rules that link the recommendation to it.  A term is::

        100 x severity_factor x dimension_share x gap_term x rule_weight

    where ``dimension_share`` is the finding's dimension weight over the total
    weight and ``gap_term = gap_floor + (1 - gap_floor) x gap`` with
    ``gap = (100 - dimension score) / 100`` (``unknown_gap`` when the
    dimension has no score).  The priority is the sum of the terms.
    """
    params = pack.scoring.priority
    factors = pack.scoring.severity_factors
    by_dimension = scores.by_id()
    total_weight = pack.total_weight or 1.0
    terms: list[PriorityTerm] = []
    for finding_id in sorted(addressed):
        severity = RANK_SEVERITY[findings[finding_id]]
        spec = pack.findings[finding_id]
        dimension = pack.dimensions.get(spec.dimension)
        share = dimension.spec.weight / total_weight if dimension else 0.0
        dim_score = by_dimension[spec.dimension].score if dimension else None
        gap = params.unknown_gap if dim_score is None else (100.0 - dim_score) / 100.0
        gap_term = params.gap_floor + (1.0 - params.gap_floor) * gap
        weight = addressed[finding_id]
        factor = factors.get(severity, 1.0)  # type: ignore[call-overload]
        contribution = 100.0 * factor * share * gap_term * weight
        terms.append(
            PriorityTerm(
                finding=finding_id,
                severity=severity,
                severity_factor=factor,
                dimension=spec.dimension if dimension else None,
                dimension_share=rounded(share, 4) or 0.0,
                dimension_score=rounded(dim_score),
                gap_term=rounded(gap_term, 4) or 0.0,
                rule_weight=weight,
                contribution=rounded(contribution, 4) or 0.0,
            )
        )
    return terms
