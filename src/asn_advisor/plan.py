"""From ranked recommendations to a plan: root causes, prerequisites, conflicts, phases.

:func:`build_plan` is the last step of :func:`asn_advisor.advise`.  In order:

1. **Root-cause bonus.**  Findings form a ``causes`` graph (``rules/temuan.yaml``).
   For a recommendation, its *effects* are the present findings reachable
   from a finding it addresses through ``causes`` edges whose every finding
   is present (a chain breaks at a finding the profile does not have).
   Each effect adds a ``root_cause`` term to ``priority_breakdown``, also
   when a rule links the recommendation to the effect directly: that term
   rewards the link to the symptom, this one acting on its cause::

       100 x severity_factor(effect) x dimension_share x gap_term x root_cause_weight

   the same formula as any term, with the pack's
   ``scoring.priority.root_cause_weight`` as the weight.  Terms are never
   negative, so adding a cause never lowers a priority.
2. **Prerequisites and conflicts.**  Recommendations are taken strongest
   first (the engine's ranking key).  Each is planned together with every
   recommendation it ``requires``, directly or not; a prerequisite no rule
   recommended is added with ``added_as_prerequisite``.  When it or one of
   its prerequisites ``conflicts_with`` a step already planned, it is left
   out and listed under ``dropped`` with the reason: only the stronger stays.
3. **Phases.**  A step without prerequisites is in phase 1; otherwise in one
   phase after its latest prerequisite.  Within a phase quick wins come
   first (``effort`` + ``time_to_impact`` graded 0-2 each, at most
   ``scoring.plan.quick_win_max_ease``), then by priority or by expected gain.
4. **Expected gain** (:func:`expected_gain`): a dimension's shortfall
   ``100 - score`` is shared among its present findings in proportion to
   their severity factors; resolving findings recovers their share, and the
   gain is the resulting rise of the overall score.  Where a dimension has no
   score its part is unknown (never zero) and named in
   ``expected_gain_unscored``; with no overall score the gain is null.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .advice import Advice, DroppedRecommendation, Recommendation, RelationReference
from .condition import SEVERITY_RANK, suggest
from .errors import AdvisorError
from .graph import prerequisite_closure
from .i18n import t
from .profile import Profile, normalize_indicators, profile_from_mapping
from .rulepack import RulePack
from .scoring import ScoreComputation, compute_scores

__all__ = [
    "ORDERS",
    "WhatIf",
    "build_plan",
    "expected_gain",
    "order_roadmap",
    "reorder",
    "what_if",
]

Order = Literal["priority", "gain"]
ORDERS: tuple[Order, ...] = ("priority", "gain")
_GRADE = {"low": 0, "short": 0, "medium": 1, "high": 2, "long": 2}
_RANK_SEVERITY = {rank: name for name, rank in SEVERITY_RANK.items()}


@dataclasses.dataclass(frozen=True)
class _PackIndex:
    """The pack's relations in the shape the plan reads them, built once per pack."""

    causes: dict[str, tuple[str, ...]]
    requires: dict[str, tuple[str, ...]]
    closure: dict[str, tuple[str, ...]]
    supports: dict[str, tuple[str, ...]]
    conflicts: dict[frozenset[str], tuple[str, str]]  # pair -> (written on, names)

    @classmethod
    def of(cls, pack: RulePack) -> _PackIndex:
        recs = pack.recommendations
        requires = {rid: tuple(p for p in spec.related("requires") if p in recs) for rid, spec in recs.items()}
        conflicts: dict[frozenset[str], tuple[str, str]] = {}
        for rid, spec in sorted(recs.items()):
            for other in spec.related("conflicts_with"):
                if other in recs and other != rid:
                    conflicts.setdefault(frozenset((rid, other)), (rid, other))
        return cls(
            causes={fid: tuple(c for c in spec.cause_ids if c in pack.findings) for fid, spec in pack.findings.items()},
            requires=requires,
            closure={rid: tuple(prerequisite_closure(requires, rid)) for rid in recs},
            supports={rid: tuple(spec.related("supports")) for rid, spec in recs.items()},
            conflicts=conflicts,
        )


# Packs are looked up by digest: equal digests mean equal files, hence equal
# relations (what_if's pack copy differs only in its derivation rules).
_INDEXES: dict[str, _PackIndex] = {}


def _index(pack: RulePack) -> _PackIndex:
    index = _INDEXES.get(pack.digest)
    if index is None:
        if len(_INDEXES) >= 32:
            _INDEXES.clear()
        index = _INDEXES[pack.digest] = _PackIndex.of(pack)
    return index


def _ease(rec: Recommendation) -> int:
    return _GRADE[rec.effort] + _GRADE[rec.time_to_impact]


def _sort_key(rec: Recommendation, findings_rank: Mapping[str, int]) -> tuple[float, int, int, str]:
    # The engine's ranking key: priority, most severe finding, breadth, id.
    top = max((findings_rank.get(f, 0) for f in rec.addresses), default=0)
    return (-rec.priority, -top, -len(rec.addresses), rec.id)


def _effects(causes: Mapping[str, tuple[str, ...]], present: set[str], addressed: Iterable[str]) -> dict[str, list[str]]:
    """Present findings caused, through present findings only, by ``addressed``; effect -> causes addressed."""
    found: dict[str, set[str]] = {}
    for start in addressed:
        stack = [c for c in causes.get(start, ()) if c in present]
        seen: set[str] = set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            found.setdefault(current, set()).add(start)
            stack.extend(c for c in causes.get(current, ()) if c in present)
    if not found:
        return {}
    return {e: sorted(v) for e, v in sorted(found.items())}


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
    return _GainModel.of(pack, scores, findings_rank).gain(resolved)


@dataclasses.dataclass(frozen=True)
class _GainModel:
    """What :func:`expected_gain` needs of one profile, computed once for all its steps."""

    scores: ScoreComputation
    where: dict[str, tuple[str, float]]  # present finding -> (dimension, severity factor)
    mass: dict[str, float]  # dimension -> sum of the factors of its present findings

    @classmethod
    def of(cls, pack: RulePack, scores: ScoreComputation, findings_rank: Mapping[str, int]) -> _GainModel:
        factors = pack.scoring.severity_factors
        dimensions = {d.dimension.id for d in scores.dimensions}
        where: dict[str, tuple[str, float]] = {}
        mass: dict[str, float] = {}
        for fid, rank in findings_rank.items():
            spec = pack.findings.get(fid)
            if spec is None or spec.dimension not in dimensions:
                continue
            factor = factors.get(_RANK_SEVERITY[rank], 1.0)  # type: ignore[call-overload]
            where[fid] = (spec.dimension, factor)
            mass[spec.dimension] = mass.get(spec.dimension, 0.0) + factor
        return cls(scores, where, mass)

    def gain(self, resolved: Iterable[str]) -> tuple[float | None, list[str]]:
        recovered: dict[str, float] = {}
        for fid in set(resolved):
            if fid in self.where:
                dimension, factor = self.where[fid]
                recovered[dimension] = recovered.get(dimension, 0.0) + factor
        if not recovered:
            return (None if self.scores.overall is None else 0.0), []
        by_id = {d.dimension.id: d for d in self.scores.dimensions if d.dimension.id in recovered}
        unscored = sorted(d for d, result in by_id.items() if result.score is None)
        if self.scores.overall is None:
            return None, unscored
        # overall' - overall = sum over the recovering dimensions of
        # weight x (100 - score) x recovered / mass, over the scored weight.
        weight = sum(d.dimension.spec.weight for d in self.scores.dimensions if d.score is not None)
        rise = 0.0
        for dimension, result in by_id.items():
            if result.score is not None and self.mass.get(dimension):
                rise += result.dimension.spec.weight * (100.0 - result.score) * recovered[dimension] / self.mass[dimension]
        return round(rise / weight if weight else 0.0, 2) + 0.0, unscored


def order_roadmap(recommendations: Sequence[Recommendation], order: str = "priority") -> list[list[str]]:
    """The roadmap: phases of step ids, quick wins first, then by ``order``.

    Args:
        recommendations: planned steps with ``phase`` set.
        order: ``"priority"`` or ``"gain"`` (expected gain; unknown gains
            last), each with priority, then id, as tie-breakers.

    Returns:
        One list of ids per phase, phase 1 first.

    Raises:
        ValueError: an unknown order.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}; choose one of {', '.join(ORDERS)}")

    def key(rec: Recommendation) -> tuple[bool, float, float, str]:
        if order == "gain":
            value = rec.expected_gain if rec.expected_gain is not None else float("-inf")
        else:
            value = rec.priority
        return (not rec.quick_win, -value, -rec.priority, rec.id)

    phases: dict[int, list[Recommendation]] = {}
    for rec in recommendations:
        phases.setdefault(rec.phase or 1, []).append(rec)
    return [[r.id for r in sorted(phases[p], key=key)] for p in sorted(phases)]


def reorder(advice: Advice, order: str) -> Advice:
    """A copy of ``advice`` whose roadmap is ordered by ``order``.

    Args:
        advice: an advice with its plan.
        order: ``"priority"`` or ``"gain"`` (see :func:`order_roadmap`).

    Returns:
        A deep copy with ``roadmap`` and ``plan_order`` set; ``advice`` is unchanged.

    Raises:
        ValueError: an unknown order.
    """
    copy = advice.model_copy(deep=True)
    copy.roadmap = order_roadmap(copy.recommendations, order)
    copy.plan_order = order  # type: ignore[assignment]
    return copy


def _relation(pack: RulePack, relation: Literal["requires", "conflicts_with"], source: str, target: str) -> RelationReference:
    location = pack.relation_locations.get((relation, source, target))
    cited = next((r.source for r in getattr(pack.recommendations[source], relation) if r.id == target), None)
    return RelationReference(
        id=target if relation == "conflicts_with" else source,
        relation=relation,
        file=location.file if location else None,
        line=location.line if location else None,
        source=cited,
    )


def _conflict(pack: RulePack, index: _PackIndex, a: str, b: str) -> RelationReference | None:
    # conflicts_with is symmetric: written on either side, it binds both.
    written = index.conflicts.get(frozenset((a, b)))
    if written is None:
        return None
    reference = _relation(pack, "conflicts_with", *written)
    return reference.model_copy(update={"id": b})


def build_plan(advice: Advice, pack: RulePack, scores: ScoreComputation, *, order: str = "priority") -> Advice:
    """Turn an advice's ranked recommendations into a phased, conflict-free plan.

    See the module docstring for the method.  The advice's recommendations
    get their root-cause terms, ``phase``, ``quick_win``, relations, expected
    gain and explanation; prerequisites are added, conflicting ones moved to
    ``dropped``; ``roadmap`` lists the phases.

    Args:
        advice: the engine's advice (recommendations ranked by priority).
        pack: the rule pack it was made with.
        scores: the score computation behind ``advice.score``.
        order: ``"priority"`` or ``"gain"``: the order within a phase after
            quick wins.

    Returns:
        The same advice object, completed.
    """
    from .engine import priority_terms  # the engine imports this module

    lang = advice.lang
    index = _index(pack)
    findings_rank = {f.id: SEVERITY_RANK[f.severity] for f in advice.findings}
    present = set(findings_rank)
    weight = pack.scoring.priority.root_cause_weight

    # 1. Root-cause bonus (only findings that cause another present one can earn it).
    sources = {f for f in present if any(c in present for c in index.causes.get(f, ()))}
    for rec in advice.recommendations:
        if not sources.intersection(rec.addresses):
            continue
        effects = _effects(index.causes, present, rec.addresses)
        if not effects:
            continue
        terms = priority_terms(pack, dict.fromkeys(effects, weight), findings_rank, scores)
        for term in terms:
            term.kind = "root_cause"
            term.via = effects[term.finding]
        rec.priority_breakdown = [*rec.priority_breakdown, *terms]
        rec.priority = round(sum(term.contribution for term in rec.priority_breakdown), 3)
        rec.root_cause_of = sorted(effects)
        causes = sorted({c for via in effects.values() for c in via})
        rec.explanation.append(t("plan.root_cause", lang, effects=", ".join(sorted(effects)), causes=", ".join(causes)))
    advice.recommendations.sort(key=lambda r: _sort_key(r, findings_rank))

    # 2. Prerequisites and conflicts, strongest first.
    requires = index.requires
    planned: dict[str, Recommendation] = {}
    needed_by: dict[str, str] = {}  # prerequisite -> the step that first brought it in
    dropped: list[DroppedRecommendation] = []
    for rec in advice.recommendations:
        members = [rec.id, *index.closure[rec.id]]
        clash = None
        if index.conflicts:
            clash = next(
                ((m, k, ref) for m in members for k in sorted(planned) if k != m for ref in [_conflict(pack, index, m, k)] if ref is not None),
                None,
            )
        if clash is not None:
            member, kept, reference = clash
            owner = needed_by.get(kept)
            if member == rec.id:
                reason = t("plan.dropped", lang, kept=kept)
            else:
                reason = t("plan.dropped.through", lang, prerequisite=member, kept=kept)
            if owner is not None:
                reason += " " + t("plan.dropped.kept_for", lang, kept=kept, owner=owner)
            dropped.append(
                DroppedRecommendation(
                    id=rec.id,
                    title=rec.title,
                    priority=rec.priority,
                    addresses=rec.addresses,
                    conflicts_with=reference,
                    kept=kept,
                    through=None if member == rec.id else member,
                    reason=reason,
                )
            )
            continue
        if rec.id in planned:
            # Brought in earlier as a prerequisite; a rule recommends it too.
            needed_by.pop(rec.id, None)
        planned[rec.id] = rec
        for prerequisite in members[1:]:
            if prerequisite in planned:
                continue
            spec = pack.recommendations[prerequisite]
            planned[prerequisite] = Recommendation(
                rank=1,
                id=prerequisite,
                title=spec.label.get(lang),
                description=spec.description.get(lang) if spec.description else None,
                priority=0.0,
                addresses=[],
                because=[],
                priority_breakdown=[],
                effort=spec.effort,
                time_to_impact=spec.time_to_impact,
                added_as_prerequisite=True,
            )
            needed_by[prerequisite] = rec.id

    steps = sorted(planned.values(), key=lambda r: _sort_key(r, findings_rank))
    for position, step in enumerate(steps, start=1):
        step.rank = position

    # 3. Relations, phases, quick wins, expected gain, explanation.
    phase: dict[str, int] = {}

    def phase_of(rid: str) -> int:
        if rid not in phase:
            # Acyclic: the loader rejects cycles in requires (E122).
            phase[rid] = 1 + max((phase_of(p) for p in requires[rid]), default=0)
        return phase[rid]

    max_ease = pack.scoring.plan.quick_win_max_ease
    gains = _GainModel.of(pack, scores, findings_rank)
    dependents: dict[str, list[str]] = {}
    for other in sorted(planned):
        for prerequisite in requires[other]:
            dependents.setdefault(prerequisite, []).append(other)
    for step in steps:
        # Only values that differ from the defaults are assigned: pydantic's
        # attribute assignment is the plan's main cost per profile.
        if requires[step.id]:
            step.requires = sorted(requires[step.id])
        supports = sorted(s for s in index.supports[step.id] if s in planned)
        if supports:
            step.supports = supports
        if step.id in dependents:
            step.prerequisite_for = [_relation(pack, "requires", other, step.id) for other in dependents[step.id]]
        step.phase = phase_of(step.id)
        if _ease(step) <= max_ease:
            step.quick_win = True
        gain, unscored = gains.gain(step.addresses)
        if gain is not None:
            step.expected_gain = gain
        if unscored:
            step.expected_gain_unscored = unscored
        users = ", ".join(r.id for r in step.prerequisite_for)
        if step.added_as_prerequisite:
            step.explanation.append(t("plan.added_prerequisite", lang, steps=users))
        elif users:
            step.explanation.append(t("plan.prerequisite", lang, steps=users))
        if step.requires:
            step.explanation.append(t("plan.after", lang, phase=step.phase, steps=", ".join(step.requires)))
        if step.quick_win:
            step.explanation.append(t("plan.quick_win", lang, effort=t("effort." + step.effort, lang), time=t("impact." + step.time_to_impact, lang)))

    advice.recommendations = steps
    advice.dropped = sorted(dropped, key=lambda d: (-d.priority, d.id))
    advice.plan_order = order  # type: ignore[assignment]
    advice.roadmap = order_roadmap(steps, order)
    return advice


# ---------------------------------------------------------------- what if


class WhatIfScore(BaseModel):
    """The overall score before, after the indicator changes, and expected after resolving findings."""

    model_config = ConfigDict(extra="forbid")

    before: float | None
    after: float | None = Field(description="with the --set indicator values, rescored")
    expected: float | None = Field(description="after, plus the expected gain of the resolved findings (docs/plan.md)")
    coverage_before: float
    coverage_after: float


class WhatIf(BaseModel):
    """How the score, the findings and the plan change under a scenario."""

    model_config = ConfigDict(extra="forbid")

    set: dict[str, Any] = Field(description="indicator values set by the scenario")
    resolve: list[str] = Field(description="findings assumed resolved")
    score: WhatIfScore
    findings_removed: list[str]
    findings_added: list[str]
    findings_changed: list[str] = Field(description="findings whose severity changed")
    steps_removed: list[str]
    steps_added: list[str]
    roadmap_before: list[list[str]]
    roadmap_after: list[list[str]]
    before: Advice
    after: Advice


def _apply_set(indicators: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    result = {k: (dict(v) if isinstance(v, dict) else v) for k, v in indicators.items()}
    for name, value in values.items():
        if "." in name:
            base, key = name.split(".", 1)
            current = result.get(base)
            mapping = dict(current) if isinstance(current, dict) else {}
            mapping[key] = value
            result[base] = mapping
        elif value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def what_if(
    profile: Profile,
    pack: RulePack,
    *,
    set_values: Mapping[str, Any] | None = None,
    resolve: Sequence[str] = (),
    lang: str = "id",
    order: str = "priority",
) -> WhatIf:
    """Advise ``profile`` as it is and under a scenario, and compare.

    The scenario sets indicators (rescored exactly; ``null`` removes one) and
    resolves findings: a resolved finding is removed from the stated findings
    and its derivation rules do not fire; the score it is expected to recover
    is :func:`expected_gain`, added to the rescored overall as ``expected``.

    Args:
        profile: the profile as evaluated.
        pack: the rule pack.
        set_values: indicator id (or ``map.key``) to its new value.
        resolve: finding ids assumed resolved.
        lang: ``"id"`` or ``"en"``.
        order: roadmap order, ``"priority"`` or ``"gain"``.

    Returns:
        The :class:`WhatIf` comparison.

    Raises:
        AdvisorError: an unknown indicator or finding id (with a suggestion),
            or a finding to resolve that the profile does not have.
        ProfileError: a value set does not fit its indicator.
    """
    from .engine import advise  # the engine imports this module

    values = dict(set_values or {})
    names = set(pack.vocabulary.names) - {"coverage"}
    for name in values:
        if name not in names:
            close = suggest(name, sorted(names))
            raise AdvisorError(f"--set {name}: unknown indicator", hint=f"did you mean {close!r}?" if close else "indicator ids are listed in the rule pack's indicators")
    for fid in resolve:
        if fid not in pack.findings:
            close = suggest(fid, sorted(pack.findings))
            raise AdvisorError(f"--resolve {fid}: unknown finding", hint=f"did you mean {close!r}?" if close else "finding ids are listed in the rule pack's findings")
    before = reorder(advise(profile, pack, lang=lang), order)
    present = {f.id for f in before.findings}
    for fid in resolve:
        if fid not in present:
            listed = ", ".join(sorted(present)) or "-"
            raise AdvisorError(f"--resolve {fid}: the profile has no such finding", hint=f"present findings: {listed}")
    data = profile.model_dump(mode="json", exclude_none=True)
    data["indicators"] = _apply_set(profile.indicators, values)
    changed = profile_from_mapping(data, file="--set")
    facts = normalize_indicators(changed, pack)
    scores = compute_scores(pack, facts)
    middle = advise(changed, pack, lang=lang)
    resolved = sorted(set(resolve))
    data["findings"] = [f for f in data.get("findings", []) if f.get("id") not in resolved]
    scenario = profile_from_mapping(data, file="--set")
    reduced = dataclasses.replace(pack, derive_rules=tuple(r for r in pack.derive_rules if r.rule.finding not in resolved))
    after = reorder(advise(scenario, reduced, lang=lang), order)
    rank_middle = {f.id: SEVERITY_RANK[f.severity] for f in middle.findings}
    gain, _ = expected_gain(pack, scores, rank_middle, resolved)
    overall_after = after.score.overall
    expected = None if overall_after is None or gain is None else round(min(100.0, overall_after + gain), 2)
    severity_before = {f.id: f.severity for f in before.findings}
    severity_after = {f.id: f.severity for f in after.findings}
    steps_before = {r.id for r in before.recommendations}
    steps_after = {r.id for r in after.recommendations}
    return WhatIf(
        set=values,
        resolve=resolved,
        score=WhatIfScore(
            before=before.score.overall,
            after=overall_after,
            expected=expected,
            coverage_before=before.score.coverage,
            coverage_after=after.score.coverage,
        ),
        findings_removed=sorted(set(severity_before) - set(severity_after)),
        findings_added=sorted(set(severity_after) - set(severity_before)),
        findings_changed=sorted(f for f in set(severity_before) & set(severity_after) if severity_before[f] != severity_after[f]),
        steps_removed=sorted(steps_before - steps_after),
        steps_added=sorted(steps_after - steps_before),
        roadmap_before=before.roadmap,
        roadmap_after=after.roadmap,
        before=before,
        after=after,
    )
