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
4. **Expected gain** (:func:`~asn_advisor.engine.gain.expected_gain`): a dimension's shortfall
   ``100 - score`` is shared among its present findings in proportion to
   their severity factors; resolving findings recovers their share, and the
   gain is the resulting rise of the overall score.  Where a dimension has no
   score its part is unknown (never zero) and named in
   ``expected_gain_unscored``; with no overall score the gain is null.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import Generic, Literal, NamedTuple, TypeVar

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.gain import GainModel, dimension_scores
from asn_advisor.engine.plan_index import Fixed, PackIndex, pack_index
from asn_advisor.engine.priority import priority_terms
from asn_advisor.engine.roadmap import order_roadmap
from asn_advisor.engine.scoring import ScoreComputation
from asn_advisor.i18n import t
from asn_advisor.model import Advice, DroppedRecommendation, PriorityTerm, Recommendation, RelationReference
from asn_advisor.pack import RulePack

__all__ = [
    "Candidate",
    "DroppedStep",
    "Outline",
    "Step",
    "build_plan",
    "dropped_recommendation",
    "outline_plan",
    "relation_reference",
]

TermT = TypeVar("TermT")


def _reach(causes: Mapping[str, tuple[str, ...]], present: Container[str], start: str) -> list[str]:
    """Present findings caused by ``start``, through present findings only."""
    stack = [c for c in causes.get(start, ()) if c in present]
    seen: list[str] = []
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        stack.extend(c for c in causes.get(current, ()) if c in present)
    return seen


def relation_reference(
    pack: RulePack, relation: Literal["requires", "conflicts_with"], source: str, target: str
) -> RelationReference:
    """The reference to one relation of the pack: where it is written and what it cites.

    For ``requires`` the reference names the step that requires (``source``);
    for ``conflicts_with``, the other end (``target``).
    """
    location = pack.relation_locations.get((relation, source, target))
    cited = next((r.source for r in getattr(pack.recommendations[source], relation) if r.id == target), None)
    return RelationReference(
        id=target if relation == "conflicts_with" else source,
        relation=relation,
        file=location.file if location else None,
        line=location.line if location else None,
        source=cited,
    )


class Candidate(NamedTuple):
    """A recommendation the rules made, as the plan reads it."""

    id: str
    contributions: tuple[float, ...]  # of its priority terms, in order
    addresses: tuple[str, ...]  # sorted


@dataclasses.dataclass(slots=True)
class Step(Generic[TermT]):
    """One planned step, before any rendering; ``root_terms`` are the caller's own term objects."""

    id: str
    priority: float
    addresses: tuple[str, ...]
    top: int  # the highest severity rank among the findings addressed
    fixed: Fixed
    root_terms: Sequence[TermT] = ()
    root_cause_of: Sequence[str] = ()
    added_as_prerequisite: bool = False
    supports: Sequence[str] = ()
    prerequisite_for: list[str] | None = None  # planned steps that require this one
    expected_gain: float | None = None
    expected_gain_unscored: Sequence[str] = ()
    explanation: list[str] = dataclasses.field(default_factory=list)

    @property
    def phase(self) -> int:
        return self.fixed.phase

    @property
    def quick_win(self) -> bool:
        return self.fixed.quick_win

    @property
    def requires(self) -> tuple[str, ...]:
        return self.fixed.requires

    def sort_key(self) -> tuple[float, int, int, str]:
        # The engine's ranking key: priority, most severe finding, breadth, id.
        return (-self.priority, -self.top, -len(self.addresses), self.id)


@dataclasses.dataclass(frozen=True, slots=True)
class DroppedStep:
    """A recommendation left out: ``through`` (itself or a prerequisite) conflicts with ``kept``."""

    id: str
    priority: float
    addresses: tuple[str, ...]
    through: str
    kept: str
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class Outline(Generic[TermT]):
    """The plan of one profile as plain data: steps ranked, dropped ones, the roadmap."""

    steps: list[Step[TermT]]
    dropped: list[DroppedStep]
    roadmap: list[list[str]]


def outline_plan(
    pack: RulePack,
    candidates: Iterable[Candidate],
    findings_rank: Mapping[str, int],
    dimension_scores: Mapping[str, float | None],
    overall_known: bool,
    root_terms: Callable[[dict[str, list[str]]], Sequence[tuple[TermT, float]]],
    lang: str,
    order: str = "priority",
) -> Outline[TermT]:
    """The plan of one profile, as plain data (the method is in the module docstring).

    Both writers of the advice -- :func:`build_plan` on the models and the
    batch writer (:mod:`._fast`) on JSON -- render this one outline, so the
    plan is decided in one place.

    Args:
        pack: the rule pack.
        candidates: the recommendations the rules made.
        findings_rank: present findings and their severity ranks (1..3).
        dimension_scores: every dimension's unrounded score, in the pack's order.
        overall_known: whether the profile has an overall score.
        root_terms: given ``effect -> addressed causes`` (sorted), the
            root-cause terms in the caller's form with their contributions.
        lang: language of the explanations.
        order: the order within a phase after quick wins.
    """
    index = pack_index(pack)
    ranked = _rank_with_root_causes(index, candidates, findings_rank, root_terms, lang)
    planned, dropped = _plan_prerequisites(index, ranked, lang)
    steps = sorted(planned.values(), key=Step.sort_key)
    gains = GainModel.of(pack, dimension_scores, overall_known, findings_rank)
    _relate_and_explain(index, planned, steps, gains, lang)
    return Outline(steps, sorted(dropped, key=lambda d: (-d.priority, d.id)), order_roadmap(steps, order))


def _rank_with_root_causes(
    index: PackIndex,
    candidates: Iterable[Candidate],
    findings_rank: Mapping[str, int],
    root_terms: Callable[[dict[str, list[str]]], Sequence[tuple[TermT, float]]],
    lang: str,
) -> list[Step[TermT]]:
    """Each candidate as a step with its root-cause bonus, ranked by the engine's key."""
    fixed = index.fixed
    # Only findings that cause another present one can earn a root-cause bonus.
    sources = {f for f in findings_rank if any(c in findings_rank for c in index.causes.get(f, ()))}
    reach: dict[str, list[str]] = {}  # source -> the present findings it causes
    ranked: list[Step[TermT]] = []
    for candidate in candidates:
        addresses = candidate.addresses
        step: Step[TermT] = Step(
            candidate.id, 0.0, addresses, max(map(findings_rank.__getitem__, addresses), default=0), fixed[candidate.id]
        )
        contributions = candidate.contributions
        if sources and not sources.isdisjoint(addresses):
            found: dict[str, list[str]] = {}
            for start in addresses:  # sorted, so each effect's causes are too
                if start in sources:
                    reached = reach.get(start)
                    if reached is None:
                        reached = reach[start] = _reach(index.causes, findings_rank, start)
                    for effect in reached:
                        found.setdefault(effect, []).append(start)
            if found:
                effects = {effect: found[effect] for effect in sorted(found)}
                pairs = root_terms(effects)
                step.root_terms = [term for term, _ in pairs]
                contributions = contributions + tuple(contribution for _, contribution in pairs)
                step.root_cause_of = list(effects)
                causes = sorted({c for via in effects.values() for c in via})
                step.explanation.append(
                    t("plan.root_cause", lang, effects=", ".join(effects), causes=", ".join(causes))
                )
        step.priority = round(sum(contributions), 3)
        ranked.append(step)
    ranked.sort(key=Step.sort_key)
    return ranked


def _plan_prerequisites(
    index: PackIndex, ranked: list[Step[TermT]], lang: str
) -> tuple[dict[str, Step[TermT]], list[DroppedStep]]:
    """Prerequisites and conflicts, strongest first: the planned steps by id, and those dropped."""
    fixed = index.fixed
    planned: dict[str, Step[TermT]] = {}
    needed_by: dict[str, str] = {}  # prerequisite -> the step that first brought it in
    dropped: list[DroppedStep] = []
    closure, conflicts = index.closure, index.conflicts
    for step in ranked:
        prerequisites = closure[step.id]
        if conflicts:
            members = (step.id, *prerequisites)
            clash = next(
                ((m, k) for m in members for k in sorted(planned) if k != m and frozenset((m, k)) in conflicts), None
            )
            if clash is not None:
                member, kept = clash
                owner = needed_by.get(kept)
                if member == step.id:
                    reason = t("plan.dropped", lang, kept=kept)
                else:
                    reason = t("plan.dropped.through", lang, prerequisite=member, kept=kept)
                if owner is not None:
                    reason += " " + t("plan.dropped.kept_for", lang, kept=kept, owner=owner)
                dropped.append(DroppedStep(step.id, step.priority, step.addresses, member, kept, reason))
                continue
        if step.id in planned:
            # Brought in earlier as a prerequisite; a rule recommends it too.
            needed_by.pop(step.id, None)
        planned[step.id] = step
        for prerequisite in prerequisites:
            if prerequisite not in planned:
                planned[prerequisite] = Step(prerequisite, 0.0, (), 0, fixed[prerequisite], added_as_prerequisite=True)
                needed_by[prerequisite] = step.id
    return planned, dropped


def _relate_and_explain(
    index: PackIndex,
    planned: dict[str, Step[TermT]],
    steps: list[Step[TermT]],
    gains: GainModel,
    lang: str,
) -> None:
    """Relations, expected gain and explanation of each step (phases and quick wins are the pack's: Fixed)."""
    for other in sorted(planned):
        for prerequisite in planned[other].fixed.requires:
            required = planned[prerequisite]
            if required.prerequisite_for is None:
                required.prerequisite_for = [other]
            else:
                required.prerequisite_for.append(other)
    supports = index.supports
    for step in steps:
        step_fixed = step.fixed
        supported = supports[step.id]
        if supported:
            step.supports = sorted(s for s in supported if s in planned)
        step.expected_gain, step.expected_gain_unscored = gains.gain(step.addresses)
        if step.prerequisite_for:
            users = ", ".join(step.prerequisite_for)
            step.explanation.append(
                t("plan.added_prerequisite" if step.added_as_prerequisite else "plan.prerequisite", lang, steps=users)
            )
        elif step.added_as_prerequisite:
            step.explanation.append(t("plan.added_prerequisite", lang, steps=""))
        if step_fixed.requires:
            step.explanation.append(step_fixed.after[lang])
        if step_fixed.quick_win:
            step.explanation.append(step_fixed.quick_win_text[lang])


def dropped_recommendation(pack: RulePack, dropped: DroppedStep, lang: str) -> DroppedRecommendation:
    """The output model of a dropped step."""
    # conflicts_with is symmetric: written on either side, it binds both.
    written = pack_index(pack).conflicts[frozenset((dropped.through, dropped.kept))]
    reference = relation_reference(pack, "conflicts_with", *written).model_copy(update={"id": dropped.kept})
    return DroppedRecommendation(
        id=dropped.id,
        title=pack.recommendations[dropped.id].label.get(lang),
        priority=dropped.priority,
        addresses=list(dropped.addresses),
        conflicts_with=reference,
        kept=dropped.kept,
        through=None if dropped.through == dropped.id else dropped.through,
        reason=dropped.reason,
    )


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
    lang = advice.lang
    findings_rank = {f.id: SEVERITY_RANK[f.severity] for f in advice.findings}
    weight = pack.scoring.priority.root_cause_weight

    def root_terms(effects: dict[str, list[str]]) -> list[tuple[PriorityTerm, float]]:
        terms = priority_terms(pack, dict.fromkeys(effects, weight), findings_rank, scores)
        for term in terms:
            term.kind = "root_cause"
            term.via = effects[term.finding]
        return [(term, term.contribution) for term in terms]

    by_id = {rec.id: rec for rec in advice.recommendations}
    candidates = [
        Candidate(rec.id, tuple(term.contribution for term in rec.priority_breakdown), tuple(rec.addresses))
        for rec in advice.recommendations
    ]
    outline = outline_plan(
        pack, candidates, findings_rank, dimension_scores(scores), scores.overall is not None, root_terms, lang, order
    )
    advice.recommendations = [
        _planned_recommendation(pack, step, position, by_id.get(step.id), lang)
        for position, step in enumerate(outline.steps, start=1)
    ]
    advice.dropped = [dropped_recommendation(pack, dropped, lang) for dropped in outline.dropped]
    advice.plan_order = order  # type: ignore[assignment]
    advice.roadmap = outline.roadmap
    return advice


def _planned_recommendation(
    pack: RulePack, step: Step[PriorityTerm], position: int, rec: Recommendation | None, lang: str
) -> Recommendation:
    """The recommendation of one planned step: the engine's own, completed, or a new one for an added prerequisite."""
    if rec is None:
        spec = pack.recommendations[step.id]
        rec = Recommendation(
            rank=position,
            id=step.id,
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
    # Only values that differ from the defaults are assigned: pydantic's
    # attribute assignment is the plan's main cost per profile.
    rec.rank = position
    if step.root_terms:
        rec.priority_breakdown = [*rec.priority_breakdown, *step.root_terms]
        rec.priority = step.priority
        rec.root_cause_of = list(step.root_cause_of)
    if step.requires:
        rec.requires = list(step.requires)
    if step.supports:
        rec.supports = list(step.supports)
    if step.prerequisite_for:
        rec.prerequisite_for = [relation_reference(pack, "requires", other, step.id) for other in step.prerequisite_for]
    rec.phase = step.phase
    if step.quick_win:
        rec.quick_win = True
    if step.expected_gain is not None:
        rec.expected_gain = step.expected_gain
    if step.expected_gain_unscored:
        rec.expected_gain_unscored = list(step.expected_gain_unscored)
    if step.explanation:
        rec.explanation = step.explanation
    return rec
