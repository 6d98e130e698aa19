"""Whether recommendations worked: the change that followed them where they were carried out and where not."""

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from asn_advisor.store.models import EffectReport, GroupEffect, RecommendationEffect
from asn_advisor.store.snapshots import Snapshot, mean, rounded

__all__ = ["MIN_PROGRAMS", "compute_effect"]


# No figure of `effect` rests on fewer programs than this, per group.  Two
# programs are anecdotes: one office that improved for other reasons would
# decide the figure.  Three is the least that still lets a small province
# (a handful of programs) see something; raise it with --min-programs.
MIN_PROGRAMS = 3


@dataclass
class _Observation:
    resolved: float | None
    dimension_change: float | None


def compute_effect(
    series: dict[str, list[Snapshot]],
    statuses: Mapping[tuple[str, str, str], str],
    *,
    min_programs: int = MIN_PROGRAMS,
    only: set[str] | None = None,
) -> EffectReport:
    """The effect table from each program's period snapshots and the recorded statuses.

    See :meth:`HistoryStore.effect`.
    """
    # observations[rec][group][program] -> list of per-pair observations
    observations: dict[str, dict[str, dict[str, list[_Observation]]]] = defaultdict(
        lambda: {"done": defaultdict(list), "not_done": defaultdict(list)}
    )
    unrecorded: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    with_pairs = 0
    for program_id in sorted(series):
        snaps = series[program_id]
        if len(snaps) >= 2:
            with_pairs += 1
        for before, after in itertools.pairwise(snaps):
            for rec_id, _rank, _priority, addresses in before.recommendations:
                if only is not None and rec_id not in only:
                    continue
                status = statuses.get((program_id, before.record.period, rec_id))
                group = "done" if status == "done" else "not_done"
                if status is None:
                    unrecorded[rec_id].add(program_id)
                targeted = sorted({f for f in addresses if f in before.findings})
                dims = sorted({d for f in targeted if (d := before.findings[f][1]) is not None})
                target_findings, target_dims = targets[rec_id]
                target_findings.update(targeted)
                target_dims.update(dims)
                resolved = sum(1 for f in targeted if f not in after.findings) / len(targeted) if targeted else None
                diffs = [
                    after_score - before_score
                    for d in dims
                    if (before_score := before.dimensions.get(d, (None, None))[0]) is not None
                    and (after_score := after.dimensions.get(d, (None, None))[0]) is not None
                ]
                observations[rec_id][group][program_id].append(_Observation(resolved, mean(diffs)))

    results = []
    for rec_id in sorted(observations):
        groups = {name: _group(observations[rec_id][name], min_programs) for name in ("done", "not_done")}
        done, not_done = groups["done"], groups["not_done"]
        not_done_programs = set(not_done.programs)
        results.append(
            RecommendationEffect(
                recommendation=rec_id,
                target_findings=sorted(targets[rec_id][0]),
                target_dimensions=sorted(targets[rec_id][1]),
                done=done,
                not_done=not_done,
                unrecorded=len(unrecorded[rec_id] & not_done_programs),
                resolved_difference=rounded(done.findings_resolved - not_done.findings_resolved, 4)
                if done.findings_resolved is not None and not_done.findings_resolved is not None
                else None,
                dimension_difference=rounded(done.dimension_change - not_done.dimension_change)
                if done.dimension_change is not None and not_done.dimension_change is not None
                else None,
            )
        )
    return EffectReport(min_programs=min_programs, programs=with_pairs, recommendations=results)


def _group(by_program: dict[str, list[_Observation]], min_programs: int) -> GroupEffect:
    resolved_per_program = [
        m for obs in by_program.values() if (m := mean(o.resolved for o in obs if o.resolved is not None)) is not None
    ]
    change_per_program = [
        m
        for obs in by_program.values()
        if (m := mean(o.dimension_change for o in obs if o.dimension_change is not None)) is not None
    ]
    resolved = mean(resolved_per_program) if len(resolved_per_program) >= min_programs else None
    change = mean(change_per_program) if len(change_per_program) >= min_programs else None
    return GroupEffect(
        programs=sorted(by_program),
        pairs=sum(len(obs) for obs in by_program.values()),
        findings_resolved=rounded(resolved, 4),
        findings_programs=len(resolved_per_program),
        dimension_change=rounded(change),
        dimension_programs=len(change_per_program),
    )
