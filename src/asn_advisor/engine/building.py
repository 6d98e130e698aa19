"""The last step of the engine: plain data in, the :class:`Advice` models out, each built once, complete.

Everything the models hold was decided before this module runs (scores,
firing, priority terms, the plan's outline): here nothing is patched or
re-ranked, each model is constructed with its final values.

Models are made without running pydantic's validators (:mod:`.construct`
says why that is safe).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any

from asn_advisor.engine.construct import complete as _complete
from asn_advisor.engine.construct import completes as _completes
from asn_advisor.engine.construct import make
from asn_advisor.engine.firing import Firing
from asn_advisor.engine.plan import Candidate, DroppedStep, Outline, Step, listed_priority
from asn_advisor.engine.plan_index import pack_index
from asn_advisor.engine.prepared import Prepared, RuleText
from asn_advisor.engine.priority import RANK_SEVERITY, Term, plain, rounded
from asn_advisor.engine.scoring import ScoreComputation, ScoreInterval
from asn_advisor.i18n import number, t
from asn_advisor.model import (
    Advice,
    DataGap,
    DimensionScore,
    DroppedRecommendation,
    Evidence,
    FindingResult,
    InPlace,
    MetricScore,
    PackInfo,
    PriorityTerm,
    Profile,
    Recommendation,
    RelationReference,
    RuleReference,
    ScoreResult,
    Strength,
    UnsupportedProposal,
)
from asn_advisor.model import ScoreInterval as IntervalModel
from asn_advisor.pack import CompiledRecommend, RulePack

__all__ = ["build_advice", "make", "relation_reference"]


def _values_read(names: tuple[str, ...], facts: Mapping[str, Any]) -> dict[str, Any]:
    """The values a condition read, by name (``names`` sorted)."""
    out = {}
    for name in names:
        value = facts.get(name)
        if value is None:
            continue
        # plain() of the common kinds of value, without the call.
        kind = type(value)
        if kind is float:
            out[name] = round(value, 4) + 0.0
        elif kind is int or kind is bool or kind is str:
            out[name] = value
        else:
            out[name] = plain(value)
    return out


class _Reads:
    """The values each rule read in one profile, computed once per rule; each model gets its own copy."""

    __slots__ = ("_facts", "_seen")

    def __init__(self, facts: Mapping[str, Any]) -> None:
        self._facts = facts
        self._seen: dict[str, dict[str, Any]] = {}

    def __call__(self, rule: RuleText) -> dict[str, Any]:
        found = self._seen.get(rule.id)
        if found is None:
            found = self._seen[rule.id] = _values_read(rule.names, self._facts)
        return found.copy()


# ---------------------------------------------------------------- scores


def _score_result(
    rules: RulePack, scores: ScoreComputation, interval: ScoreInterval | None, prep: Prepared
) -> ScoreResult:
    lang = prep.lang
    dimensions = []
    for result in scores.dimensions:
        band = rules.band_for(result.score)
        spec = result.dimension.spec
        metrics = _completes(
            MetricScore,
            [
                {
                    "metric": m.metric.name,
                    "value": plain(m.value),
                    "score": rounded(m.score),
                    "primary": m.metric.spec.primary,
                }
                for m in result.metrics
            ],
        )
        dimensions.append(
            _complete(
                DimensionScore,
                {
                    "id": result.dimension.id,
                    "label": spec.label.get(lang),
                    "score": rounded(result.score),
                    "band": band.id if band else None,
                    "band_label": band.label.get(lang) if band else None,
                    "weight": float(spec.weight),
                    "metrics": metrics,
                    "caps": list(result.caps),
                },
            )
        )
    band = rules.band_for(scores.overall)
    values: dict[str, Any] = {
        "overall": rounded(scores.overall),
        "band": band.id if band else None,
        "band_label": band.label.get(lang) if band else None,
        "coverage": rounded(scores.coverage, 4) or 0.0,
        "dimensions": dimensions,
    }
    if interval is not None:
        low_band, high_band = rules.band_for(interval.low), rules.band_for(interval.high)
        values["interval"] = make(
            IntervalModel,
            {
                "low": rounded(interval.low) or 0.0,
                "high": rounded(interval.high) or 0.0,
                "band_low": low_band.id if low_band else None,
                "band_high": high_band.id if high_band else None,
            },
        )
        certain = values["band_certain"] = low_band == high_band
        if not certain:
            values["band_settled_by"] = list(interval.open_indicators)
            values["band_settled_by_labels"] = [_indicator_label(prep, name) for name in interval.open_indicators]
    return make(ScoreResult, values)


def _indicator_label(prep: Prepared, name: str) -> str:
    label = prep.indicators.get(name)
    if label is not None:
        return label
    base, _, key = name.partition(".")
    text = prep.indicators.get(base, name)
    return f"{text} ({key})" if key else text


def _data_gaps(scores: ScoreComputation, unknown_rules: dict[str, set[str]], prep: Prepared) -> list[DataGap]:
    gaps: dict[str, tuple[str, list[str], list[str]]] = {}  # indicator -> (label, decides, dimensions)
    for name in sorted(unknown_rules):
        if name == "coverage":
            continue
        gaps[name] = (_indicator_label(prep, name), sorted(unknown_rules[name]), [])
    for result in scores.dimensions:
        if result.score is not None:
            continue
        for metric, metric_result in zip(result.dimension.metrics, result.metrics, strict=True):
            if not metric.spec.primary or metric_result.value is not None:
                continue
            for name in sorted(metric.evaluate.names):
                gap = gaps.get(name)
                if gap is None:
                    gap = gaps[name] = (_indicator_label(prep, name), [], [])
                if result.dimension.id not in gap[2]:
                    gap[2].append(result.dimension.id)
    return [
        _complete(DataGap, {"indicator": name, "label": label, "decides": decides, "dimensions": dims})
        for name, (label, decides, dims) in sorted(gaps.items())
    ]


def _shown_value(raw: Any, value: float, sign: str, lang: str) -> str:
    """A value as the advice states it; a rating also as the evaluation gave it, on its own scale."""
    shown = number(value, lang, "value") + sign
    if isinstance(raw, Mapping) and "scale" in raw and isinstance(raw.get("value"), (int, float)):
        scale = str(raw["scale"]).replace("-", "\u2013")
        return t("quality.strength.rating", lang, value=shown, raw=number(raw["value"], lang, "value"), scale=scale)
    return shown


def _strengths(profile: Profile, values: Mapping[str, Any], prep: Prepared) -> list[Strength]:
    """Indicators at or above their targets, then the strengths the evaluation states."""
    lang = prep.lang
    out: list[Strength] = []
    for name, target, label, target_text, sign in prep.targets:
        value = values.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if value >= target:
            shown = {"value": _shown_value(profile.indicators.get(name), value, sign, lang), "target": target_text}
            text = t("quality.strength.indicator", lang, label=label, **shown)
            out.append(
                make(
                    Strength,
                    {
                        "kind": "indicator",
                        "text": text,
                        "indicator": name,
                        "value": plain(value),
                        "target": float(target),
                    },
                )
            )
    for stated in profile.strengths:
        out.append(
            _complete(
                Strength,
                {
                    "kind": "stated",
                    "text": stated.text,
                    "indicator": None,
                    "value": None,
                    "target": None,
                    "source": stated.source,
                },
            )
        )
    return out


# ---------------------------------------------------------------- findings


def _findings(firing: Firing, facts: Mapping[str, Any], prep: Prepared) -> list[FindingResult]:
    out = []
    for fid, state in firing.states.items():
        evidence = []
        for item in state.evidence:
            if isinstance(item, tuple):
                evidence.append(
                    _complete(
                        Evidence,
                        {
                            "kind": "stated",
                            "text": item[0],
                            "source": item[1],
                            "rule": None,
                            "file": None,
                            "line": None,
                            "values": None,
                        },
                    )
                )
            else:
                rule = prep.rule(item)
                evidence.append(
                    _complete(
                        Evidence,
                        {
                            "kind": "rule",
                            "text": rule.text,
                            "source": None,
                            "rule": rule.id,
                            "file": rule.file,
                            "line": rule.line,
                            "values": _values_read(rule.names, facts),
                        },
                    )
                )
        label, dimension = prep.findings[fid]
        out.append(
            _complete(
                FindingResult,
                {
                    "id": fid,
                    "label": label,
                    "severity": RANK_SEVERITY[state.rank],
                    "source": "stated" if state.stated else "derived",
                    "dimension": dimension,
                    "evidence": evidence,
                },
            )
        )
    out.sort(key=lambda f: (-firing.findings_rank[f.id], f.source != "stated", f.id))
    return out


def _in_place(firing: Firing, facts: Mapping[str, Any], rules: RulePack, prep: Prepared) -> list[InPlace]:
    out = []
    for item in firing.in_place:
        spec = rules.recommendations[item.id]
        out.append(
            make(
                InPlace,
                {
                    "id": item.id,
                    "title": prep.recommendations[item.id][0],
                    "because": spec.in_place_because.get(prep.lang) if spec.in_place_because else None,
                    "values": _values_read(tuple(sorted(item.condition.names)), facts),
                    "working": not item.findings,
                    "findings": list(item.findings),
                },
            )
        )
    return out


def _unsupported(firing: Firing, in_place: list[InPlace], prep: Prepared) -> list[UnsupportedProposal]:
    lang = prep.lang
    placed = {item.id: item for item in in_place}
    out = []
    for rec_id, reason in firing.unsupported:
        if reason == "unknown":
            title, why = rec_id, t("quality.proposal.unknown", lang)
        elif reason == "program_type":
            title = prep.recommendations[rec_id][0]
            why = t("quality.proposal.program_type", lang, type=firing.program_type.replace("_", " "))
        else:
            title = prep.recommendations[rec_id][0]
            item = placed[rec_id]
            why = t("quality.proposal.in_place", lang, because=item.because or "")
            if not item.working:
                labels = ", ".join(prep.findings[f][0] for f in item.findings)
                why += " " + t("quality.in_place.not_working", lang, findings=labels)
        out.append(make(UnsupportedProposal, {"id": rec_id, "title": title, "reason": reason, "why": why}))
    return out


# ---------------------------------------------------------------- recommendations


def relation_reference(
    pack: RulePack, relation: str, source: str, target: str, *, named: str | None = None
) -> RelationReference:
    """The reference to one relation of the pack: where it is written and what it cites.

    For ``requires`` the reference names the step that requires (``source``);
    for ``conflicts_with``, the other end (``target``); ``named`` overrides it.
    """
    location = pack.relation_locations.get((relation, source, target))
    cited = next((r.source for r in getattr(pack.recommendations[source], relation) if r.id == target), None)
    return make(
        RelationReference,
        {
            "id": named or (target if relation == "conflicts_with" else source),
            "relation": relation,
            "file": location.file if location else None,
            "line": location.line if location else None,
            "source": cited,
        },
    )


def _terms(terms: Iterable[Term]) -> list[PriorityTerm]:
    # Term has the fields of PriorityTerm, in its order; a dict display is about three times
    # as fast as dict(zip(Term._fields, term)), and there are some 25 terms per advice.
    return _completes(
        PriorityTerm,
        [
            {
                "finding": finding,
                "severity": severity,
                "severity_factor": severity_factor,
                "dimension": dimension,
                "dimension_share": dimension_share,
                "dimension_score": dimension_score,
                "gap_term": gap_term,
                "rule_weight": rule_weight,
                "contribution": contribution,
                "kind": kind,
                "via": list(via),
            }
            for (
                finding,
                severity,
                severity_factor,
                dimension,
                dimension_share,
                dimension_score,
                gap_term,
                rule_weight,
                contribution,
                kind,
                via,
            ) in terms
        ],
    )


def _references(
    rec_rules: list[CompiledRecommend], firing: Firing, reads: _Reads, prep: Prepared
) -> list[RuleReference]:
    present = firing.findings_rank
    texts = [prep.rule(compiled) for compiled in rec_rules]
    if len(texts) > 1:
        texts.sort(key=_by_id)
    return _completes(
        RuleReference,
        [
            {
                "rule": rule.id,
                "file": rule.file,
                "line": rule.line,
                "when": rule.when,
                "text": rule.text,
                "values": reads(rule),
                "findings": [f for f in rule.findings if f in present],
                "weight": rule.weight,
            }
            for rule in texts
        ],
    )


_by_id = attrgetter("id")


def _recommendation(
    rules: RulePack,
    step: Step,
    position: int,
    own: tuple[list[Term], Candidate] | None,
    firing: Firing,
    reads: _Reads,
    prep: Prepared,
) -> Recommendation:
    """One planned step's recommendation.

    ``own`` is the recommendation as the rules made it (its terms and its
    candidate), None for a prerequisite no rule recommended.  A candidate
    keeps its own priority and findings even where the plan also brought it
    in as a prerequisite of a stronger step; root-cause terms add to it.
    """
    title, description, effort, time_to_impact = prep.recommendations[step.id]
    priority: float = step.priority
    addresses: list[str] = []
    because: list[RuleReference] = []
    breakdown: list[PriorityTerm] = []
    if own is not None:
        terms, candidate = own
        priority = listed_priority(step, candidate)
        addresses = list(candidate.addresses)
        because = _references(firing.fired[step.id], firing, reads, prep)
        breakdown = _terms((*terms, *step.root_terms))
        first_steps, actors, actor_labels, cost, first_result, basis = prep.actions[step.id]
    else:
        first_steps, actors, actor_labels, cost, first_result, basis = (), (), (), None, None, None
    # Every field of Recommendation, in its order.
    values: dict[str, Any] = {
        "rank": position,
        "id": step.id,
        "title": title,
        "description": description,
        "priority": priority,
        "addresses": addresses,
        "because": because,
        "priority_breakdown": breakdown,
        "effort": effort,
        "time_to_impact": time_to_impact,
        "phase": step.phase,
        "quick_win": step.quick_win,
        "root_cause_of": list(step.root_cause_of) if step.root_terms else [],
        "added_as_prerequisite": own is None,
        "prerequisite_for": [relation_reference(rules, "requires", other, step.id) for other in step.prerequisite_for]
        if step.prerequisite_for
        else [],
        "requires": list(step.requires),
        "supports": list(step.supports),
        "expected_gain": step.expected_gain,
        "expected_gain_unscored": list(step.expected_gain_unscored),
        "explanation": step.explanation,
        "proposed_by_report": own is not None and step.id in firing.proposed,
        "first_steps": list(first_steps),
        "actors": list(actors),
        "actor_labels": list(actor_labels),
        "cost": cost,
        "first_result": first_result,
        "basis": basis,
    }
    return _complete(Recommendation, values)


def _dropped(rules: RulePack, dropped: DroppedStep, prep: Prepared) -> DroppedRecommendation:
    # conflicts_with is symmetric: written on either side, it binds both.
    written = pack_index(rules).conflicts[frozenset((dropped.through, dropped.kept))]
    return make(
        DroppedRecommendation,
        {
            "id": dropped.id,
            "title": prep.recommendations[dropped.id][0],
            "priority": dropped.priority,
            "addresses": list(dropped.addresses),
            "conflicts_with": relation_reference(rules, "conflicts_with", *written, named=dropped.kept),
            "kept": dropped.kept,
            "through": None if dropped.through == dropped.id else dropped.through,
            "reason": dropped.reason,
        },
    )


def build_advice(
    profile: Profile,
    rules: RulePack,
    prep: Prepared,
    values: Mapping[str, Any],
    facts: Mapping[str, Any],
    scores: ScoreComputation,
    interval: ScoreInterval | None,
    firing: Firing,
    terms: Mapping[str, list[Term]],
    candidates: list[Candidate],
    outline: Outline,
) -> Advice:
    """The advice of one profile from the engine's plain data.

    ``values`` are the normalized indicators, ``facts`` the same with
    ``coverage``; ``terms`` each candidate's own priority terms (the
    root-cause terms are the outline's), ``candidates`` what the plan ranked.
    """
    lang = prep.lang
    in_place = _in_place(firing, facts, rules, prep)
    reads = _Reads(facts)
    own = {candidate.id: (terms[candidate.id], candidate) for candidate in candidates}
    recommendations = [
        _recommendation(rules, step, position, own.get(step.id), firing, reads, prep)
        for position, step in enumerate(outline.steps, start=1)
    ]
    return make(
        Advice,
        {
            "lang": lang,
            "program": profile.program,
            "pack": make(PackInfo, {"id": rules.id, "version": rules.version, "digest": rules.digest}),
            "score": _score_result(rules, scores, interval, prep),
            "findings": _findings(firing, facts, prep),
            "recommendations": recommendations,
            "data_gaps": _data_gaps(scores, firing.unknown_rules, prep),
            "roadmap": outline.roadmap,
            "dropped": [_dropped(rules, dropped, prep) for dropped in outline.dropped],
            "in_place": in_place,
            "unsupported_proposals": _unsupported(firing, in_place, prep),
            "strengths": _strengths(profile, values, prep),
        },
    )
