"""From ranked recommendations to a plan: root causes, prerequisites, conflicts, phases.

:func:`outline_plan` is step 6 of :func:`asn_advisor.advise`: it works on plain
data (:class:`Candidate` in, :class:`Step` out) and the engine builds each
recommendation's model from its step afterwards, once.  In order:

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
from typing import NamedTuple

from asn_advisor.engine.gain import GainModel
from asn_advisor.engine.plan_index import Fixed, PackIndex, pack_index
from asn_advisor.engine.priority import Term
from asn_advisor.engine.roadmap import order_roadmap
from asn_advisor.i18n import t
from asn_advisor.pack import RulePack

__all__ = [
    "Candidate",
    "DroppedStep",
    "Outline",
    "Step",
    "listed_priority",
    "outline_plan",
]


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


class Candidate(NamedTuple):
    """A recommendation the rules made, as the plan reads it."""

    id: str
    contributions: tuple[float, ...]  # of its priority terms, in order
    addresses: tuple[str, ...]  # sorted


@dataclasses.dataclass(slots=True)
class Step:
    """One planned step as plain data; the engine builds its :class:`Recommendation` from it, once."""

    id: str
    priority: float
    addresses: tuple[str, ...]
    top: int  # the highest severity rank among the findings addressed
    fixed: Fixed
    root_terms: Sequence[Term] = ()
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


def listed_priority(step: Step, candidate: Candidate | None) -> float:
    """The priority the advice lists for a planned step.

    A candidate keeps its own priority even where the plan also brought it
    in as a prerequisite of a stronger step (the step then ranks as one);
    root-cause terms add to it.
    """
    if candidate is None or step.root_terms or not step.added_as_prerequisite:
        # A step ranked from its candidate already has this priority: the sum of the same contributions.
        return step.priority
    return round(sum(candidate.contributions), 3)


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
class Outline:
    """The plan of one profile as plain data: steps ranked, dropped ones, the roadmap."""

    steps: list[Step]
    dropped: list[DroppedStep]
    roadmap: list[list[str]]


def outline_plan(
    pack: RulePack,
    candidates: Iterable[Candidate],
    findings_rank: Mapping[str, int],
    gains: Callable[[], GainModel] | None,
    root_terms: Callable[[dict[str, list[str]]], Sequence[Term]],
    lang: str,
    order: str = "priority",
) -> Outline:
    """The plan of one profile, as plain data (the method is in the module docstring).

    Args:
        pack: the rule pack.
        candidates: the recommendations the rules made.
        findings_rank: present findings and their severity ranks (1..3).
        gains: makes the profile's expected-gain model; ``None`` ranks only:
            the steps get their root-cause terms, prerequisites and priority
            and are ranked, conflicting ones are dropped, but relations,
            gains, explanations and the roadmap are left out (the lean
            summary stops here).
        root_terms: given ``effect -> addressed causes`` (sorted), the
            root-cause terms.
        lang: language of the explanations.
        order: the order within a phase after quick wins.
    """
    index = pack_index(pack)
    explain = gains is not None
    ranked = _rank_with_root_causes(index, candidates, findings_rank, root_terms, lang, explain)
    planned, dropped, added = _plan_prerequisites(index, ranked, lang, explain)
    # Without a prerequisite added, the planned steps are the ranked ones, in their order.
    steps = sorted(planned.values(), key=Step.sort_key) if added else list(planned.values())
    if gains is None:
        return Outline(steps, dropped, [])
    _relate_and_explain(index, planned, steps, gains(), lang)
    return Outline(steps, sorted(dropped, key=lambda d: (-d.priority, d.id)), order_roadmap(steps, order))


def _rank_with_root_causes(
    index: PackIndex,
    candidates: Iterable[Candidate],
    findings_rank: Mapping[str, int],
    root_terms: Callable[[dict[str, list[str]]], Sequence[Term]],
    lang: str,
    explain: bool,
) -> list[Step]:
    """Each candidate as a step with its root-cause bonus, ranked by the engine's key."""
    fixed = index.fixed
    # Only findings that cause another present one can earn a root-cause bonus.
    graph, present = index.causes, findings_rank.keys()
    sources = {f for f in present if not present.isdisjoint(graph.get(f, ()))}
    reach: dict[str, list[str]] = {}  # source -> the present findings it causes
    rank_of = findings_rank.__getitem__
    keyed: list[tuple[tuple[float, int, int, str], Step]] = []
    for rec_id, contributions, addresses in candidates:
        top = max(map(rank_of, addresses)) if addresses else 0
        step: Step = Step(rec_id, 0.0, addresses, top, fixed[rec_id])
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
                terms = step.root_terms = root_terms(effects)
                contributions = contributions + tuple([term.contribution for term in terms])
                step.root_cause_of = list(effects)
                if explain:
                    causes = sorted({c for via in effects.values() for c in via})
                    step.explanation.append(
                        t("plan.root_cause", lang, effects=", ".join(effects), causes=", ".join(causes))
                    )
        priority = step.priority = round(sum(contributions), 3)
        # Step.sort_key, written out: the ids are distinct, so the steps themselves are never compared.
        keyed.append(((-priority, -top, -len(addresses), rec_id), step))
    keyed.sort()
    return [step for _, step in keyed]


def _plan_prerequisites(
    index: PackIndex, ranked: list[Step], lang: str, explain: bool
) -> tuple[dict[str, Step], list[DroppedStep], bool]:
    """Prerequisites and conflicts, strongest first: the planned steps by id, those dropped, whether any was added."""
    fixed = index.fixed
    added = False
    planned: dict[str, Step] = {}
    needed_by: dict[str, str] = {}  # prerequisite -> the step that first brought it in
    dropped: list[DroppedStep] = []
    closure, conflicts, rivals = index.closure, index.conflicts, index.rivals
    for step in ranked:
        prerequisites = closure[step.id]
        if conflicts:
            # The first member (the step, then its prerequisites) that conflicts with a planned
            # step, and the first such planned step by id.
            clash = None
            for member in (step.id, *prerequisites):
                hits = [kept for kept in rivals[member] if kept in planned]
                if hits:
                    clash = (member, min(hits))
                    break
            if clash is not None:
                member, kept = clash
                owner = needed_by.get(kept)
                if not explain:
                    reason = ""
                elif member == step.id:
                    reason = t("plan.dropped", lang, kept=kept)
                else:
                    reason = t("plan.dropped.through", lang, prerequisite=member, kept=kept)
                if owner is not None and explain:
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
                added = True
    return planned, dropped, added


def _relate_and_explain(
    index: PackIndex,
    planned: dict[str, Step],
    steps: list[Step],
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
