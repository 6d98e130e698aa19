"""The advisor: a profile and a rule pack in, an explained :class:`Advice` out.

Steps, each deterministic:

1. normalize the profile's indicators against the pack (ratings to 0..100);
2. score the dimensions (:mod:`.scoring`); coverage becomes the name ``coverage``;
3. run the derivation rules in dependency order: a rule that reads a finding
   runs after every rule that can produce it; stated findings come first;
4. run the recommendation rules and add up each recommendation's priority
   from the findings it addresses (see :func:`priority_terms`);
5. rank: higher priority first, then the most severe finding addressed, then
   the number of findings addressed, then the id; none of this depends on
   the order of rules in files or findings in the profile;
6. turn the ranking into a plan (:func:`.plan.build_plan`): root-cause terms,
   prerequisites, conflicts, phases and expected gains (docs/plan.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.plan import build_plan
from asn_advisor.engine.priority import RANK_SEVERITY, plain, priority_terms, rounded
from asn_advisor.engine.scoring import ScoreComputation, compute_scores, score_interval
from asn_advisor.errors import ArgumentError
from asn_advisor.i18n import Message, number, t
from asn_advisor.model import (
    Advice,
    DataGap,
    DimensionScore,
    Evidence,
    FindingResult,
    InPlace,
    MetricScore,
    PackInfo,
    PriorityTerm,
    Profile,
    Recommendation,
    RuleReference,
    ScoreInterval,
    ScoreResult,
    Strength,
    UnsupportedProposal,
    check_findings,
    normalize_indicators,
)
from asn_advisor.pack import CompiledRecommend, RecommendationSpec, RulePack

__all__ = ["action_fields", "advise", "note_unknown", "proposal_term"]


@dataclass
class _FindingState:
    rank: int
    stated: bool
    evidence: list[Evidence] = field(default_factory=list)


def note_unknown(
    unknown_rules: dict[str, set[str]], names: Iterable[str], facts: Mapping[str, Any], rule_id: str
) -> None:
    """Record that ``rule_id`` stayed unknown for each of ``names`` the facts lack (the data gaps)."""
    for name in names:
        if facts.get(name) is None:
            unknown_rules.setdefault(name, set()).add(rule_id)


def _values_read(names: frozenset[str], values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: plain(values[name]) for name in sorted(names) if values.get(name) is not None}


def advise(profile: Profile, rules: RulePack, *, lang: str = "id") -> Advice:
    """Score ``profile`` and recommend improvements with ``rules``.

    Args:
        profile: the program's profile (see :func:`load_profile`).
        rules: a pack from :func:`load_rules`.
        lang: ``"id"`` (Indonesian, the default) or ``"en"``.

    Returns:
        The :class:`Advice`, recommendations already ranked.

    Raises:
        ProfileError: an indicator or finding does not fit the pack.
    """
    check_arguments(profile, rules, lang)
    try:
        return _advise(profile, rules, lang)
    except (AttributeError, KeyError, TypeError, IndexError) as error:
        # Models are plain objects a caller may change after loading; what
        # the checks above do not catch still ends as the project's error.
        raise ArgumentError(
            Message(
                "the profile or rule pack is not in a valid state: {kind}: {error}",
                kind=type(error).__name__,
                error=error,
            ),
            hint=Message("load them with load_profile and load_rules, and change them only through validated models"),
        ) from None


def check_arguments(profile: Any, rules: Any, lang: Any) -> None:
    """Refuse ``None``, wrong types and a profile changed into an invalid state, with :class:`ArgumentError`."""
    if not isinstance(profile, Profile):
        raise ArgumentError(
            Message("advise() needs a Profile, got {kind}", kind=type(profile).__name__),
            hint=Message("read one with load_profile(path) or Profile.model_validate(mapping)"),
        )
    if not isinstance(rules, RulePack):
        raise ArgumentError(
            Message("advise() needs a RulePack, got {kind}", kind=type(rules).__name__),
            hint=Message("load one with load_rules()"),
        )
    if lang not in ("id", "en"):
        raise ArgumentError(Message("lang must be 'id' or 'en'"))
    try:
        # Assignments to a model are not validated: validate the whole profile again.
        Profile.model_validate(profile.model_dump(warnings=False))
    except ValidationError as error:
        details = error.errors()
        where = ".".join(str(part) for part in details[0]["loc"]) if details else ""
        reason = details[0]["msg"] if details else "invalid"
        raise ArgumentError(
            Message("the profile is not valid: {where}: {reason}", where=where or "profile", reason=reason),
            hint=Message("a profile changed after loading must still be a valid profile"),
        ) from None
    except (AttributeError, TypeError, ValueError) as error:
        raise ArgumentError(
            Message("the profile is not valid: {where}: {reason}", where=type(error).__name__, reason=error),
            hint=Message("a profile changed after loading must still be a valid profile"),
        ) from None


def _advise(profile: Profile, rules: RulePack, lang: str) -> Advice:
    values = normalize_indicators(profile, rules)
    check_findings(profile, rules)
    scores = compute_scores(rules, values)
    facts: dict[str, Any] = dict(values)
    facts["coverage"] = scores.coverage * 100.0

    states: dict[str, _FindingState] = {}
    for stated in sorted(profile.findings, key=lambda f: (f.id, f.severity or "", f.source or "", f.evidence)):
        rank = SEVERITY_RANK[stated.severity or rules.findings[stated.id].severity]
        state = states.setdefault(stated.id, _FindingState(rank=rank, stated=True))
        state.rank = max(state.rank, rank)
        texts: list[str | None] = list(stated.evidence) or [None]
        for text in texts:
            state.evidence.append(Evidence(kind="stated", text=text, source=stated.source))

    findings_rank: dict[str, int] = {fid: s.rank for fid, s in states.items()}
    unknown_rules: dict[str, set[str]] = {}

    for rule in rules.derive_rules:
        outcome = rule.condition.evaluate(facts, findings_rank)
        if outcome is None:
            note_unknown(unknown_rules, rule.condition.names, facts, rule.id)
            continue
        if outcome is not True:
            continue
        severity: str = rule.rule.severity
        for condition, level in rule.escalations:
            if condition.evaluate(facts, findings_rank) is True:
                severity = level
                break
        rank = SEVERITY_RANK[severity]
        finding_id = rule.rule.finding
        found = states.get(finding_id)
        if found is None:
            found = states[finding_id] = _FindingState(rank=rank, stated=False)
        state = found
        state.rank = max(state.rank, rank)
        findings_rank[finding_id] = state.rank
        state.evidence.append(
            Evidence(
                kind="rule",
                text=rule.rule.because.get(lang) if rule.rule.because else None,
                rule=rule.id,
                file=rule.location.file,
                line=rule.location.line,
                values=_values_read(rule.names, facts),
            )
        )

    fired: dict[str, list[CompiledRecommend]] = {}
    for rec_rule in rules.recommend_rules:
        outcome = rec_rule.condition.evaluate(facts, findings_rank)
        if outcome is None:
            note_unknown(unknown_rules, rec_rule.condition.names, facts, rec_rule.id)
            continue
        if outcome is not True:
            continue
        if not any(f in findings_rank for f in rec_rule.addresses):
            continue
        for rec_id in rec_rule.rule.recommend:
            fired.setdefault(rec_id, []).append(rec_rule)

    program_type = _program_type(profile)
    for rec_id in [r for r in fired if not _suits(rules, r, program_type)]:
        del fired[rec_id]
    in_place = _in_place(rules, facts, findings_rank, fired, lang)
    for item in in_place:
        fired.pop(item.id, None)
    proposed, unsupported = _proposals(rules, profile, program_type, in_place, lang)
    for rec_id in proposed:
        fired.setdefault(rec_id, [])

    recommendations: list[Recommendation] = []
    for rec_id, rec_rules in fired.items():
        addressed: dict[str, float] = {}
        for rec_rule in rec_rules:
            for finding_id in rec_rule.addresses:
                if finding_id in findings_rank:
                    addressed[finding_id] = max(addressed.get(finding_id, 0.0), rec_rule.rule.weight)
        terms = priority_terms(rules, addressed, findings_rank, scores)
        if rec_id in proposed:
            terms.append(proposal_term(rules))
        priority = round(sum(t.contribution for t in terms), 3)
        spec = rules.recommendations[rec_id]
        because = [
            RuleReference(
                rule=r.id,
                file=r.location.file,
                line=r.location.line,
                when=r.rule.when,
                text=r.rule.because.get(lang) if r.rule.because else None,
                values=_values_read(r.condition.names, facts),
                findings=sorted(f for f in r.condition.findings if f in findings_rank),
                weight=r.rule.weight,
            )
            for r in sorted(rec_rules, key=lambda r: r.id)
        ]
        recommendations.append(
            Recommendation(
                rank=1,
                id=rec_id,
                title=spec.label.get(lang),
                description=spec.description.get(lang) if spec.description else None,
                priority=priority,
                addresses=sorted(addressed),
                because=because,
                priority_breakdown=terms,
                effort=spec.effort,
                time_to_impact=spec.time_to_impact,
                **action_fields(spec, lang),
                proposed_by_report=rec_id in proposed,
            )
        )

    def sort_key(rec: Recommendation) -> tuple[float, int, int, str]:
        top = max((findings_rank[f] for f in rec.addresses), default=0)
        return (-rec.priority, -top, -len(rec.addresses), rec.id)

    recommendations.sort(key=sort_key)
    for position, rec in enumerate(recommendations, start=1):
        rec.rank = position

    finding_results = [
        FindingResult(
            id=fid,
            label=rules.findings[fid].label.get(lang),
            severity=RANK_SEVERITY[state.rank],
            source="stated" if state.stated else "derived",
            dimension=rules.findings[fid].dimension,
            evidence=state.evidence,
        )
        for fid, state in states.items()
    ]
    finding_results.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.source != "stated", f.id))

    advice = Advice(
        lang=lang,
        program=profile.program,
        pack=PackInfo(id=rules.id, version=rules.version, digest=rules.digest),
        score=_score_result(rules, scores, lang),
        findings=finding_results,
        recommendations=recommendations,
        data_gaps=_data_gaps(rules, scores, unknown_rules, lang),
        in_place=in_place,
        unsupported_proposals=unsupported,
        strengths=_strengths(rules, profile, values, lang),
    )
    _set_interval(advice.score, rules, values, scores, lang)
    # Root causes, prerequisites, conflicts and the phased roadmap.
    return build_plan(advice, rules, scores)


def _score_result(rules: RulePack, scores: ScoreComputation, lang: str) -> ScoreResult:
    dimensions = []
    for result in scores.dimensions:
        band = rules.band_for(result.score)
        dimensions.append(
            DimensionScore(
                id=result.dimension.id,
                label=result.dimension.spec.label.get(lang),
                score=rounded(result.score),
                band=band.id if band else None,
                band_label=band.label.get(lang) if band else None,
                weight=result.dimension.spec.weight,
                metrics=[
                    MetricScore(
                        metric=m.metric.name,
                        value=plain(m.value),
                        score=rounded(m.score),
                        primary=m.metric.spec.primary,
                    )
                    for m in result.metrics
                ],
                caps=list(result.caps),
            )
        )
    band = rules.band_for(scores.overall)
    return ScoreResult(
        overall=rounded(scores.overall),
        band=band.id if band else None,
        band_label=band.label.get(lang) if band else None,
        coverage=rounded(scores.coverage, 4) or 0.0,
        dimensions=dimensions,
    )


def _data_gaps(
    rules: RulePack, scores: ScoreComputation, unknown_rules: dict[str, set[str]], lang: str
) -> list[DataGap]:
    gaps: dict[str, DataGap] = {}

    def label(name: str) -> str:
        base = name.split(".", 1)[0]
        spec = rules.indicators.get(base)
        text = spec.label.get(lang) if spec else name
        return f"{text} ({name.split('.', 1)[1]})" if "." in name else text

    for name in sorted(unknown_rules):
        if name == "coverage":
            continue
        gaps[name] = DataGap(indicator=name, label=label(name), decides=sorted(unknown_rules[name]))
    for result in scores.dimensions:
        if result.score is not None:
            continue
        for metric, metric_result in zip(result.dimension.metrics, result.metrics, strict=True):
            if not metric.spec.primary or metric_result.value is not None:
                continue
            for name in sorted(metric.evaluate.names):
                gap = gaps.setdefault(name, DataGap(indicator=name, label=label(name)))
                if result.dimension.id not in gap.dimensions:
                    gap.dimensions.append(result.dimension.id)
    return [gaps[name] for name in sorted(gaps)]


def _program_type(profile: Profile) -> str:
    """The program's type as the pack names it; a profile without one is read as training, the commonest."""
    raw = (profile.program.type or "pelatihan").strip().lower()
    return raw.replace("-", "_").replace(" ", "_")


def _suits(rules: RulePack, rec_id: str, program_type: str) -> bool:
    types = rules.recommendations[rec_id].program_types
    return not types or program_type in types


def action_fields(spec: RecommendationSpec, lang: str) -> dict[str, Any]:
    """What acting on a recommendation takes, in ``lang``: only the fields the pack gives."""
    fields: dict[str, Any] = {}
    if spec.first_steps:
        fields["first_steps"] = [step.get(lang) for step in spec.first_steps]
    if spec.actors:
        fields["actors"] = list(spec.actors)
        fields["actor_labels"] = [t(f"quality.actor.{actor}", lang) for actor in spec.actors]
    if spec.cost is not None:
        fields["cost"] = spec.cost
    if spec.first_result is not None:
        fields["first_result"] = spec.first_result.get(lang)
    if spec.basis is not None:
        fields["basis"] = spec.basis.get(lang)
    return fields


def proposal_term(rules: RulePack) -> PriorityTerm:
    """The priority term of a recommendation the evaluation itself proposes: the pack's ``report_proposal`` points."""
    points = rules.scoring.priority.report_proposal
    return PriorityTerm(
        finding="",
        severity="medium",
        severity_factor=1.0,
        dimension=None,
        dimension_share=0.0,
        dimension_score=None,
        gap_term=1.0,
        rule_weight=1.0,
        contribution=rounded(points, 4) or 0.0,
        kind="report_proposal",
    )


def _in_place(
    rules: RulePack,
    facts: Mapping[str, Any],
    findings_rank: Mapping[str, int],
    fired: Mapping[str, list[CompiledRecommend]],
    lang: str,
) -> list[InPlace]:
    """Remedies the indicators show are in place; working when no present finding they answer remains."""
    out: list[InPlace] = []
    for rec_id in sorted(rules.in_place):
        condition = rules.in_place[rec_id]
        outcome = condition.evaluate(facts, findings_rank)
        if outcome is not True:
            continue
        spec = rules.recommendations[rec_id]
        present = sorted({f for r in fired.get(rec_id, []) for f in r.addresses if f in findings_rank})
        out.append(
            InPlace(
                id=rec_id,
                title=spec.label.get(lang),
                because=spec.in_place_because.get(lang) if spec.in_place_because else None,
                values=_values_read(condition.names, facts),
                working=not present,
                findings=present,
            )
        )
    return out


def _proposals(
    rules: RulePack, profile: Profile, program_type: str, in_place: list[InPlace], lang: str
) -> tuple[set[str], list[UnsupportedProposal]]:
    """The evaluation's proposals the advisor takes as evidence, and those it does not support, with why."""
    placed = {item.id: item for item in in_place}
    supported: set[str] = set()
    unsupported: list[UnsupportedProposal] = []
    for rec_id in dict.fromkeys(p.id for p in profile.proposals):
        spec = rules.recommendations.get(rec_id)
        if spec is None:
            why = t("quality.proposal.unknown", lang)
            unsupported.append(UnsupportedProposal(id=rec_id, title=rec_id, reason="unknown", why=why))
        elif not _suits(rules, rec_id, program_type):
            why = t("quality.proposal.program_type", lang, type=program_type.replace("_", " "))
            unsupported.append(
                UnsupportedProposal(id=rec_id, title=spec.label.get(lang), reason="program_type", why=why)
            )
        elif rec_id in placed:
            item = placed[rec_id]
            why = t("quality.proposal.in_place", lang, because=item.because or "")
            if not item.working:
                labels = ", ".join(rules.findings[f].label.get(lang) for f in item.findings)
                why += " " + t("quality.in_place.not_working", lang, findings=labels)
            unsupported.append(UnsupportedProposal(id=rec_id, title=spec.label.get(lang), reason="in_place", why=why))
        else:
            supported.add(rec_id)
    return supported, unsupported


def _strengths(rules: RulePack, profile: Profile, values: Mapping[str, Any], lang: str) -> list[Strength]:
    """Indicators at or above their targets, then the strengths the evaluation states."""
    out: list[Strength] = []
    for name in sorted(rules.indicators):
        spec = rules.indicators[name]
        value = values.get(name)
        if spec.target is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        if value >= spec.target:
            label = spec.label.get(lang)
            shown = {"value": number(value, lang, "value"), "target": number(spec.target, lang, "value")}
            text = t("quality.strength.indicator", lang, label=label, **shown)
            out.append(Strength(kind="indicator", text=text, indicator=name, value=plain(value), target=spec.target))
    for stated in profile.strengths:
        out.append(Strength(kind="stated", text=stated.text, source=stated.source))
    return out


def _set_interval(
    result: ScoreResult, rules: RulePack, values: Mapping[str, Any], scores: ScoreComputation, lang: str
) -> None:
    interval = score_interval(rules, values, scores)
    if interval is None:
        return
    low_band, high_band = rules.band_for(interval.low), rules.band_for(interval.high)
    result.interval = ScoreInterval(
        low=rounded(interval.low) or 0.0,
        high=rounded(interval.high) or 0.0,
        band_low=low_band.id if low_band else None,
        band_high=high_band.id if high_band else None,
    )
    result.band_certain = low_band == high_band
    if not result.band_certain:
        result.band_settled_by = list(interval.open_indicators)
        result.band_settled_by_labels = [_indicator_label(rules, name, lang) for name in interval.open_indicators]


def _indicator_label(rules: RulePack, name: str, lang: str) -> str:
    base, _, key = name.partition(".")
    spec = rules.indicators.get(base)
    text = spec.label.get(lang) if spec else name
    return f"{text} ({key})" if key else text
