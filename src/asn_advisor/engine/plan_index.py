"""The pack's relations in the shape the plan reads them, built once per pack.

What follows from the pack alone -- each recommendation's phase, whether it is
a quick win, its prerequisites and their closure, conflicts, severity factors
-- is computed once per pack digest and shared by every profile.
"""

from __future__ import annotations

import dataclasses

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.pack_cache import PackCache
from asn_advisor.i18n import LANGS, t
from asn_advisor.pack import RulePack, prerequisite_closure

__all__ = ["Fixed", "PackIndex", "pack_index"]

_GRADE = {"low": 0, "short": 0, "medium": 1, "high": 2, "long": 2}


@dataclasses.dataclass(frozen=True, slots=True)
class Fixed:
    """What the plan says of a recommendation whatever the profile: it follows from the pack alone."""

    effort: str
    time_to_impact: str
    requires: tuple[str, ...]  # sorted
    phase: int  # one after its latest prerequisite; the loader rejects cycles (E122)
    quick_win: bool
    after: dict[str, str]  # lang -> "phase N: after its prerequisites ..." ('' without prerequisites)
    quick_win_text: dict[str, str]  # lang -> the quick-win sentence ('' when not a quick win)


@dataclasses.dataclass(frozen=True)
class PackIndex:
    """The pack's relations in the shape the plan reads them, built once per pack."""

    causes: dict[str, tuple[str, ...]]
    requires: dict[str, tuple[str, ...]]
    closure: dict[str, tuple[str, ...]]
    supports: dict[str, tuple[str, ...]]
    conflicts: dict[frozenset[str], tuple[str, str]]  # pair -> (written on, names)
    rivals: dict[str, frozenset[str]]  # recommendation -> those it conflicts with (either side wrote it)
    fixed: dict[str, Fixed]
    factor: dict[tuple[str, int], tuple[str, float]]  # (finding, severity rank) -> (dimension, severity factor)
    weights: dict[str, float]  # dimension -> weight

    @classmethod
    def of(cls, pack: RulePack) -> PackIndex:
        recs = pack.recommendations
        requires = {rid: tuple(p for p in spec.related("requires") if p in recs) for rid, spec in recs.items()}
        conflicts: dict[frozenset[str], tuple[str, str]] = {}
        for rid, spec in sorted(recs.items()):
            for other in spec.related("conflicts_with"):
                if other in recs and other != rid:
                    conflicts.setdefault(frozenset((rid, other)), (rid, other))
        phase: dict[str, int] = {}

        def phase_of(rid: str) -> int:
            if rid not in phase:
                phase[rid] = 1 + max((phase_of(p) for p in requires[rid]), default=0)
            return phase[rid]

        max_ease = pack.scoring.plan.quick_win_max_ease
        factors = pack.scoring.severity_factors
        fixed = {}
        for rid, spec in recs.items():
            needs = tuple(sorted(requires[rid]))
            quick = _GRADE[spec.effort] + _GRADE[spec.time_to_impact] <= max_ease
            fixed[rid] = Fixed(
                spec.effort,
                spec.time_to_impact,
                needs,
                phase_of(rid),
                quick,
                {
                    lang: t("plan.after", lang, phase=phase_of(rid), steps=", ".join(needs)) if needs else ""
                    for lang in LANGS
                },
                {
                    lang: t(
                        "plan.quick_win",
                        lang,
                        effort=t("effort." + spec.effort, lang),
                        time=t("impact." + spec.time_to_impact, lang),
                    )
                    if quick
                    else ""
                    for lang in LANGS
                },
            )
        return cls(
            causes={fid: tuple(c for c in spec.cause_ids if c in pack.findings) for fid, spec in pack.findings.items()},
            requires=requires,
            closure={rid: tuple(prerequisite_closure(requires, rid)) for rid in recs},
            supports={rid: tuple(spec.related("supports")) for rid, spec in recs.items()},
            conflicts=conflicts,
            rivals={
                rid: frozenset(other for pair in conflicts if rid in pair for other in pair if other != rid)
                for rid in recs
            },
            fixed=fixed,
            factor={
                (fid, rank): (spec.dimension, factors.get(severity, 1.0))  # type: ignore[call-overload]
                for fid, spec in pack.findings.items()
                if spec.dimension in pack.dimensions
                for severity, rank in SEVERITY_RANK.items()
            },
            weights={d: dim.spec.weight for d, dim in pack.dimensions.items()},
        )


# Equal digests mean equal relations: what_if's pack copy differs only in its derivation rules.
_INDEXES: PackCache[PackIndex] = PackCache(PackIndex.of)


def pack_index(pack: RulePack) -> PackIndex:
    return _INDEXES.get(pack)
