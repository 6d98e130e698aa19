"""Expected gain: how much the overall score would rise if a step's findings were resolved."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from asn_advisor.engine.plan_index import pack_index
from asn_advisor.engine.scoring import ScoreComputation
from asn_advisor.pack import RulePack

__all__ = ["GainModel", "dimension_scores", "expected_gain"]


def dimension_scores(scores: ScoreComputation) -> dict[str, float | None]:
    return {d.dimension.id: d.score for d in scores.dimensions}


def expected_gain(
    pack: RulePack,
    scores: ScoreComputation,
    findings_rank: Mapping[str, int],
    resolved: Iterable[str],
) -> tuple[float | None, list[str]]:
    """The expected rise of the overall score if ``resolved`` findings were resolved.

    Each scored dimension's shortfall ``100 - score`` is shared among its
    present findings in proportion to their severity factors; the resolved
    ones recover their share: ``score' = score + (100 - score) x resolved
    factors / all factors``.  The gain is the overall score recomputed with
    ``score'`` (same weights, same scored dimensions) minus the overall score.

    Args:
        pack: the rule pack.
        scores: the profile's score computation.
        findings_rank: present findings and their severity ranks (1..3).
        resolved: the findings assumed resolved (absent ones are ignored).

    Returns:
        ``(gain, unscored)``: the gain in points, rounded to 2 decimals, or
        ``None`` when there is no overall score; and the sorted dimensions of
        resolved findings that have no score (their part is unknown).
    """
    return GainModel.of(pack, dimension_scores(scores), scores.overall is not None, findings_rank).gain(
        sorted(set(resolved))
    )


@dataclasses.dataclass(slots=True)
class GainModel:
    """What :func:`expected_gain` needs of one profile, computed once for all its steps.

    The rise is linear in the resolved findings: a dimension recovers
    ``(100 - score) x factor / mass`` per resolved finding (``mass``: the sum
    of the factors of its present findings), so each present finding's part
    of the overall rise is computed once per profile.
    """

    overall_known: bool
    scored_weight: float
    rise: dict[str, float | str]  # present finding -> its part of the rise, or its unscored dimension

    @classmethod
    def of(
        cls, pack: RulePack, scores: Mapping[str, float | None], overall_known: bool, findings_rank: Mapping[str, int]
    ) -> GainModel:
        index = pack_index(pack)
        table, weights = index.factor, index.weights
        where: dict[str, tuple[str, float]] = {}
        mass: dict[str, float] = {}
        for fid in sorted(findings_rank):  # sorted: float sums must not depend on the hash seed
            entry = table.get((fid, findings_rank[fid]))
            if entry is not None:
                where[fid] = entry
                mass[entry[0]] = mass.get(entry[0], 0.0) + entry[1]
        scored_weight = sum(weights[d] for d, score in scores.items() if score is not None)
        rise: dict[str, float | str] = {}
        for fid, (dimension, factor) in where.items():
            score = scores[dimension]
            if score is None:
                rise[fid] = dimension
            else:
                total = mass[dimension]
                rise[fid] = weights[dimension] * (100.0 - score) * factor / total if total else 0.0
        return cls(overall_known, scored_weight, rise)

    def gain(self, resolved: Sequence[str]) -> tuple[float | None, list[str]]:
        """``resolved`` sorted and unique: float sums must not depend on the hash seed."""
        total = 0.0
        unscored: set[str] = set()
        found = False
        for fid in resolved:
            part = self.rise.get(fid)
            if part is None:
                continue
            found = True
            if type(part) is str:
                unscored.add(part)
            else:
                total += part  # type: ignore[operator]
        if not found:
            return (0.0 if self.overall_known else None), []
        listed = sorted(unscored) if unscored else []
        if not self.overall_known:
            return None, listed
        weight = self.scored_weight
        return round(total / weight if weight else 0.0, 2) + 0.0, listed
