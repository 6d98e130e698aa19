"""A recommendation's priority, term by term, and the rounding every figure of the advice uses.

Terms are plain tuples (:class:`Term`); the engine turns them into
:class:`~asn_advisor.model.PriorityTerm` models once, when it builds the
advice (:mod:`.building`), and the lean summary never does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.pack_cache import PackCache
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


#: A finding at one severity, whatever the profile: (severity, severity factor,
#: dimension or None, dimension share rounded, 100 x factor x share).
_Fixed = tuple[str, float, str | None, float, float]
#: What a term owes to its finding: its fields but weight and contribution, and 100 x factor x share x gap_term.
_Base = tuple[tuple[str, float, str | None, float, float | None, float], float]


# Term(*fields) with every field given, at two thirds of the cost of the named tuple's own constructor.
_new = tuple.__new__


class _PackTerms:
    """The part of each finding's terms that follows from the pack alone, for every severity."""

    __slots__ = ("fixed", "gap_floor", "proposal", "unknown_gap")

    def __init__(self, pack: RulePack) -> None:
        params = pack.scoring.priority
        self.gap_floor = params.gap_floor
        self.unknown_gap = params.unknown_gap
        self.proposal = proposal_term(pack)
        self.fixed: dict[tuple[str, int], _Fixed] = {}
        for finding_id, spec in pack.findings.items():
            dimension = pack.dimensions.get(spec.dimension)
            share = dimension.spec.weight / (pack.total_weight or 1.0) if dimension else 0.0
            for rank, severity in RANK_SEVERITY.items():
                factor = pack.scoring.severity_factors.get(severity, 1.0)  # type: ignore[call-overload]
                self.fixed[finding_id, rank] = (
                    severity,
                    factor,
                    spec.dimension if dimension else None,
                    rounded(share, 4) or 0.0,
                    100.0 * factor * share,
                )


_PACK_TERMS: PackCache[_PackTerms] = PackCache(_PackTerms, lambda pack: (pack.findings, pack.dimensions, pack.scoring))


class TermTable:
    """The priority terms of one profile: what a term owes to its finding is computed once per finding.

    A term is::

        100 x severity_factor x dimension_share x gap_term x rule_weight

    where ``dimension_share`` is the finding's dimension weight over the total
    weight and ``gap_term = gap_floor + (1 - gap_floor) x gap`` with
    ``gap = (100 - dimension score) / 100`` (``unknown_gap`` when the
    dimension has no score).  The priority is the sum of the terms.
    """

    __slots__ = ("_base", "_findings", "_gaps", "_pack", "_scores")

    def __init__(self, pack: RulePack, findings: Mapping[str, int], scores: Mapping[str, float | None]) -> None:
        self._pack = _PACK_TERMS.get(pack)
        self._findings = findings
        self._scores = scores
        self._base: dict[str, _Base] = {}
        self._gaps: dict[str | None, tuple[float | None, float, float]] = {}  # dimension -> its score, gap term

    def _gap(self, dimension: str | None) -> tuple[float | None, float, float]:
        pack = self._pack
        dim_score = None if dimension is None else self._scores[dimension]
        gap = pack.unknown_gap if dim_score is None else (100.0 - dim_score) / 100.0
        gap_term = pack.gap_floor + (1.0 - pack.gap_floor) * gap
        found = self._gaps[dimension] = (rounded(dim_score), rounded(gap_term, 4) or 0.0, gap_term)
        return found

    def _of(self, finding_id: str) -> _Base:
        severity, factor, dimension, share, partial = self._pack.fixed[finding_id, self._findings[finding_id]]
        gap = self._gaps.get(dimension) or self._gap(dimension)
        entry = self._base[finding_id] = ((severity, factor, dimension, share, gap[0], gap[1]), partial * gap[2])
        return entry

    @property
    def proposal(self) -> Term:
        """:func:`proposal_term` of the pack."""
        return self._pack.proposal

    # round(x, 4) + 0.0 below is rounded(x, 4) or 0.0 without the call: it runs for every term.

    def terms(self, addressed: Mapping[str, float], order: Iterable[str]) -> list[Term]:
        """One term per finding of ``addressed`` (finding -> the largest weight of the rules that link it).

        ``order`` is ``sorted(addressed)``, which the caller has already.
        """
        out = []
        base = self._base
        for finding_id in order:
            fields, partial = base.get(finding_id) or self._of(finding_id)
            weight = addressed[finding_id]
            contribution = round(partial * weight, 4) + 0.0
            out.append(_new(Term, (finding_id, *fields, float(weight), contribution, "finding", ())))
        return out

    def contributions(self, addressed: Mapping[str, float], order: Iterable[str]) -> tuple[float, ...]:
        """The contributions of :meth:`terms`, without the terms (what ranking needs)."""
        base = self._base
        out = []
        for finding_id in order:
            out.append(round((base.get(finding_id) or self._of(finding_id))[1] * addressed[finding_id], 4) + 0.0)
        return tuple(out)

    def root_terms(self, effects: Mapping[str, list[str]], weight: float) -> list[Term]:
        """The root-cause terms: one per effect, with the pack's ``root_cause_weight``, ``via`` its causes."""
        out = []
        base = self._base
        for finding_id in sorted(effects):
            fields, partial = base.get(finding_id) or self._of(finding_id)
            contribution = round(partial * weight, 4) + 0.0
            via = tuple(effects[finding_id])
            out.append(_new(Term, (finding_id, *fields, float(weight), contribution, "root_cause", via)))
        return out
