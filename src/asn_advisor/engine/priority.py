"""A recommendation's priority, term by term, and the rounding every figure of the advice uses.

Terms are plain tuples (:class:`Term`); the engine turns them into
:class:`~asn_advisor.model.PriorityTerm` models once, when it builds the
advice (:mod:`.building`), and the lean summary never does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.pack import RulePack

__all__ = ["RANK_SEVERITY", "Term", "TermTable", "plain", "proposal_term", "rounded"]

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


class Term(NamedTuple):
    """One term of a priority, the fields of :class:`~asn_advisor.model.PriorityTerm` in its order."""

    finding: str
    severity: str
    severity_factor: float
    dimension: str | None
    dimension_share: float
    dimension_score: float | None
    gap_term: float
    rule_weight: float
    contribution: float
    kind: str = "finding"
    via: tuple[str, ...] = ()


def proposal_term(pack: RulePack) -> Term:
    """The term of a recommendation the evaluation itself proposes: the pack's ``report_proposal`` points."""
    points = pack.scoring.priority.report_proposal
    return Term("", "medium", 1.0, None, 0.0, None, 1.0, 1.0, rounded(points, 4) or 0.0, "report_proposal")


class TermTable:
    """The priority terms of one profile: what a term owes to its finding is computed once per finding.

    A term is::

        100 x severity_factor x dimension_share x gap_term x rule_weight

    where ``dimension_share`` is the finding's dimension weight over the total
    weight and ``gap_term = gap_floor + (1 - gap_floor) x gap`` with
    ``gap = (100 - dimension score) / 100`` (``unknown_gap`` when the
    dimension has no score).  The priority is the sum of the terms.
    """

    __slots__ = ("_base", "_findings", "_pack", "_scores")

    def __init__(self, pack: RulePack, findings: Mapping[str, int], scores: Mapping[str, float | None]) -> None:
        self._pack = pack
        self._findings = findings
        self._scores = scores
        # finding -> (the term's fields but weight and contribution, 100 x factor x share x gap_term)
        self._base: dict[str, tuple[tuple[str, float, str | None, float, float | None, float], float]] = {}

    def _of(self, finding_id: str) -> tuple[tuple[str, float, str | None, float, float | None, float], float]:
        pack = self._pack
        params = pack.scoring.priority
        severity = RANK_SEVERITY[self._findings[finding_id]]
        spec = pack.findings[finding_id]
        dimension = pack.dimensions.get(spec.dimension)
        share = dimension.spec.weight / (pack.total_weight or 1.0) if dimension else 0.0
        dim_score = self._scores[spec.dimension] if dimension else None
        gap = params.unknown_gap if dim_score is None else (100.0 - dim_score) / 100.0
        gap_term = params.gap_floor + (1.0 - params.gap_floor) * gap
        factor = pack.scoring.severity_factors.get(severity, 1.0)  # type: ignore[call-overload]
        fields = (
            severity,
            factor,
            spec.dimension if dimension else None,
            rounded(share, 4) or 0.0,
            rounded(dim_score),
            rounded(gap_term, 4) or 0.0,
        )
        entry = self._base[finding_id] = (fields, 100.0 * factor * share * gap_term)
        return entry

    def terms(self, addressed: Mapping[str, float]) -> list[Term]:
        """One term per finding of ``addressed`` (finding -> the largest weight of the rules that link it), sorted."""
        out = []
        base = self._base
        for finding_id in sorted(addressed):
            entry = base.get(finding_id) or self._of(finding_id)
            fields, partial = entry
            weight = addressed[finding_id]
            contribution = rounded(partial * weight, 4) or 0.0
            out.append(Term(finding_id, *fields, float(weight), contribution))
        return out

    def contributions(self, addressed: Mapping[str, float]) -> tuple[float, ...]:
        """The contributions of :meth:`terms`, without the terms (what ranking needs)."""
        base = self._base
        out = []
        for finding_id in sorted(addressed):
            entry = base.get(finding_id) or self._of(finding_id)
            out.append(rounded(entry[1] * addressed[finding_id], 4) or 0.0)
        return tuple(out)

    def root_terms(self, effects: Mapping[str, list[str]], weight: float) -> list[Term]:
        """The root-cause terms: one per effect, with the pack's ``root_cause_weight``, ``via`` its causes."""
        out = []
        base = self._base
        for finding_id in sorted(effects):
            fields, partial = base.get(finding_id) or self._of(finding_id)
            contribution = rounded(partial * weight, 4) or 0.0
            out.append(Term(finding_id, *fields, float(weight), contribution, "root_cause", tuple(effects[finding_id])))
        return out
